import { count, dateTime, defineEntity, type EntityRecord, ref, referenceTo } from '@rapport/core';

/**
 * The plugin's bookkeeping for one rule, apart from the rule so that editing a rule never
 * conflicts with automation: the round-robin `turn` (updated version-checked, so concurrent
 * assignments take distinct turns) and how far the time triggers have scanned.
 */
export interface SalesRuleState {
  ruleId: string;
  /** Assignments made so far by round-robin: the next owner is `roundRobin[turn % n]`. */
  turn: number;
  /** The clock time the last completed time-trigger scan covered. */
  scannedUntil?: string;
}

/** A stored rule state. */
export type SalesRuleStateRecord = EntityRecord<SalesRuleState>;

/** The `salesRuleState` entity (plugin-internal: not on the REST routes). */
export const SalesRuleStateEntity = defineEntity<SalesRuleState>({
  name: 'salesRuleState',
  plural: 'salesRuleStates',
  exposed: false,
  description: "The round-robin turn and time-trigger scan position of a rule (the plugin's bookkeeping).",
  schema: {
    type: 'object',
    properties: {
      ruleId: referenceTo('salesRule'),
      turn: count,
      scannedUntil: dateTime,
    },
    required: ['ruleId', 'turn'],
  },
  indexes: [{ fields: ['ruleId'], unique: true }],
});

/** One firing of a time-triggered rule for one record and one occasion (`key`): fired once. */
export interface SalesRuleFiring {
  ruleId: string;
  entity: 'deal' | 'lead';
  recordId: string;
  /** The occasion: the idle episode's `lastActivityAt`, or the passed `expectedCloseDate`. */
  key: string;
  firedAt: string;
}

/** The `salesRuleFiring` entity (plugin-internal: not on the REST routes). */
export const SalesRuleFiringEntity = defineEntity<SalesRuleFiring>({
  name: 'salesRuleFiring',
  plural: 'salesRuleFirings',
  exposed: false,
  description: 'A time-triggered rule fired for a record on one occasion (so it fires once per occasion).',
  schema: {
    type: 'object',
    properties: {
      ruleId: referenceTo('salesRule'),
      entity: { type: 'string', enum: ['deal', 'lead'] },
      recordId: ref,
      key: { type: 'string', minLength: 1, maxLength: 100 },
      firedAt: dateTime,
    },
    required: ['ruleId', 'entity', 'recordId', 'key', 'firedAt'],
  },
  indexes: [{ fields: ['ruleId', 'recordId', 'key'], unique: true }],
});
