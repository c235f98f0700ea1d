import { defineEntity, type EntityRecord, key, percent, text } from '@rapport/core';
import {
  DEAL_KINDS,
  type DealKind,
  FORECAST_CATEGORIES,
  type ForecastCategory,
  STAGE_KINDS,
  type StageKind,
} from '../vocabulary.js';

/** One stage of a pipeline. */
export interface PipelineStage {
  /** Unique within the pipeline: `proposal`. */
  key: string;
  name: string;
  /** The probability (integer percent) a deal gets on entering the stage. Won: 100, lost: 0. */
  probability: number;
  /** `open` (default), or the terminal `won` / `lost`. */
  kind?: StageKind;
  /** The forecast category a deal gets on entering the stage; derived from the probability when absent. */
  forecastCategory?: ForecastCategory;
}

/** A sales pipeline: ordered stages (open ones first, then exactly one won and at least one lost). */
export interface Pipeline {
  /** Unique, immutable: deals refer to the pipeline by it (`new-business`). */
  key: string;
  name: string;
  description?: string;
  stages: PipelineStage[];
  /** Inactive pipelines take no new deals. Default true. */
  active?: boolean;
  /** The kind a new deal in this pipeline gets when it names none (`renewal` for renewals). */
  dealKind?: DealKind;
}

/** A stored pipeline. */
export type PipelineRecord = EntityRecord<Pipeline>;

/** The `pipeline` entity. */
export const PipelineEntity = defineEntity<Pipeline>({
  name: 'pipeline',
  plural: 'pipelines',
  description:
    'A sales pipeline: ordered stages, each with a default probability and forecast category; open stages first, then won and lost.',
  schema: {
    type: 'object',
    properties: {
      key,
      name: text(),
      description: text(2_000, { minLength: 0 }),
      stages: {
        type: 'array',
        minItems: 3,
        maxItems: 30,
        items: {
          type: 'object',
          properties: {
            key,
            name: text(),
            probability: percent,
            kind: { type: 'string', enum: [...STAGE_KINDS], default: 'open' },
            forecastCategory: { type: 'string', enum: [...FORECAST_CATEGORIES] },
          },
          required: ['key', 'name', 'probability'],
          additionalProperties: false,
        },
      },
      active: { type: 'boolean', default: true },
      dealKind: { type: 'string', enum: [...DEAL_KINDS] },
    },
    required: ['key', 'name', 'stages'],
  },
  indexes: [{ fields: ['key'], unique: true }],
  search: ['name', 'key'],
});
