/**
 * The closed vocabularies of the sales plugin. Each is an `as const` tuple (used by the JSON
 * Schemas) and a union type (used by the code).
 */

/** Where a lead stands. `converted` is set only by lead conversion. */
export const LEAD_STATUSES = ['new', 'working', 'qualified', 'disqualified', 'converted'] as const;
/** @see LEAD_STATUSES */
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Lead statuses that are still being worked (time rules look at these). */
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = ['new', 'working', 'qualified'];

/** Forecast categories (Salesforce's): how sure the owner is that an open deal closes in its period. */
export const FORECAST_CATEGORIES = ['commit', 'best-case', 'pipeline', 'omitted'] as const;
/** @see FORECAST_CATEGORIES */
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

/** What a stage means: still open, or one of the two terminal outcomes. */
export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
/** @see STAGE_KINDS */
export type StageKind = (typeof STAGE_KINDS)[number];

/** The outcome of a closed deal. */
export const DEAL_OUTCOMES = ['won', 'lost'] as const;
/** @see DEAL_OUTCOMES */
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

/**
 * What a deal sells into (seed 004 §3: acquisition vs development): a `new` customer, more to an
 * existing one (`cross-sell`, `up-sell`), or a `renewal`.
 */
export const DEAL_KINDS = ['new', 'cross-sell', 'up-sell', 'renewal'] as const;
/** @see DEAL_KINDS */
export type DealKind = (typeof DEAL_KINDS)[number];

/** Kinds of sales activity. */
export const ACTIVITY_TYPES = ['call', 'meeting', 'task', 'email'] as const;
/** @see ACTIVITY_TYPES */
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Where an order came from. */
export const ORDER_SOURCES = ['deal', 'erp', 'manual'] as const;
/** @see ORDER_SOURCES */
export type OrderSource = (typeof ORDER_SOURCES)[number];

/** An order is placed, or cancelled (its value is then refunded to the customer's value). */
export const ORDER_STATUSES = ['placed', 'cancelled'] as const;
/** @see ORDER_STATUSES */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** What sets an automation rule off. */
export const TRIGGER_TYPES = [
  'lead.created',
  'deal.stageChanged',
  'deal.won',
  'deal.idle',
  'lead.idle',
  'deal.closeDatePassed',
] as const;
/** @see TRIGGER_TYPES */
export type TriggerType = (typeof TRIGGER_TYPES)[number];

/** Triggers evaluated by the `sales.timeRules` job on the kernel clock. */
export const TIME_TRIGGERS: readonly TriggerType[] = ['deal.idle', 'lead.idle', 'deal.closeDatePassed'];

/** What an automation rule can do. */
export const ACTION_TYPES = ['assignOwner', 'createActivity', 'setField', 'emitEvent'] as const;
/** @see ACTION_TYPES */
export type ActionType = (typeof ACTION_TYPES)[number];
