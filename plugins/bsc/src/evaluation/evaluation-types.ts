import type {
  CrmProcess,
  Direction,
  KpiSource,
  Perspective,
  Status,
  ValueProposition,
} from '../vocabulary.js';

/** Why a KPI reads "no data" (it is then left out of the weights). */
export type NoDataCode =
  /** The plugin that publishes its metric is not installed. */
  | 'pluginMissing'
  /** The plugin is installed but defines no such metric. */
  | 'metricMissing'
  /** The metric answered no value for the period (nothing to count). */
  | 'noValue'
  /** No manual reading was entered for the period. */
  | 'noReading'
  /** The caller may not read what the metric counts. */
  | 'forbidden'
  /** The KPI's parameters do not fit the metric. */
  | 'invalidParams'
  /** The metric failed (logged). */
  | 'failed'
  /** The KPI was added after the period was closed. */
  | 'notInSnapshot';

/** A KPI without an actual for the period: why, in a sentence and a code. */
export interface NoData {
  code: NoDataCode;
  message: string;
}

/** A KPI's actual for one period: a value, or no data with the reason. */
export type Actual = { value: number } | { noData: NoData };

/** One earlier period of a KPI's trend. */
export interface TrendPoint {
  period: string;
  actual: number | null;
}

/** A KPI's trend against the previous periods. */
export interface Trend {
  /** The previous periods, oldest first. */
  previous: TrendPoint[];
  /** Actual minus the latest previous actual; null when either is missing. */
  change: number | null;
  /** Whether `change` is in the good direction. */
  direction: 'improving' | 'worsening' | 'flat' | 'unknown';
}

/** A KPI as evaluated for one period. */
export interface KpiEvaluation {
  id: string;
  name: string;
  source: KpiSource;
  metric?: string;
  unit?: string;
  direction: Direction;
  weight: number;
  /** Its weight over the weights of its objective's KPIs that have data (0 without data). */
  share: number;
  target: number;
  greenValue: number;
  redValue: number;
  actual: number | null;
  status: Status;
  score: number | null;
  noData?: NoData;
  trend: Trend;
}

/** An objective as evaluated: the weighted score of its KPIs that have data. */
export interface ObjectiveEvaluation {
  id: string;
  name: string;
  perspective: Perspective;
  process?: CrmProcess;
  weight: number;
  share: number;
  score: number | null;
  status: Status;
  kpis: KpiEvaluation[];
}

/** A perspective as evaluated: the weighted score of its objectives that have data. */
export interface PerspectiveEvaluation {
  perspective: Perspective;
  weight: number;
  share: number;
  score: number | null;
  status: Status;
  objectives: ObjectiveEvaluation[];
}

/** A scorecard's evaluation for one period (`GET /api/bsc/scorecards/:id/evaluation`). */
export interface Evaluation {
  scorecard: { id: string; name: string; valueProposition: ValueProposition; timeZone: string };
  period: {
    key: string;
    kind: 'month' | 'quarter' | 'year';
    from: string;
    to: string;
    /** Closed periods answer the snapshot taken at their close. */
    closed: boolean;
    closedAt?: string;
  };
  score: number | null;
  status: Status;
  perspectives: PerspectiveEvaluation[];
  /** When the evaluation was computed (the close time, for a closed period). */
  evaluatedAt: string;
}
