import {
  computed,
  count,
  dateTime,
  defineEntity,
  type EntityRecord,
  enumOf,
  type JsonSchema,
  list,
  money,
  ref,
  text,
  type Where,
  whereFilter,
} from '@rapport/core';
import type { Money } from '@rapport/plugin-customers';
import { ABC_CLASSES, type AbcClass } from '@rapport/plugin-customers';
import {
  CAMPAIGN_CHANNELS,
  CAMPAIGN_STATUSES,
  CAMPAIGN_TYPES,
  type CampaignChannel,
  type CampaignStatus,
  type CampaignType,
  LAUNCH_PHASES,
  type LaunchPhase,
  MEMBER_STATUSES,
} from '../vocabulary.js';

/** Who a campaign is for: a segment or a query over customers, optionally narrowed by ABC class or loyalty tier. */
export interface Audience {
  /** A saved segment of the customers plugin. */
  segmentId?: string;
  /** A `where` over `customer` fields, when there is no segment (both: both must match). */
  where?: Where;
  /** Only customers of these ABC classes. */
  abcClasses?: AbcClass[];
  /** Only customers with a loyalty membership in one of these tiers (loyalty installed). */
  tiers?: string[];
  /** Only customers who follow one of these topics (by key), as announcements use. */
  topics?: string[];
}

/** One channel a campaign sends on, with its message template (messaging's, per locale). */
export interface CampaignChannelTemplate {
  channel: CampaignChannel;
  /** A messaging template key; messaging picks the locale closest to the customer's language. */
  templateKey: string;
}

/** The counts of a campaign's members, computed by the plugin; they add up to `audienceSize`. */
export interface CampaignCounts {
  control: number;
  targeted: number;
  queued: number;
  sent: number;
  delivered: number;
  clicked: number;
  responded: number;
  converted: number;
  excluded: number;
  failed: number;
  bounced: number;
  optedOut: number;
}

/** A marketing campaign: an audience frozen at launch, a control group, messages through messaging. */
export interface Campaign {
  name: string;
  goal?: string;
  type: CampaignType;
  audience: Audience;
  /** In order of preference: a member gets the first channel the customer has an address for. */
  channels: CampaignChannelTemplate[];
  /** Merge data every message gets (`data.*` in the templates). */
  data?: Record<string, string>;
  /** When a scheduled campaign launches (ISO 8601); default at once when scheduled. */
  startAt?: string;
  /** The zone `startAt` was chosen in, shown to people. */
  timeZone?: string;
  /** The share held back as a control group, 0–0.5 (0.1 = 10 %); default 0. */
  controlShare?: number;
  /** A fixed seed for the control draw (default: a random one, recorded at launch). */
  seed?: string;
  budget?: Money;
  /** What the campaign cost (set by people as invoices come in). */
  cost?: Money;
  /** Days after a send within which a conversion is credited; default the plugin's `attributionDays`. */
  attributionDays?: number;
  /** The destination of the tracked link (`data.link` in the templates), when the plugin has a `publicUrl`. */
  linkUrl?: string;
  /** A code customers quote (`SPRING10`): an order, deal or lead carrying it is credited to this campaign. */
  code?: string;
  /** Drop, rather than defer, messages that quiet hours or a frequency cap hold back. */
  onlyNow?: boolean;
  /** Topics of the product announced (announcement campaigns). */
  topics?: string[];
  ownerId?: string;
  /** Computed: the status; moved by the service only (schedule, launch, cancel). */
  status?: CampaignStatus;
  /** Computed: where a running campaign is. */
  phase?: LaunchPhase;
  /** Computed: the seed the control group was drawn with. */
  drawSeed?: string;
  /** Computed: customers created after this instant are not in the audience. */
  audienceCutoff?: string;
  /** Computed: the id of the last customer frozen (the freeze's checkpoint). */
  frozenThrough?: string;
  launchedAt?: string;
  launchedBy?: string;
  completedAt?: string;
  cancelledAt?: string;
  /** Computed: the number of members (the frozen audience). */
  audienceSize?: number;
  counts?: CampaignCounts;
}

/** A stored campaign. */
export type CampaignRecord = EntityRecord<Campaign>;

/** The fields only the plugin writes. */
export const COMPUTED_CAMPAIGN_FIELDS = [
  'status',
  'phase',
  'drawSeed',
  'audienceCutoff',
  'frozenThrough',
  'launchedAt',
  'launchedBy',
  'completedAt',
  'cancelledAt',
  'audienceSize',
  'counts',
] as const;

/** The fields that may not change once a campaign launched: its audience is frozen. */
export const FROZEN_CAMPAIGN_FIELDS = [
  'type',
  'audience',
  'channels',
  'data',
  'controlShare',
  'seed',
  'linkUrl',
  'onlyNow',
  'topics',
] as const;

const COUNT_NAMES = ['control', ...MEMBER_STATUSES] as const;

const topicKeys = list(
  { type: 'string', minLength: 1, maxLength: 63, pattern: '^[a-z][a-z0-9-]{0,62}$' },
  50,
  {
    uniqueItems: true,
  },
);

/** The schema of a list of channels with their templates (campaigns and care rules). */
export const CHANNEL_TEMPLATES_SCHEMA: JsonSchema = list(
  {
    type: 'object',
    properties: {
      channel: enumOf(CAMPAIGN_CHANNELS),
      templateKey: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9-]{0,99}$' },
    },
    required: ['channel', 'templateKey'],
    additionalProperties: false,
  },
  2,
  { minItems: 1 },
);

/** The schema of a refusal's reason (messaging's `{ code, message }`). */
export const REASON_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { code: text(100), message: text(1_000) },
  required: ['code', 'message'],
  additionalProperties: false,
};

/** The `campaign` entity. */
export const CampaignEntity = defineEntity<Campaign>({
  name: 'campaign',
  plural: 'campaigns',
  description:
    'A marketing campaign to a segment over e-mail or SMS: audience frozen at launch, a control group drawn with a recorded seed, results and ROI against it.',
  schema: {
    type: 'object',
    properties: {
      name: text(),
      goal: text(2_000),
      type: enumOf(CAMPAIGN_TYPES),
      audience: {
        type: 'object',
        properties: {
          segmentId: ref,
          where: whereFilter,
          abcClasses: list(enumOf(ABC_CLASSES), 3, { uniqueItems: true }),
          tiers: list(text(63), 20, { uniqueItems: true }),
          topics: topicKeys,
        },
        additionalProperties: false,
      },
      channels: CHANNEL_TEMPLATES_SCHEMA,
      data: {
        type: 'object',
        maxProperties: 50,
        propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,62}$' },
        additionalProperties: text(2_000),
      },
      startAt: dateTime,
      timeZone: text(64),
      controlShare: { type: 'number', minimum: 0, maximum: 0.5, default: 0 },
      seed: text(64),
      budget: money({ minimum: 0 }),
      cost: money({ minimum: 0 }),
      attributionDays: { type: 'integer', minimum: 1, maximum: 365 },
      linkUrl: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2_000 },
      code: { type: 'string', minLength: 2, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' },
      onlyNow: { type: 'boolean', default: false },
      topics: topicKeys,
      ownerId: ref,
      status: computed({ ...enumOf(CAMPAIGN_STATUSES), default: 'draft' }),
      phase: computed(enumOf(LAUNCH_PHASES)),
      drawSeed: computed(text(64)),
      audienceCutoff: computed(dateTime),
      frozenThrough: computed(ref),
      launchedAt: computed(dateTime),
      launchedBy: computed(text(200)),
      completedAt: computed(dateTime),
      cancelledAt: computed(dateTime),
      audienceSize: computed(count),
      counts: computed({
        type: 'object',
        properties: Object.fromEntries(COUNT_NAMES.map((name) => [name, count])),
        additionalProperties: false,
      }),
    },
    required: ['name', 'type', 'audience', 'channels'],
  },
  indexes: [['status', 'startAt'], ['type', 'launchedAt'], { fields: ['code'], unique: true }],
  search: ['name', 'goal'],
});
