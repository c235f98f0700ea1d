import { createSeededRandom, isoTime, mixSeed, type SeededRandom } from '@rapport/core';
import type { Activity } from '../entities/activity.js';
import type { Lead } from '../entities/lead.js';
import type { SalesLine } from '../money.js';
import { DAY_MS } from '../options.js';
import type { ActivityType, DealKind } from '../vocabulary.js';

/** A customer the demo deals can go to (from the customers demo, or any customers). */
export interface DemoCustomerRef {
  id: string;
  category?: string;
  ownerId?: string;
}

/** One generated deal: what to create, then the stage moves to replay. */
export interface DemoDeal {
  customerId: string;
  pipeline: 'new-business' | 'renewals' | 'dealers';
  title: string;
  lines: SalesLine[];
  openedAt: string;
  /** Stage moves after the first stage, in order: [stage, ISO time, lost reason?]. */
  moves: Array<[stage: string, at: string, reason?: string]>;
  expectedCloseDate: string;
  kind: DealKind;
  ownerId: string;
  /** Activities already done (back-dated) and, for open deals, one to do. */
  activities: Array<Omit<Activity, 'dealId'>>;
}

/** Options of {@link generateDemoSales}. */
export interface DemoSalesOptions {
  /** Same seed, same data. Default 1. */
  seed?: number;
  /** The "now" the history ends at (ISO or ms). */
  now: string | number;
  /** How many deals. Default 2000. */
  deals?: number;
  /** How many leads. Default deals / 6. */
  leads?: number;
  /** Months of history. Default 12. */
  months?: number;
  currency?: string;
}

const PIPELINES = {
  'new-business': {
    stages: ['qualification', 'needs-analysis', 'proposal', 'negotiation'],
    won: 'won',
    lost: 'lost',
    lossChance: [0.3, 0.25, 0.25, 0.2],
    dwellDays: [9, 14, 12, 10],
  },
  renewals: {
    stages: ['upcoming', 'in-discussion', 'committed'],
    won: 'renewed',
    lost: 'churned',
    lossChance: [0.08, 0.1, 0.04],
    dwellDays: [20, 14, 7],
  },
  dealers: {
    stages: ['prospecting', 'evaluation', 'contract'],
    won: 'signed',
    lost: 'declined',
    lossChance: [0.35, 0.3, 0.15],
    dwellDays: [15, 25, 15],
  },
} as const;

const PRODUCTS: Record<keyof typeof PIPELINES, ReadonlyArray<readonly [string, number]>> = {
  'new-business': [
    ['CRM seats (annual)', 600_00],
    ['Analytics add-on', 2_400_00],
    ['Onboarding package', 3_500_00],
    ['Telephony integration', 1_800_00],
    ['Premium support', 1_200_00],
  ],
  renewals: [
    ['CRM seats renewal (annual)', 600_00],
    ['Premium support renewal', 1_200_00],
    ['Analytics add-on renewal', 2_400_00],
  ],
  dealers: [
    ['Reseller starter kit', 5_000_00],
    ['Reseller licence pack (10 seats)', 5_400_00],
    ['Partner training', 2_000_00],
  ],
};
const LOSS_REASONS = [
  'price',
  'went with a competitor',
  'no budget',
  'no decision',
  'timing',
  'missing feature',
];
const OWNERS = Array.from({ length: 12 }, (_, i) => `owner-${String(i + 1).padStart(2, '0')}`);
const ACTIVITY_TYPES: ReadonlyArray<readonly [ActivityType, number]> = [
  ['call', 5],
  ['email', 4],
  ['meeting', 2],
  ['task', 2],
];
const SUBJECTS: Record<ActivityType, readonly string[]> = {
  call: ['Discovery call', 'Follow-up call', 'Pricing call', 'Check-in call'],
  email: ['Sent the proposal', 'Sent references', 'Answered questions', 'Sent the contract'],
  meeting: ['Demo', 'On-site meeting', 'Technical exchange', 'Management seminar'],
  task: ['Prepare the proposal', 'Check credit', 'Update the forecast', 'Send the contract'],
};

function lines(r: SeededRandom, pipeline: keyof typeof PIPELINES, currency: string): SalesLine[] {
  const catalogue = PRODUCTS[pipeline];
  const count = r.weighted([
    [1, 5],
    [2, 3],
    [3, 1],
  ] as const);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(r.int(0, catalogue.length - 1));
  return [...chosen].map((i) => {
    const [product, price] = catalogue[i] as readonly [string, number];
    // Heavy-tailed quantities: most deals small, a few large.
    const quantity = Math.max(1, Math.round(Math.exp(1.2 + 0.9 * r.normal())));
    return { product, quantity, unitPrice: { amount: price, currency } };
  });
}

function activities(r: SeededRandom, from: number, to: number, owner: string, open: boolean, now: number) {
  const out: Array<Omit<Activity, 'dealId'>> = [];
  const n = r.int(0, 4);
  for (let i = 0; i < n; i += 1) {
    const type = r.weighted(ACTIVITY_TYPES);
    const at = Math.floor(from + r.next() * Math.max(0, to - from));
    out.push({ type, subject: r.pick(SUBJECTS[type]), dueAt: isoTime(at), done: true, ownerId: owner });
  }
  if (open) {
    const type = r.weighted(ACTIVITY_TYPES);
    out.push({
      type,
      subject: r.pick(SUBJECTS[type]),
      dueAt: isoTime(now + r.int(1, 14) * DAY_MS),
      done: false,
      ownerId: owner,
    });
  }
  return out.sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt)));
}

/** Generates one deal (index `i`); fully determined by the seed and the index. */
function generateDeal(
  i: number,
  seed: number,
  now: number,
  months: number,
  customers: readonly DemoCustomerRef[],
  currency: string,
) {
  const r = createSeededRandom(mixSeed(seed, i));
  const customer = customers[Math.floor(r.next() * customers.length)] as DemoCustomerRef;
  const pipeline: keyof typeof PIPELINES =
    customer.category === 'intermediary' && r.chance(0.7)
      ? 'dealers'
      : r.chance(0.25)
        ? 'renewals'
        : 'new-business';
  const spec = PIPELINES[pipeline];
  const opened = now - Math.floor(r.next() * months * 30.4 * DAY_MS);
  const owner = customer.ownerId ?? r.pick(OWNERS);
  const moves: DemoDeal['moves'] = [];
  let t = opened;
  let closed: number | undefined;
  for (let stage = 0; stage < spec.stages.length; stage += 1) {
    t += Math.max(DAY_MS / 4, (spec.dwellDays[stage] as number) * DAY_MS * -Math.log(1 - r.next()));
    if (t > now) break;
    if (r.chance(spec.lossChance[stage] as number)) {
      moves.push([spec.lost, isoTime(t), r.pick(LOSS_REASONS)]);
      closed = t;
      break;
    }
    const next = spec.stages[stage + 1];
    moves.push([next ?? spec.won, isoTime(t)]);
    if (!next) closed = t;
  }
  const dealLines = lines(r, pipeline, currency);
  const expected = opened + r.int(45, 150) * DAY_MS;
  return {
    customerId: customer.id,
    pipeline,
    title: `${dealLines[0]?.product ?? 'Deal'}${dealLines.length > 1 ? ` +${dealLines.length - 1}` : ''}`,
    lines: dealLines,
    openedAt: isoTime(opened),
    moves,
    expectedCloseDate: isoTime(expected).slice(0, 10),
    kind: 'new' as DealKind,
    ownerId: owner,
    activities: activities(r, opened, closed ?? now, owner, closed === undefined, now),
    closed,
    won: closed !== undefined && moves[moves.length - 1]?.[0] === spec.won,
    roll: r.next(),
  };
}

/**
 * Generates demo deals over the last `months` (default 12) across the given customers: three
 * pipelines (dealers mostly for intermediary customers), products and heavy-tailed quantities,
 * stage moves with exponential dwell times and per-stage loss chances (some still open, some
 * won, some lost with a reason), expected close dates (some overdue), owners (the customer's
 * account manager), done activities back in time and one to do on each open deal. Kinds follow
 * history: a customer's deal opened after one of their wins is cross-sell (or up-sell), and
 * renewals are renewals. The same seed and customers give the same deals.
 */
export function generateDemoSales(
  options: DemoSalesOptions,
  customers: readonly DemoCustomerRef[],
): DemoDeal[] {
  if (customers.length === 0) return [];
  const seed = options.seed ?? 1;
  const now = typeof options.now === 'number' ? options.now : Date.parse(options.now);
  const months = options.months ?? 12;
  const currency = options.currency ?? 'EUR';
  const raw = Array.from({ length: options.deals ?? 2000 }, (_, i) =>
    generateDeal(i, seed, now, months, customers, currency),
  ).sort((a, b) => (a.openedAt === b.openedAt ? a.roll - b.roll : a.openedAt < b.openedAt ? -1 : 1));
  const firstWin = new Map<string, number>();
  for (const deal of raw) {
    if (deal.won && deal.closed !== undefined) {
      firstWin.set(
        deal.customerId,
        Math.min(firstWin.get(deal.customerId) ?? Number.POSITIVE_INFINITY, deal.closed),
      );
    }
  }
  return raw.map(({ closed: _closed, won: _won, roll, ...deal }) => {
    const bought = (firstWin.get(deal.customerId) ?? Number.POSITIVE_INFINITY) < Date.parse(deal.openedAt);
    const kind: DealKind =
      deal.pipeline === 'renewals' ? 'renewal' : bought ? (roll < 0.3 ? 'up-sell' : 'cross-sell') : 'new';
    return { ...deal, kind };
  });
}

/** Generates demo leads: sources, statuses (some disqualified with a reason), scores, owners, countries. */
export function generateDemoLeads(options: DemoSalesOptions): Lead[] {
  const seed = (options.seed ?? 1) ^ 0x5eed;
  const count = options.leads ?? Math.round((options.deals ?? 2000) / 6);
  const first = [
    'Ada',
    'Grace',
    'Alan',
    'Barbara',
    'Li',
    'Wei',
    'Marie',
    'Jean',
    'Hans',
    'Petra',
    'Tom',
    'Emma',
  ];
  const last = [
    'Lovelace',
    'Hopper',
    'Turing',
    'Liskov',
    'Wang',
    'Zhang',
    'Curie',
    'Dupont',
    'Müller',
    'Schmidt',
    'Smith',
    'Brown',
  ];
  const companies = [
    'Acme',
    'Globex',
    'Initech',
    'Umbrella',
    'Hooli',
    'Stark',
    'Wayne',
    'Tyrell',
    'Cyberdyne',
    'Soylent',
  ];
  return Array.from({ length: count }, (_, i) => {
    const r = createSeededRandom(mixSeed(seed, i));
    const name = `${r.pick(first)} ${r.pick(last)}`;
    const status = r.weighted([
      ['new', 4],
      ['working', 3],
      ['qualified', 2],
      ['disqualified', 1],
    ] as const);
    const lead: Lead = {
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${i}@lead.example`,
      source: r.pick(['web', 'event', 'advertising', 'referral', 'email', 'phone', 'partner'] as const),
      status,
      score: r.int(0, 100),
      ownerId: r.pick(OWNERS),
      country: r.pick(['DE', 'CN', 'US', 'FR', 'GB']),
      estimatedValue: { amount: r.int(10, 500) * 100_00, currency: options.currency ?? 'EUR' },
    };
    if (r.chance(0.6)) lead.company = `${r.pick(companies)} ${r.pick(['GmbH', 'Ltd', 'Inc', 'SA', 'Co.'])}`;
    if (status === 'disqualified')
      lead.disqualifiedReason = r.pick(['no budget', 'student', 'competitor', 'spam']);
    return lead;
  });
}
