import {
  dateTime,
  defineEntity,
  type EntityRecord,
  jsonObject,
  numberBetween,
  ref,
  text,
} from '@rapport/core';
import { PERIOD_PATTERN } from './reading.js';

/**
 * The close of one period of a scorecard: written once by the plugin (the calendar job or
 * `POST .../close`), holding the whole evaluation as it stood, so the period never changes afterwards.
 */
export interface PeriodClose {
  scorecardId: string;
  period: string;
  closedAt: string;
  /** The overall score at the close (absent when no KPI had data). */
  score?: number;
  /** The evaluation answered for the period, frozen. */
  evaluation: Record<string, unknown>;
}

/** A stored period close. */
export type PeriodCloseRecord = EntityRecord<PeriodClose>;

/** The `bscPeriodClose` entity (one per scorecard and period; the plugin writes it). */
export const PeriodCloseEntity = defineEntity<PeriodClose>({
  name: 'bscPeriodClose',
  plural: 'bscPeriodCloses',
  description: 'The frozen evaluation of a closed scorecard period.',
  schema: {
    type: 'object',
    properties: {
      scorecardId: ref,
      period: { ...text(7), pattern: PERIOD_PATTERN },
      closedAt: dateTime,
      score: numberBetween(0, 1),
      evaluation: jsonObject(50),
    },
    required: ['scorecardId', 'period', 'closedAt', 'evaluation'],
  },
  indexes: [{ fields: ['scorecardId', 'period'], unique: true }],
});
