import {
  type Actor,
  ConflictError,
  fieldError,
  findAll,
  isoTime,
  type Kernel,
  type Repository,
} from '@rapport/core';
import type { Campaign, CampaignChannelTemplate, CampaignRecord } from '../entities/campaign.js';
import type { Interest, InterestRecord } from '../entities/interest.js';
import type { Topic, TopicRecord } from '../entities/topic.js';

/**
 * Records that a customer follows a topic — idempotent: following twice answers the first
 * interest (an inferred one stays, a declared one is not downgraded).
 */
export async function follow(
  interests: Repository<Interest>,
  topics: Repository<Topic>,
  input: Omit<Interest, 'at'>,
  at: number,
): Promise<InterestRecord> {
  const { items } = await topics.find({ where: { key: input.topic }, limit: 1 });
  if (!items[0])
    throw fieldError('campaignInterest', 'topic', 'campaigns.topic', `names no topic '${input.topic}'`);
  try {
    return (await interests.create({ ...input, at: isoTime(at) })) as InterestRecord;
  } catch (error) {
    if (!(error instanceof ConflictError && error.details.kind === 'unique')) throw error;
    const existing = await interests.find({
      where: { customerId: input.customerId, topic: input.topic },
      limit: 1,
    });
    return existing.items[0] as InterestRecord;
  }
}

/**
 * The topics an order's products make its customer follow: every topic whose `inferFrom` lists
 * one of the order's products (the rule is stated on the interest).
 */
export async function inferFromOrder(
  interests: Repository<Interest>,
  topics: Repository<Topic>,
  order: { id: string; customerId: string; lines?: Array<{ product: string }> },
  at: number,
): Promise<InterestRecord[]> {
  const products = [...new Set((order.lines ?? []).map((line) => line.product))];
  if (products.length === 0) return [];
  const all = (await findAll(topics, { where: { inferFrom: { exists: true } } })) as TopicRecord[];
  const made: InterestRecord[] = [];
  for (const topic of all) {
    const product = products.find((p) => topic.inferFrom?.includes(p));
    if (!product) continue;
    made.push(
      await follow(
        interests,
        topics,
        {
          customerId: order.customerId,
          topic: topic.key,
          source: 'inferred',
          via: 'order',
          rule: `bought '${product}', which topic '${topic.key}' lists in inferFrom`,
          evidenceId: order.id,
        },
        at,
      ),
    );
  }
  return made;
}

/** The topic whose keyword a reply is (trimmed, case-insensitive), if any. */
export async function topicOfKeyword(
  topics: Repository<Topic>,
  text: string,
): Promise<TopicRecord | undefined> {
  const word = text.trim().replace(/[.!?。！]+$/u, '');
  if (!/^[A-Za-z0-9]{2,30}$/.test(word)) return undefined;
  const all = (await findAll(topics, { where: { keyword: { exists: true } } })) as TopicRecord[];
  return all.find((topic) => topic.keyword?.toUpperCase() === word.toUpperCase());
}

/** What an announcement needs: the product, its topics, the channels and their templates. */
export interface Announcement {
  name: string;
  /** The topics the product is tagged with: their followers are the audience. */
  topics: string[];
  channels: CampaignChannelTemplate[];
  /** Merge data, such as the product's name and link (`data.product`). */
  data?: Record<string, string>;
  goal?: string;
  controlShare?: number;
  code?: string;
  linkUrl?: string;
}

/**
 * Announces a product tagged with topics: a campaign of type `announcement` whose audience is the
 * customers following any of those topics, created as `actor` (messaging sends only to those who
 * consented). Answers the draft; launch it like any other.
 */
export async function announce(kernel: Kernel, actor: Actor, input: Announcement): Promise<CampaignRecord> {
  const topics = kernel.data<Topic>('campaignTopic', { actor });
  for (const [index, key] of input.topics.entries()) {
    if ((await topics.count({ key })) === 0) {
      throw fieldError('campaign', `topics.${index}`, 'campaigns.topic', `names no topic '${key}'`);
    }
  }
  return (await kernel.data<Campaign>('campaign', { actor }).create({
    name: input.name,
    type: 'announcement',
    audience: { topics: input.topics },
    topics: input.topics,
    channels: input.channels,
    ...(input.data ? { data: input.data } : {}),
    ...(input.goal ? { goal: input.goal } : {}),
    ...(input.controlShare !== undefined ? { controlShare: input.controlShare } : {}),
    ...(input.code ? { code: input.code } : {}),
    ...(input.linkUrl ? { linkUrl: input.linkUrl } : {}),
  })) as CampaignRecord;
}
