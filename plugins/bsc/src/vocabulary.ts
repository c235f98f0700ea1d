/** How long one scorecard period is. */
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
/** A {@link PERIOD_KINDS} member. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The value propositions of Treacy & Wiersema a CRM strategy chooses between. */
export const VALUE_PROPOSITIONS = ['productLeadership', 'customerIntimacy', 'operationalExcellence'] as const;
/** A {@link VALUE_PROPOSITIONS} member. */
export type ValueProposition = (typeof VALUE_PROPOSITIONS)[number];

/** Where a scorecard is in its life: only active scorecards are closed by the calendar job. */
export const SCORECARD_STATUSES = ['draft', 'active', 'archived'] as const;
/** A {@link SCORECARD_STATUSES} member. */
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

/** The four perspectives, from the top of the strategy map (effects) to its bottom (causes). */
export const PERSPECTIVES = ['financial', 'customer', 'internalProcess', 'learningGrowth'] as const;
/** A {@link PERSPECTIVES} member. */
export type Perspective = (typeof PERSPECTIVES)[number];

/** The four CRM processes an internal-process objective serves. */
export const CRM_PROCESSES = ['selection', 'acquisition', 'retention', 'development'] as const;
/** A {@link CRM_PROCESSES} member. */
export type CrmProcess = (typeof CRM_PROCESSES)[number];

/** Where a KPI's actual comes from. */
export const KPI_SOURCES = ['metric', 'manual'] as const;
/** A {@link KPI_SOURCES} member. */
export type KpiSource = (typeof KPI_SOURCES)[number];

/** Which direction of a KPI is good. */
export const DIRECTIONS = ['higher', 'lower'] as const;
/** A {@link DIRECTIONS} member. */
export type Direction = (typeof DIRECTIONS)[number];

/** What a reading is: a value a person entered, or the snapshot the period close took. */
export const READING_KINDS = ['manual', 'snapshot'] as const;
/** A {@link READING_KINDS} member. */
export type ReadingKind = (typeof READING_KINDS)[number];

/** Where an initiative stands. */
export const INITIATIVE_STATUSES = ['planned', 'inProgress', 'done', 'cancelled'] as const;
/** An {@link INITIATIVE_STATUSES} member. */
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** The traffic light of a KPI, objective, perspective or scorecard; `noData` when nothing could be read. */
export const STATUSES = ['green', 'amber', 'red', 'noData'] as const;
/** A {@link STATUSES} member. */
export type Status = (typeof STATUSES)[number];

/** The largest weight of anything weighted (weights are relative: only their ratio matters). */
export const MAX_WEIGHT = 1_000;
