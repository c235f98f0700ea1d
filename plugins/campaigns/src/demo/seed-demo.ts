import { findAll, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer, CustomerRecord } from '@rapport/plugin-customers';
import type { MessageTemplate } from '@rapport/plugin-messaging';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import type { CampaignMember } from '../entities/campaign-member.js';
import type { CareRule } from '../entities/care-rule.js';
import type { Interest } from '../entities/interest.js';
import type { Topic } from '../entities/topic.js';
import { CAMPAIGNS } from '../service.js';
import { follow, inferFromOrder } from '../topics/interests.js';

/** The demo topics: two inferred from the demo sales catalogue, one only declared. */
export const DEMO_TOPICS: Topic[] = [
  {
    key: 'analytics',
    name: 'Analytics',
    keyword: 'ANALYTICS',
    inferFrom: ['Analytics add-on', 'Analytics add-on renewal'],
  },
  { key: 'support', name: 'Premium support', inferFrom: ['Premium support', 'Premium support renewal'] },
  { key: 'partners', name: 'Partner programme', keyword: 'PARTNER' },
];

/** The demo templates: a win-back offer, a "we miss you" note and a birthday greeting, on e-mail and SMS, in English and Chinese. */
export const DEMO_CAMPAIGN_TEMPLATES: MessageTemplate[] = [
  {
    key: 'win-back-offer',
    channel: 'email',
    locale: 'en',
    purpose: 'marketing',
    fields: ['code'],
    subject: 'We miss you, {{customer.name}}',
    text: 'Hello {{customer.name}},\n\nit has been a while. Quote {{data.code}} for 15% off your next order.',
  },
  {
    key: 'win-back-offer',
    channel: 'email',
    locale: 'zh-Hans',
    purpose: 'marketing',
    fields: ['code'],
    subject: '{{customer.name}}，好久不见',
    text: '{{customer.name}}，您好：\n\n好久不见。下次订购时报出 {{data.code}} 可享 85 折。',
  },
  {
    key: 'win-back-offer',
    channel: 'sms',
    locale: 'en',
    purpose: 'marketing',
    fields: ['code'],
    text: 'We miss you! Quote {{data.code}} for 15% off.',
  },
  {
    key: 'birthday-greeting',
    channel: 'email',
    locale: 'en',
    purpose: 'marketing',
    subject: 'Happy birthday, {{customer.name}}!',
    text: 'Happy birthday, {{customer.name}}! All the best from all of us.',
  },
  {
    key: 'birthday-greeting',
    channel: 'sms',
    locale: 'en',
    purpose: 'marketing',
    text: 'Happy birthday, {{customer.name}}!',
  },
];

/** Options of {@link seedDemoCampaigns}. */
export interface SeedCampaignsOptions {
  /** Seed even when a campaign exists (default false: a no-op then). */
  force?: boolean;
}

/** What {@link seedDemoCampaigns} wrote. */
export interface SeedCampaignsReport {
  skipped: boolean;
  topics: number;
  interests: number;
  campaignMembers: number;
  conversions: number;
  careRules: number;
}

/**
 * Seeds the demo's marketing, after customers (classified), sales and messaging demo data:
 * topics (two inferred from the demo orders' products, one declared by every ninth customer),
 * templates, a completed win-back campaign on lapsed A-class customers (at-risk or churned;
 * every A-class one when none has lapsed) with a 20 % control group from a fixed seed, a few
 * orders quoting its code or from reached and control customers so it has results, and care
 * rules: a birthday greeting at 09:00 local (with birthdays for some customers) and a "we miss
 * you" message for A and B customers 90 days without an order.
 */
export async function seedDemoCampaigns(
  kernel: Kernel,
  options: SeedCampaignsOptions = {},
): Promise<SeedCampaignsReport> {
  const system = <T>(entity: string) => kernel.data<T>(entity, { actor: SYSTEM_ACTOR });
  const report: SeedCampaignsReport = {
    skipped: false,
    topics: 0,
    interests: 0,
    campaignMembers: 0,
    conversions: 0,
    careRules: 0,
  };
  if (!options.force && (await system('campaign').count()) > 0) return { ...report, skipped: true };
  const topics = system<Topic>('campaignTopic');
  const interests = system<Interest>('campaignInterest');
  for (const topic of DEMO_TOPICS) await topics.create(topic);
  report.topics = DEMO_TOPICS.length;
  const now = kernel.clock.now();
  const orders = await findAll(system<{ customerId: string; lines?: Array<{ product: string }> }>('order'), {
    where: { status: 'placed' },
    fields: ['customerId', 'lines'],
  });
  for (const order of orders.slice(0, 400)) await inferFromOrder(interests, topics, order, now);
  const everyone = (await findAll(system<Customer>('customer'), {
    where: { internal: { ne: true } },
    sort: ['id'],
  })) as CustomerRecord[];
  for (const [index, customer] of everyone.entries()) {
    if (index % 9 === 0) {
      await follow(
        interests,
        topics,
        { customerId: customer.id, topic: 'partners', source: 'declared', via: 'demo' },
        now,
      );
    }
    if (index % 5 === 0) {
      const month = String((index % 12) + 1).padStart(2, '0');
      const day = String((index % 28) + 1).padStart(2, '0');
      await system<Customer & { birthday?: string }>('customer').update(customer.id, {
        birthday: `${month}-${day}`,
      });
    }
  }
  report.interests = await interests.count();
  const templates = system<MessageTemplate>('messageTemplate');
  for (const template of DEMO_CAMPAIGN_TEMPLATES) {
    if (
      (await templates.count({ key: template.key, channel: template.channel, locale: template.locale })) === 0
    ) {
      await templates.create(template);
    }
  }
  const lapsed = { abcClass: 'A', lifecycleStage: { in: ['at-risk', 'churned'] } };
  const where = (await system('customer').count(lapsed)) > 0 ? lapsed : { abcClass: 'A' };
  const campaign = (await system<Campaign>('campaign').create({
    name: 'Win back lapsed A customers',
    goal: 'Bring lapsed A-class customers back with 15 % off; measured against a 20 % control group.',
    type: 'win-back',
    audience: { where },
    channels: [
      { channel: 'email', templateKey: 'win-back-offer' },
      { channel: 'sms', templateKey: 'win-back-offer' },
    ],
    data: { code: 'COMEBACK15' },
    code: 'COMEBACK15',
    controlShare: 0.2,
    seed: 'quickstart-demo-1',
    budget: { amount: 50_000, currency: 'EUR' },
    cost: { amount: 12_000, currency: 'EUR' },
    attributionDays: 30,
  })) as CampaignRecord;
  const service = kernel.resolve(CAMPAIGNS);
  await service.launch(SYSTEM_ACTOR, campaign.id);
  for (let run = 0; run < 100 && (await service.run(campaign.id)).status === 'running'; run += 1);
  const members = await findAll(system<CampaignMember>('campaignMember'), {
    where: { campaignId: campaign.id },
    sort: ['id'],
  });
  report.campaignMembers = members.length;
  // Results: some reached customers buy (every third; one in two of them quoting the code), one control customer in four buys anyway.
  const reached = members.filter((m) => !m.control && m.status !== 'excluded');
  const control = members.filter((m) => m.control);
  const buyers = [
    ...reached.filter((_, i) => i % 3 === 0).map((m, i) => ({ m, code: i % 2 === 0 })),
    ...control.filter((_, i) => i % 4 === 0).map((m) => ({ m, code: false })),
  ];
  for (const [i, { m, code }] of buyers.entries()) {
    await system('order').create({
      customerId: m.customerId,
      total: { amount: 80_000 + (i % 5) * 20_000, currency: 'EUR' },
      ...(code ? { campaignCode: 'COMEBACK15' } : {}),
    });
  }
  report.conversions = await system('campaignConversion').count();
  const rules: CareRule[] = [
    {
      name: 'Birthday greeting',
      trigger: 'birthday',
      channels: [
        { channel: 'email', templateKey: 'birthday-greeting' },
        { channel: 'sms', templateKey: 'birthday-greeting' },
      ],
      localHour: 9,
    },
    {
      name: 'We miss you (A and B, 90 days without an order)',
      trigger: 'inactivity',
      days: 90,
      abcClasses: ['A', 'B'],
      channels: [{ channel: 'email', templateKey: 'we-miss-you' }],
      localHour: 0,
    },
  ];
  for (const rule of rules) await system<CareRule>('careRule').create(rule);
  report.careRules = rules.length;
  await service.care();
  return report;
}
