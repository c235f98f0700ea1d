import {
  date,
  defineEntity,
  type EntityRecord,
  enumOf,
  list,
  numberBetween,
  referenceTo,
  text,
} from '@rapport/core';
import { DIRECTIONS, type Direction, KPI_SOURCES, type KpiSource, MAX_WEIGHT } from '../vocabulary.js';

/** The largest absolute value of a target or a manual reading. */
export const MAX_VALUE = 1e15;

/** A target for one period (`2026-Q3`), overriding the KPI's base target and rise. */
export interface PeriodTarget {
  period: string;
  value: number;
}

/** A measure of an objective: where its actual comes from, what it should reach, and how it is judged. */
export interface Kpi {
  objectiveId: string;
  name: string;
  source: KpiSource;
  /** The registry metric (`sales.winRate`) when `source` is `metric`. */
  metric?: string;
  /** The metric's parameters (`{ pipeline: 'b2b' }`). */
  params?: Record<string, string | number | boolean>;
  /** The target of the period `targetFrom` (and of every period when `targetRise` is 0). */
  target: number;
  /** Added to the target for each period after `targetFrom` (a rising target); default 0. */
  targetRise?: number;
  /** The date from which `targetRise` counts periods; default the scorecard's creation. */
  targetFrom?: string;
  /** Targets of single periods, overriding the rule. */
  targets?: PeriodTarget[];
  /** Percent of the target the actual must reach to be green (default 100). */
  greenAt: number;
  /**
   * Percent of the target at or beyond which, in the bad direction, the actual is red (default 80;
   * 120 when lower is better).
   */
  redAt?: number;
  direction: Direction;
  unit?: string;
  /** Relative weight within its objective (default 1). */
  weight: number;
  /** An inactive KPI is kept with its history but left out of the evaluation. */
  active: boolean;
}

/** A stored KPI. */
export type KpiRecord = EntityRecord<Kpi>;

const value = numberBetween(-MAX_VALUE, MAX_VALUE);

/** The `bscKpi` entity. */
export const KpiEntity = defineEntity<Kpi>({
  name: 'bscKpi',
  plural: 'bscKpis',
  description: 'A KPI of an objective: a registry metric or manual readings, with targets and thresholds.',
  schema: {
    type: 'object',
    properties: {
      objectiveId: referenceTo('bscObjective'),
      name: text(),
      source: enumOf(KPI_SOURCES),
      metric: { ...text(120), pattern: '^[a-z][a-zA-Z0-9-]*\\.[A-Za-z0-9.]+$' },
      params: {
        type: 'object',
        maxProperties: 20,
        additionalProperties: {
          type: ['string', 'number', 'boolean'],
          maxLength: 200,
          minimum: -MAX_VALUE,
          maximum: MAX_VALUE,
        },
      },
      target: value,
      targetRise: { ...value, default: 0 },
      targetFrom: date,
      targets: list(
        {
          type: 'object',
          properties: { period: text(7), value },
          required: ['period', 'value'],
          additionalProperties: false,
        },
        200,
      ),
      greenAt: { ...numberBetween(0, 10_000), default: 100 },
      redAt: numberBetween(0, 10_000),
      direction: enumOf(DIRECTIONS),
      unit: text(40),
      weight: { ...numberBetween(0, MAX_WEIGHT), default: 1 },
      active: { type: 'boolean', default: true },
    },
    required: ['objectiveId', 'name', 'source', 'target', 'greenAt', 'direction', 'weight', 'active'],
  },
  indexes: ['objectiveId'],
  search: ['name'],
});

/** The schema of a KPI value (a target, a reading). */
export const KPI_VALUE = value;
