import { defineEntity, type EntityRecord, enumOf, numberBetween, ref, text } from '@rapport/core';
import {
  MAX_WEIGHT,
  PERIOD_KINDS,
  type PeriodKind,
  type Perspective,
  SCORECARD_STATUSES,
  type ScorecardStatus,
  VALUE_PROPOSITIONS,
  type ValueProposition,
} from '../vocabulary.js';

/** A balanced scorecard: the strategy of one company or department over periods of one kind. */
export interface Scorecard {
  name: string;
  ownerId?: string;
  periodKind: PeriodKind;
  /** IANA zone the periods begin and end in (`Europe/Berlin`). */
  timeZone: string;
  valueProposition: ValueProposition;
  status: ScorecardStatus;
  description?: string;
  /** Relative weight of each perspective in the overall score (default 1 each). */
  weights?: Partial<Record<Perspective, number>>;
}

/** A stored scorecard. */
export type ScorecardRecord = EntityRecord<Scorecard>;

const weight = { ...numberBetween(0, MAX_WEIGHT), default: 1 };

/** The `scorecard` entity. */
export const ScorecardEntity = defineEntity<Scorecard>({
  name: 'scorecard',
  plural: 'scorecards',
  description: 'A balanced scorecard: perspectives, objectives and KPIs over months, quarters or years.',
  schema: {
    type: 'object',
    properties: {
      name: text(),
      ownerId: ref,
      periodKind: { ...enumOf(PERIOD_KINDS), default: 'quarter' },
      timeZone: { ...text(64), default: 'UTC', description: 'IANA time zone the periods are taken in.' },
      valueProposition: enumOf(VALUE_PROPOSITIONS),
      status: { ...enumOf(SCORECARD_STATUSES), default: 'active' },
      description: text(2000, { minLength: 0 }),
      weights: {
        type: 'object',
        properties: { financial: weight, customer: weight, internalProcess: weight, learningGrowth: weight },
        additionalProperties: false,
        description: 'Relative weight of each perspective in the overall score; 0 leaves one out.',
      },
    },
    required: ['name', 'periodKind', 'timeZone', 'valueProposition', 'status'],
  },
  indexes: ['status'],
  search: ['name'],
});
