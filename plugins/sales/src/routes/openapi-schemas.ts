import {
  count,
  currency,
  dateTime,
  everyKeySchema,
  type JsonSchema,
  key,
  list,
  MAX_DAYS,
  percent,
  ref,
  safeInteger,
  schemaRef,
  text,
} from '@rapport/core';
import { DealEntity } from '../entities/deal.js';
import { AMOUNT_SCHEMA, LINE_SCHEMA } from '../money.js';
import { MAX_FORECAST_PERIODS } from '../reports/forecast.js';
import { MAX_BOARD_PIPELINES } from '../views/board.js';
import { FORECAST_CATEGORIES, STAGE_KINDS } from '../vocabulary.js';

const TIME = dateTime;
const COUNT = count;
/** A sum of amounts: integer minor units a double holds exactly. */
const MINOR_UNITS = { ...safeInteger, description: "Integer minor units of the report's currency." };
const SHARE = { type: ['number', 'null'], minimum: 0, maximum: 1 };
/** An average of days, or null without any. */
const AVERAGE_DAYS = { type: ['number', 'null'], minimum: 0, maximum: MAX_DAYS };
/** The most stages a pipeline has (see the `pipeline` entity). */
const MAX_STAGES = 30;
/** A closed object whose every property is required. */
const closed = (properties: Record<string, JsonSchema>, description: string): JsonSchema => ({
  type: 'object',
  description,
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

/** The figures of a forecast period, and of the forecast's totals (which have no `period`). */
const forecastFigures: Record<string, JsonSchema> = {
  open: {
    ...schemaRef('ForecastCategoryTotals'),
    description:
      'Open deals (no outcome yet) whose expectedCloseDate falls in the period, every forecast category (omitted too).',
  },
  weighted: {
    ...MINOR_UNITS,
    description: 'Weighted amount of the open deals of commit, best-case and pipeline (not omitted).',
  },
  categories: everyKeySchema(
    FORECAST_CATEGORIES,
    schemaRef('ForecastCategoryTotals'),
    'The open deals per forecast category.',
  ),
  closedWon: {
    ...schemaRef('DealTally'),
    description: 'Deals won in the period (to date, for a period in progress).',
  },
  expected: { ...MINOR_UNITS, description: 'closedWon.amount + weighted.' },
};

const report = {
  pipeline: { ...key, description: 'Pipeline key.' },
  from: { ...TIME, description: 'Start, inclusive.' },
  to: { ...TIME, description: 'End, exclusive.' },
};

/** The schemas the plugin's routes answer and take, added to the document's components. */
export const SALES_ROUTE_SCHEMAS: Record<string, JsonSchema> = {
  Amount: {
    ...AMOUNT_SCHEMA,
    description: 'Money: integer minor units (cents, fen) and an ISO 4217 code; never negative.',
  },
  SalesLine: { ...LINE_SCHEMA, description: 'A product, a quantity and a unit price; amount is computed.' },
  DealTally: closed(
    {
      count: { ...COUNT, description: 'Deals.' },
      amount: {
        ...MINOR_UNITS,
        description: "Sum of their amounts, in integer minor units of the report's currency.",
      },
    },
    'A number of deals and the sum of their amounts.',
  ),
  ForecastCategoryTotals: closed(
    {
      count: { ...COUNT, description: 'Open deals.' },
      amount: { ...MINOR_UNITS, description: 'Sum of their amounts.' },
      weighted: {
        ...MINOR_UNITS,
        description: 'Sum of amount × probability / 100 per deal, rounded half to even.',
      },
    },
    'Open deals: count, amount and weighted amount.',
  ),
  ForecastPeriod: closed(
    {
      period: {
        type: 'string',
        maxLength: 7,
        pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$',
        description: 'The bucket: `2026-07` for a month, `2026-Q3` for a quarter.',
      },
      from: {
        ...TIME,
        description: 'Where the period begins: local midnight of its first day in the deployment time zone.',
      },
      to: { ...TIME, description: 'Where the next period begins (exclusive).' },
      ...forecastFigures,
    },
    'The forecast of one month or quarter.',
  ),
  ForecastTotals: closed(forecastFigures, 'The same figures over the whole range.'),
  Forecast: closed(
    {
      from: { ...TIME, description: 'Start of the first period: the range, widened to whole periods.' },
      to: { ...TIME, description: 'End of the last period (exclusive).' },
      timeZone: {
        ...text(100),
        description: 'The deployment time zone (IANA) whose calendar periods these are.',
      },
      asOf: { ...TIME, description: 'When the report was made: closed-won counts up to here.' },
      period: { type: 'string', enum: ['month', 'quarter'] },
      pipeline: {
        ...key,
        type: ['string', 'null'],
        description: 'The pipeline key; null for every pipeline.',
      },
      currency: { ...currency, description: 'The one currency of every amount.' },
      periods: {
        ...list(schemaRef('ForecastPeriod'), MAX_FORECAST_PERIODS),
        description: 'Each month or quarter [from, to) touches, in order.',
      },
      totals: schemaRef('ForecastTotals'),
    },
    'The weighted forecast per month or quarter.',
  ),
  FunnelStage: closed(
    {
      stage: { ...key, description: 'Stage key.' },
      name: text(),
      kind: { type: 'string', enum: [...STAGE_KINDS] },
      probability: percent,
      reached: { ...schemaRef('DealTally'), description: 'Deals of the cohort that got at least this far.' },
      current: { ...schemaRef('DealTally'), description: 'Deals of the cohort in this stage now.' },
      lostHere: {
        ...schemaRef('DealTally'),
        description: 'Deals of the cohort lost with this as their furthest stage.',
      },
      conversion: {
        ...SHARE,
        description:
          'Of the deals that reached this stage, the share that reached the next (won after the last open stage); null for won and lost, or when none reached it.',
      },
    },
    'One stage of the funnel.',
  ),
  Funnel: closed(
    {
      ...report,
      currency,
      deals: { ...schemaRef('DealTally'), description: 'Every deal opened in the period (the cohort).' },
      stages: { ...list(schemaRef('FunnelStage'), MAX_STAGES), description: 'In pipeline order.' },
      open: { ...schemaRef('DealTally'), description: 'Cohort deals still open.' },
      won: schemaRef('DealTally'),
      lost: schemaRef('DealTally'),
      conversion: { ...SHARE, description: 'won / deals.' },
      winRate: { ...SHARE, description: 'won / (won + lost).' },
    },
    'The funnel of a pipeline for the deals opened in a period.',
  ),
  StageVelocity: closed(
    {
      stage: key,
      name: text(),
      stays: { ...COUNT, description: 'Stays in the stage that ended in the period.' },
      avgDays: {
        ...AVERAGE_DAYS,
        description: 'Their average length in days (2 decimals); null without stays.',
      },
    },
    'Time spent in one open stage.',
  ),
  Velocity: closed(
    {
      ...report,
      stages: { ...list(schemaRef('StageVelocity'), MAX_STAGES), description: 'The open stages, in order.' },
      won: closed(
        {
          count: { ...COUNT, description: 'Deals won in the period.' },
          avgCycleDays: {
            ...AVERAGE_DAYS,
            description: 'Average days from opened to won; null without wins.',
          },
        },
        'The sales cycle of the deals won in the period.',
      ),
    },
    'Average days per stage and sales cycle.',
  ),
  BoardLane: closed(
    {
      value: { ...key, description: 'Stage key.' },
      title: text(),
      kind: { type: 'string', enum: [...STAGE_KINDS] },
      probability: { ...percent, description: 'What a deal gets on entering the stage.' },
      forecastCategory: { type: 'string', enum: [...FORECAST_CATEGORIES] },
    },
    'A stage of the pipeline as a lane of the board.',
  ),
  PipelineBoard: closed(
    {
      lanes: { ...list(schemaRef('BoardLane'), MAX_STAGES), description: 'The stages, in pipeline order.' },
      params: closed({ pipeline: { ...key, description: 'The pipeline shown.' } }, 'What the board shows.'),
      options: closed(
        {
          pipeline: {
            ...list(closed({ value: key, title: text() }, 'A pipeline.'), MAX_BOARD_PIPELINES),
            description: 'The active pipelines, by name.',
          },
        },
        'The choices offered above the board.',
      ),
    },
    "The console's board of a pipeline.",
  ),
  LeadConversionRequest: {
    type: 'object',
    description: 'Everything is optional: the deal takes the lead’s values unless given here.',
    properties: {
      customerId: {
        ...ref,
        description: 'Attach to this existing customer instead of finding or creating one.',
      },
      deal: {
        type: 'object',
        properties: {
          title: DealEntity.schema.properties.title as JsonSchema,
          amount: { ...schemaRef('Amount'), description: "Default: the lead's estimatedValue." },
          lines: { type: 'array', items: schemaRef('SalesLine'), maxItems: 200 },
          pipeline: DealEntity.schema.properties.pipeline as JsonSchema,
          stage: DealEntity.schema.properties.stage as JsonSchema,
          expectedCloseDate: DealEntity.schema.properties.expectedCloseDate as JsonSchema,
          ownerId: DealEntity.schema.properties.ownerId as JsonSchema,
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  },
  LeadConversion: {
    type: 'object',
    description: 'What a lead conversion made.',
    properties: {
      lead: { ...schemaRef('Lead'), description: 'The lead, now converted.' },
      customer: schemaRef('Customer'),
      customerCreated: { type: 'boolean', description: 'False when an existing customer was reused.' },
      contact: {
        ...schemaRef('Contact'),
        description: 'The contact at an organisation (absent for a person).',
      },
      contactCreated: { type: 'boolean' },
      deal: schemaRef('Deal'),
    },
    required: ['lead', 'customer', 'customerCreated', 'contactCreated', 'deal'],
    additionalProperties: false,
  },
  DealReopenRequest: {
    type: 'object',
    properties: {
      reason: {
        ...(DealEntity.schema.properties.reopenReason as JsonSchema),
        description: 'Why (kept as reopenReason and in the audit trail).',
      },
      stage: {
        ...key,
        description: 'An open stage of its pipeline; default: the furthest open stage it reached.',
      },
    },
    required: ['reason'],
    additionalProperties: false,
  },
  TimeRulesReport: closed(
    {
      rules: { ...COUNT, description: 'Rules evaluated.' },
      fired: { ...COUNT, description: 'Firings (rule × record × occasion) that ran their actions.' },
      skipped: { ...COUNT, description: 'Records that matched but had already fired for that occasion.' },
      failed: { ...COUNT, description: 'Firings that failed (logged); retried next run.' },
    },
    'What one run of the time rules did.',
  ),
};
