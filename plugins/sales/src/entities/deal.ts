import {
  computed,
  date,
  dateTime,
  days,
  defineEntity,
  type EntityRecord,
  integerBetween,
  key,
  minorUnitsIn,
  percent,
  ref,
  tags,
  text,
} from '@rapport/core';
import { AMOUNT_SCHEMA, LINE_SCHEMA, MAX_AMOUNT, type Money, type SalesLine } from '../money.js';
import {
  DEAL_KINDS,
  DEAL_OUTCOMES,
  type DealKind,
  type DealOutcome,
  FORECAST_CATEGORIES,
  type ForecastCategory,
} from '../vocabulary.js';

/** A buying opportunity with a customer, moving through the stages of a pipeline. */
export interface Deal {
  title: string;
  customerId: string;
  /** A contact of the (organisation) customer. */
  contactId?: string;
  /** The lead this deal was converted from. */
  leadId?: string;
  /** Pipeline key; default: the plugin's `defaultPipeline`. */
  pipeline?: string;
  /** Stage key in the pipeline; default: its first stage. */
  stage?: string;
  /** Non-negative; computed from `lines` when lines are given (then it may be left out). */
  amount?: Money;
  lines?: SalesLine[];
  /** Integer percent; set from the stage on entering it unless the same write gives one. */
  probability?: number;
  /** Set from the stage on entering it unless the same write gives one. */
  forecastCategory?: ForecastCategory;
  /** Default: `new` for a customer without orders, else `cross-sell` (or the pipeline's `dealKind`). */
  kind?: DealKind;
  expectedCloseDate?: string;
  ownerId?: string;
  source?: string;
  /** Why it was won or lost; required on entering a lost stage. */
  outcomeReason?: string;
  /** Required to move a won or lost deal back to an open stage (an explicit reopen). */
  reopenReason?: string;
  notes?: string;
  tags?: string[];
  /** When the deal was opened; settable on create (imports), default now. */
  openedAt?: string;
  /** When the current stage was entered; settable with a stage change (imports), default now. */
  stageEnteredAt?: string;
  /** Computed: `won` or `lost` once in a terminal stage. */
  outcome?: DealOutcome;
  /** Computed: when the deal entered its terminal stage. */
  closedAt?: string;
  /** Computed: days from `openedAt` to `closedAt`. */
  cycleDays?: number;
  /** Computed: amount × probability / 100 in minor units, rounded half to even. */
  weightedAmount?: number;
  /** Computed: `YYYY-MM` of `expectedCloseDate` (forecast grouping). */
  expectedCloseMonth?: string;
  /** Computed: `YYYY-MM` of `closedAt` on the calendar of the deployment time zone (set on each write). */
  closedMonth?: string;
  /** Computed: the furthest open stage the deal ever reached in its pipeline (funnel). */
  furthestStage?: string;
  /** Computed: the latest activity, stage change or creation. */
  lastActivityAt?: string;
  /** Computed: when it was last reopened. */
  reopenedAt?: string;
}

/** A stored deal. */
export type DealRecord = EntityRecord<Deal>;

/** Fields of a deal only the plugin writes. */
export const COMPUTED_DEAL_FIELDS = [
  'outcome',
  'closedAt',
  'cycleDays',
  'weightedAmount',
  'expectedCloseMonth',
  'closedMonth',
  'furthestStage',
  'lastActivityAt',
  'reopenedAt',
] as const;

/** A calendar month `YYYY-MM`. */
const YEAR_MONTH = { type: 'string', minLength: 7, maxLength: 7, pattern: '^\\d{4}-\\d{2}$' };

/** The `deal` entity. */
export const DealEntity = defineEntity<Deal>({
  name: 'deal',
  plural: 'deals',
  description:
    'A buying opportunity: customer, amount, pipeline and stage, probability, forecast category, expected close date, owner, outcome.',
  schema: {
    type: 'object',
    properties: {
      title: text(),
      customerId: ref,
      contactId: ref,
      leadId: ref,
      pipeline: key,
      stage: key,
      amount: AMOUNT_SCHEMA,
      lines: { type: 'array', items: LINE_SCHEMA, maxItems: 200 },
      probability: percent,
      forecastCategory: { type: 'string', enum: [...FORECAST_CATEGORIES] },
      kind: { type: 'string', enum: [...DEAL_KINDS] },
      expectedCloseDate: date,
      ownerId: ref,
      source: text(100),
      outcomeReason: text(1000),
      reopenReason: text(1000),
      notes: text(5_000, { minLength: 0 }),
      tags,
      openedAt: dateTime,
      stageEnteredAt: dateTime,
      outcome: computed({ type: 'string', enum: [...DEAL_OUTCOMES] }),
      closedAt: computed(dateTime),
      cycleDays: computed(days),
      weightedAmount: computed(minorUnitsIn('amount.currency', integerBetween(0, MAX_AMOUNT))),
      expectedCloseMonth: computed(YEAR_MONTH),
      closedMonth: computed(YEAR_MONTH),
      furthestStage: computed(key),
      lastActivityAt: computed(dateTime),
      reopenedAt: computed(dateTime),
    },
    required: ['title', 'customerId'],
  },
  indexes: [
    ['pipeline', 'stage'],
    ['pipeline', 'openedAt'],
    ['outcome', 'closedAt'],
    'expectedCloseDate',
    'customerId',
    ['ownerId', 'createdAt'],
    'lastActivityAt',
    'leadId',
  ],
  search: ['title', 'tags'],
});
