import {
  dateTime,
  defineEntity,
  type EntityRecord,
  enumOf,
  numberBetween,
  ref,
  referenceTo,
  text,
} from '@rapport/core';
import { READING_KINDS, type ReadingKind, STATUSES, type Status } from '../vocabulary.js';
import { KPI_VALUE } from './kpi.js';

/**
 * A KPI's value for one period: entered by a person (`manual`, one per KPI and period) or taken by
 * the period close (`snapshot`, written by the plugin only, never changed afterwards).
 */
export interface Reading {
  kpiId: string;
  /** The period key: `2026-03`, `2026-Q1` or `2026`. */
  period: string;
  kind: ReadingKind;
  /** The value; absent on a snapshot of a KPI that had no data. */
  value?: number;
  comment?: string;
  /** Who entered it (set by the plugin from the writer). */
  enteredBy?: string;
  /** Snapshot only: the target, status, score and no-data reason at the close. */
  target?: number;
  status?: Status;
  score?: number;
  reason?: string;
  takenAt?: string;
}

/** A stored reading. */
export type ReadingRecord = EntityRecord<Reading>;

/** Periods as keys: `2026`, `2026-Q1`..`2026-Q4`, `2026-01`..`2026-12`. */
export const PERIOD_PATTERN = '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$';

/** The `bscReading` entity. */
export const ReadingEntity = defineEntity<Reading>({
  name: 'bscReading',
  plural: 'bscReadings',
  description: "A KPI's manual value for a period, or the snapshot the period close took.",
  schema: {
    type: 'object',
    properties: {
      kpiId: referenceTo('bscKpi'),
      period: { ...text(7), pattern: PERIOD_PATTERN },
      kind: { ...enumOf(READING_KINDS), default: 'manual' },
      value: KPI_VALUE,
      comment: text(1000, { minLength: 0 }),
      enteredBy: { ...ref, readOnly: true },
      target: { ...KPI_VALUE, readOnly: true },
      status: { ...enumOf(STATUSES), readOnly: true },
      score: { ...numberBetween(0, 1), readOnly: true },
      reason: { ...text(500), readOnly: true },
      takenAt: { ...dateTime, readOnly: true },
    },
    required: ['kpiId', 'period', 'kind'],
  },
  indexes: [{ fields: ['kpiId', 'period', 'kind'], unique: true }, 'period'],
});
