import type { JsonSchemaObject } from '@rapport/core';
import type { StatusBands } from './evaluation/score.js';

/** Options of the BSC plugin; every one has a default. */
export interface BscOptions {
  /** Where an objective's, perspective's or scorecard's weighted score turns green and red. Default green ≥ 0.8, red < 0.4. */
  statusBands: StatusBands;
  /** How many previous periods the evaluation's trend compares against by default (0–12). Default 3. */
  trendPeriods: number;
  /**
   * How often the close job looks for ended periods (a five-field cron in UTC). Default every
   * quarter hour: every zone's offset is a multiple of 15 minutes, so each period is closed at its
   * end in its scorecard's zone.
   */
  closeCron: string;
}

/** What `bsc(...)` takes: any option; the rest default. */
export type BscInput = Partial<BscOptions>;

/** The JSON Schema of {@link BscOptions}, with its defaults. */
export const OPTIONS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    statusBands: {
      type: 'object',
      properties: {
        green: { type: 'number', minimum: 0, maximum: 1 },
        red: { type: 'number', minimum: 0, maximum: 1 },
      },
      required: ['green', 'red'],
      additionalProperties: false,
      default: { green: 0.8, red: 0.4 },
    },
    trendPeriods: { type: 'integer', minimum: 0, maximum: 12, default: 3 },
    closeCron: { type: 'string', minLength: 9, maxLength: 100, default: '*/15 * * * *' },
  },
  additionalProperties: false,
};

/** The band rule the schema cannot state: red below green. */
export function optionProblems(options: BscOptions): string[] {
  const { green, red } = options.statusBands;
  return red > green ? [`statusBands.red (${red}) must not be above statusBands.green (${green})`] : [];
}
