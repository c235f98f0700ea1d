import { type JsonSchemaObject, list, text } from '@rapport/core';

/** Options of the hello plugin, as it sees them (defaults applied). */
export interface HelloOptions {
  /** Names that may not be greeted (refused at create). Default none. */
  blockedNames: string[];
  /** IANA time zone of the 08:00 daily digest; the deployment's (`ctx.timeZone`) when not given. */
  digestTimeZone?: string;
  /** How long a rating link works, in days. Default 14. */
  ratingLinkDays: number;
  /** Greetings older than this many days are deleted by `hello.retention`. Default 365. */
  retentionDays: number;
  /** How often `hello.retention` runs (a duration: `1d`, `6h`). Default `1d`. */
  retentionEvery: string;
}

/** What `hello(...)` takes: any option; the rest default. */
export type HelloInput = Partial<HelloOptions>;

/** The JSON Schema of {@link HelloOptions}, with its defaults. */
export const OPTIONS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    blockedNames: { ...list(text(200), 1_000), default: [] },
    digestTimeZone: text(64, { minLength: 1 }),
    ratingLinkDays: { type: 'integer', minimum: 1, maximum: 365, default: 14 },
    retentionDays: { type: 'integer', minimum: 1, maximum: 36_500, default: 365 },
    retentionEvery: { type: 'string', pattern: '^\\d+(ms|s|m|h|d)$', maxLength: 20, default: '1d' },
  },
  additionalProperties: false,
};

/**
 * Rules across options, run in the options phase (before anything registers): a greeting must
 * outlive its rating link, or the link would open a page for a deleted greeting.
 */
export function optionProblems(options: HelloOptions): string[] {
  return options.retentionDays > options.ratingLinkDays
    ? []
    : [
        `retentionDays (${options.retentionDays}) must be greater than ratingLinkDays (${options.ratingLinkDays}): a greeting must outlive its rating link`,
      ];
}
