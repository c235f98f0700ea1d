import {
  defineEntity,
  type EntityRecord,
  type JsonValue,
  jsonObject,
  jsonValue,
  key,
  list,
  ref,
  text,
  type Where,
  whereFilter,
} from '@rapport/core';
import {
  ACTION_TYPES,
  ACTIVITY_TYPES,
  type ActivityType,
  TRIGGER_TYPES,
  type TriggerType,
} from '../vocabulary.js';

/** What sets a rule off. */
export interface RuleTrigger {
  type: TriggerType;
  /** `deal.idle` / `lead.idle`: days without activity. */
  days?: number;
  /** `deal.stageChanged`: only changes from this stage. */
  from?: string;
  /** `deal.stageChanged`: only changes into this stage. */
  to?: string;
}

/** The activity a `createActivity` action makes. */
export interface ActivityTemplate {
  type: ActivityType;
  subject: string;
  notes?: string;
  /** Due this many days after the rule fires (default 0: today). */
  dueInDays?: number;
  /** Default: the record's owner. */
  ownerId?: string;
}

/**
 * One action. `assignOwner`: `ownerId` (fixed), `roundRobin` (owners in turn, fair under
 * concurrency), or `byField` + `map` (+ `fallback`) — by rule, e.g. by country; with
 * `onlyIfUnassigned` it leaves an owned record alone. `createActivity`: a follow-up.
 * `setField`: one field of the record. `emitEvent`: a domain event `event` with `payload`.
 */
export interface RuleAction {
  type: (typeof ACTION_TYPES)[number];
  ownerId?: string;
  roundRobin?: string[];
  byField?: string;
  map?: Record<string, string>;
  fallback?: string;
  onlyIfUnassigned?: boolean;
  activity?: ActivityTemplate;
  field?: string;
  value?: JsonValue;
  event?: string;
  payload?: Record<string, JsonValue>;
}

/** An automation rule: data, editable over the API. */
export interface SalesRule {
  name: string;
  description?: string;
  /** Default true. */
  enabled?: boolean;
  /** Rules of one trigger run in ascending `order` (then id). Default 0. */
  order?: number;
  trigger: RuleTrigger;
  /** A where-filter (the query language) over the trigger's record (lead or deal). */
  where?: Where;
  actions: RuleAction[];
}

/** A stored rule. */
export type SalesRuleRecord = EntityRecord<SalesRule>;

const owners = list(ref, 200, { minItems: 1, uniqueItems: true });

/** The `salesRule` entity. */
export const SalesRuleEntity = defineEntity<SalesRule>({
  name: 'salesRule',
  plural: 'salesRules',
  description:
    'An automation rule: a trigger (lead created, deal stage changed, deal won, no activity for N days, close date passed), a where-filter, and actions (assign an owner, create an activity, set a field, emit an event).',
  schema: {
    type: 'object',
    properties: {
      name: text(),
      description: text(2_000, { minLength: 0 }),
      enabled: { type: 'boolean', default: true },
      order: { type: 'integer', minimum: -1_000_000, maximum: 1_000_000, default: 0 },
      trigger: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: [...TRIGGER_TYPES] },
          days: { type: 'integer', minimum: 1, maximum: 3650 },
          from: key,
          to: key,
        },
        required: ['type'],
        additionalProperties: false,
      },
      where: whereFilter,
      actions: {
        type: 'array',
        minItems: 1,
        maxItems: 20,
        items: {
          type: 'object',
          properties: {
            type: { type: 'string', enum: [...ACTION_TYPES] },
            ownerId: ref,
            roundRobin: owners,
            byField: text(200),
            map: { type: 'object', additionalProperties: ref, maxProperties: 500 },
            fallback: ref,
            onlyIfUnassigned: { type: 'boolean' },
            activity: {
              type: 'object',
              properties: {
                type: { type: 'string', enum: [...ACTIVITY_TYPES] },
                subject: text(),
                notes: text(5_000, { minLength: 0 }),
                dueInDays: { type: 'integer', minimum: 0, maximum: 3650 },
                ownerId: ref,
              },
              required: ['type', 'subject'],
              additionalProperties: false,
            },
            field: text(200),
            value: jsonValue(),
            event: {
              type: 'string',
              pattern: '^[a-z][a-zA-Z0-9-]*(\\.[a-zA-Z][a-zA-Z0-9-]*)+$',
              maxLength: 200,
            },
            payload: jsonObject(50),
          },
          required: ['type'],
          additionalProperties: false,
        },
      },
    },
    required: ['name', 'trigger', 'actions'],
  },
  indexes: [['trigger.type', 'enabled']],
  search: ['name'],
});
