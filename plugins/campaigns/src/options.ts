import type { JsonSchemaObject } from '@rapport/core';

/** Options of the campaigns plugin. */
export interface CampaignsInput {
  /** How often the dispatch job advances running campaigns and launches scheduled ones; default `'5s'`. */
  dispatchEvery?: string;
  /** Members frozen, or sent to, per batch; default 200. */
  batchSize?: number;
  /** Batches one dispatch run works through per campaign before yielding; default 50. */
  batchesPerRun?: number;
  /** Days after a member was sent to within which a conversion is credited; default 30 (a campaign may set its own). */
  attributionDays?: number;
  /** Cron expression of the care job (in UTC; each customer's local hour is checked); default every 15 minutes. */
  careCron?: string;
  /** Where tracked links are opened (`https://crm.example.com`); without it, campaigns have no tracked link. */
  publicUrl?: string;
  /** How long a tracked link works; default `'180d'`. */
  linkTtl?: string;
}

/** The options with their defaults applied. */
export interface CampaignsOptions {
  dispatchEvery: string;
  batchSize: number;
  batchesPerRun: number;
  attributionDays: number;
  careCron: string;
  publicUrl?: string;
  linkTtl: string;
}

/** The JSON Schema of {@link CampaignsInput}. */
export const OPTIONS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    dispatchEvery: { type: 'string', minLength: 2, maxLength: 20, default: '5s' },
    batchSize: { type: 'integer', minimum: 1, maximum: 500, default: 200 },
    batchesPerRun: { type: 'integer', minimum: 1, maximum: 10_000, default: 50 },
    attributionDays: { type: 'integer', minimum: 1, maximum: 365, default: 30 },
    careCron: { type: 'string', minLength: 9, maxLength: 100, default: '*/15 * * * *' },
    publicUrl: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 500 },
    linkTtl: { type: 'string', minLength: 2, maxLength: 20, default: '180d' },
  },
  additionalProperties: false,
};
