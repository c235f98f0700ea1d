import type { JsonSchemaObject } from '@rapport/core';

/** Options of the sales plugin; every one has a default. */
export interface SalesOptions {
  /**
   * ISO 4217 reporting currency: the unit of the money metrics (`sales.revenue`,
   * `sales.pipelineValue`, `sales.avgDealSize`), which count records in this currency only.
   * Default `EUR`. Keep it equal to the customers plugin's `currency`, or orders in other
   * currencies are not fed to customer value (they are logged and skipped).
   */
  currency: string;
  /** The key of the pipeline a deal lands in when it names none. Default `new-business`. */
  defaultPipeline: string;
  /** Create the default pipelines (new business, renewals, dealers) at start when absent. Default true. */
  seedPipelines: boolean;
  /** How often the time-triggered automation rules run (a duration: `1h`, `15m`). Default `1h`. */
  timeRulesEvery: string;
  /**
   * Record rule for the `salesRep` role: a rep sees and writes only the leads, deals and
   * activities they own (managers and admins see all). Default true.
   */
  repsSeeOwnRecords: boolean;
}

/** What `sales(...)` takes: any option; the rest default. */
export type SalesInput = Partial<SalesOptions>;

/** The JSON Schema of {@link SalesOptions}, with its defaults. */
export const OPTIONS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'EUR' },
    defaultPipeline: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$', default: 'new-business' },
    seedPipelines: { type: 'boolean', default: true },
    timeRulesEvery: { type: 'string', pattern: '^\\d+(ms|s|m|h|d)$', default: '1h' },
    repsSeeOwnRecords: { type: 'boolean', default: true },
  },
  additionalProperties: false,
};

/** Milliseconds of one day. */
export const DAY_MS = 86_400_000;
