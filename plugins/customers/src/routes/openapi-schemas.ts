import {
  count,
  dateTime,
  everyKeySchema,
  integerBetween,
  type JsonSchema,
  jsonObject,
  list,
  numberBetween,
  pageSchema,
  ref,
  schemaRef,
  text,
  withSystemFields,
} from '@rapport/core';
import { SegmentEntity } from '../entities/segment.js';
import { ABC_CLASSES, LIFECYCLE_STAGES } from '../entities/vocabulary.js';
import { OPTIONS_SCHEMA } from '../options.js';
import { PROFILE_PARTS } from '../profile/profile-types.js';
import { MAX_TIMELINE_LIMIT } from '../timeline/read-timeline.js';

const TIME = dateTime;
const COUNT = count;
/** The most rows one import may hold (the largest `importMaxRows`). */
/** What a merge moves and fills: the same in its answer and in its preview's. */
const MERGE_OUTCOME = {
  moved: {
    type: 'object',
    description: 'Records moved onto the survivor, by entity.',
    additionalProperties: COUNT,
    maxProperties: 1_000,
  },
  filled: { ...list(text(200), 1_000), description: 'Fields the survivor took over.' },
};

export const MAX_IMPORT_ROWS = OPTIONS_SCHEMA.properties.importMaxRows?.maximum as number;
/** The longest CSV an import takes: the ceiling of the server's body limit. */
export const MAX_IMPORT_TEXT = 104_857_600;
const ROW = integerBetween(1, MAX_IMPORT_ROWS);

/**
 * The schemas the plugin's routes answer and take, added to the document's components (the
 * `Customer`, `CustomerInput` and `CustomerPage` schemas come from the entity).
 */
export const CUSTOMER_ROUTE_SCHEMAS: Record<string, JsonSchema> = {
  TimelineItem: {
    type: 'object',
    description: 'One entry of a customer timeline, from any plugin.',
    properties: {
      id: { ...text(500), description: 'Unique across every source; breaks ties on `at`.' },
      at: TIME,
      source: { ...text(100), description: 'The contributing plugin (`customers`, `sales`).' },
      type: {
        ...text(100),
        description:
          'What happened: `interaction`, `deal.opened`, `deal.won`, `deal.lost`, `order.placed`, ...',
      },
      title: text(1_000, { minLength: 0 }),
      summary: text(10_000, { minLength: 0 }),
      channel: { ...text(100), description: 'For interactions: the channel.' },
      direction: { ...text(100), description: 'For interactions: `inbound` or `outbound`.' },
      byId: { ...ref, description: 'Who on our side.' },
      ref: {
        type: 'object',
        description: 'The record behind the item.',
        properties: { entity: text(100), id: ref },
        required: ['entity', 'id'],
        additionalProperties: false,
      },
      data: { ...jsonObject(200), description: 'Anything else a client may show.' },
    },
    required: ['id', 'at', 'source', 'type', 'title'],
    additionalProperties: false,
  },
  TimelinePage: pageSchema(
    schemaRef('TimelineItem'),
    `A page of a timeline, newest first (at most ${MAX_TIMELINE_LIMIT} items).`,
    MAX_TIMELINE_LIMIT,
  ),
  ProfileContribution: {
    type: 'object',
    description: "One plugin's contribution to a profile part.",
    properties: {
      source: { ...text(100), description: 'The contributing plugin.' },
      summary: { ...text(2_000, { minLength: 0 }), description: 'One sentence a person can read.' },
      data: { ...jsonObject(200), description: 'The facts, as the plugin names them.' },
    },
    required: ['source', 'data'],
    additionalProperties: false,
  },
  ProfilePartResult: {
    description: 'A part filled by at least one plugin, or absent with the reason.',
    oneOf: [
      {
        type: 'object',
        title: 'available',
        properties: {
          status: { const: 'available' },
          contributions: list(schemaRef('ProfileContribution'), 100, { minItems: 1 }),
        },
        required: ['status', 'contributions'],
        additionalProperties: false,
      },
      {
        type: 'object',
        title: 'absent',
        properties: {
          status: { const: 'absent' },
          reason: { ...text(1_000, { minLength: 0 }), description: 'Which plugin would fill it.' },
        },
        required: ['status', 'reason'],
        additionalProperties: false,
      },
    ],
  },
  CustomerProfile: {
    type: 'object',
    description: 'The 7P profile of a customer.',
    properties: {
      customerId: ref,
      generatedAt: TIME,
      parts: everyKeySchema(PROFILE_PARTS, schemaRef('ProfilePartResult'), 'Each of the seven parts.'),
    },
    required: ['customerId', 'generatedAt', 'parts'],
    additionalProperties: false,
  },
  CustomerMergeRequest: {
    type: 'object',
    properties: { from: { ...ref, description: 'The customer merged into this one.' } },
    required: ['from'],
    additionalProperties: false,
  },
  CustomerMergeResult: {
    type: 'object',
    description: 'What a merge did.',
    properties: {
      ...MERGE_OUTCOME,
      survivor: { ...schemaRef('Customer'), description: 'The survivor after the merge.' },
      mergedId: { ...ref, description: 'The deleted customer.' },
      mergeId: { ...ref, description: 'The customerMerge record.' },
    },
    required: ['survivor', 'mergedId', 'mergeId', 'moved', 'filled'],
    additionalProperties: false,
  },
  CustomerMergePreview: {
    type: 'object',
    description: 'What a merge would do; nothing was written.',
    properties: {
      ...MERGE_OUTCOME,
      survivor: { ...schemaRef('Customer'), description: 'The survivor as the merge would leave it.' },
      mergedId: { ...ref, description: 'The customer the merge would delete.' },
    },
    required: ['survivor', 'mergedId', 'moved', 'filled'],
    additionalProperties: false,
  },
  RecomputeSummary: {
    type: 'object',
    description: 'What one recompute did.',
    properties: {
      at: { ...TIME, description: 'The time the computation used.' },
      customers: COUNT,
      updated: { ...COUNT, description: 'Customers whose computed fields changed and were written.' },
      skipped: { ...COUNT, description: 'Customers changed meanwhile; the next run picks them up.' },
      classes: everyKeySchema(ABC_CLASSES, COUNT, 'Customers per ABC class.'),
      stages: everyKeySchema(LIFECYCLE_STAGES, COUNT, 'Customers per lifecycle stage.'),
      futureValue: {
        type: 'object',
        maxProperties: 20,
        description:
          'The future-value fit: fittedAt, the customers and repeat buyers it saw, the BG/NBD and Gamma-Gamma parameters with log-likelihoods, or error {code, message} when refused.',
      },
      ms: { ...numberBetween(0, Number.MAX_SAFE_INTEGER), description: 'How long it took.' },
    },
    required: ['at', 'customers', 'updated', 'skipped', 'classes', 'stages', 'futureValue', 'ms'],
    additionalProperties: false,
  },
  FutureValueReport: {
    type: 'object',
    description: 'Future-value totals and the win-back list, over the customers the caller may see.',
    properties: {
      predicted: { ...COUNT, description: 'Customers with a prediction.' },
      customerEquity: {
        ...numberBetween(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
        description: 'Sum of predicted lifetime values, minor units.',
      },
      expectedActive: { ...numberBetween(0, Number.MAX_SAFE_INTEGER), description: 'Sum of P(alive).' },
      fittedAt: { anyOf: [TIME, { type: 'null' }], description: 'When the predictions were fitted.' },
      atRiskValuable: {
        type: 'array',
        items: schemaRef('Customer'),
        maxItems: 100,
        description: 'Class-A customers with P(alive) under 0.3, most valuable first.',
      },
    },
    required: ['predicted', 'customerEquity', 'expectedActive', 'fittedAt', 'atRiskValuable'],
    additionalProperties: false,
  },
  HoldoutValidation: {
    type: 'object',
    description:
      'The future-value model fitted on the calibration window and checked on the holdout window after it: predicted against actual repeat purchases, in total and by calibration repeat count.',
    properties: {
      calibrationEnd: TIME,
      holdoutEnd: TIME,
      weeks: { ...integerBetween(1, 520), description: 'Length of the holdout window.' },
      customers: { ...COUNT, description: 'Customers with a purchase in the calibration window.' },
      repeatBuyers: { ...COUNT, description: 'Of them, those with a repeat purchase.' },
      predicted: { ...numberBetween(0, Number.MAX_SAFE_INTEGER), description: 'Expected repeat purchases.' },
      actual: { ...COUNT, description: 'Repeat purchases that happened.' },
      byCalibrationCount: {
        type: 'array',
        maxItems: 8,
        items: {
          type: 'object',
          properties: {
            x: { ...text(5), description: 'Calibration repeat purchases: 0, 1, …, 7+.' },
            customers: COUNT,
            predicted: numberBetween(0, Number.MAX_SAFE_INTEGER),
            actual: COUNT,
          },
          required: ['x', 'customers', 'predicted', 'actual'],
          additionalProperties: false,
        },
      },
      bgNbd: { type: 'object', maxProperties: 4, description: 'BG/NBD parameters and log-likelihood.' },
      gammaGamma: {
        type: 'object',
        maxProperties: 4,
        description: 'Gamma-Gamma parameters and log-likelihood.',
      },
      points: {
        type: 'array',
        maxItems: 16,
        description: 'Predicted and actual by group, as chart points.',
        items: {
          type: 'object',
          properties: { label: text(40), value: numberBetween(0, Number.MAX_SAFE_INTEGER) },
          required: ['label', 'value'],
          additionalProperties: false,
        },
      },
      error: {
        type: 'object',
        description: 'Why the model could not be fitted on the calibration window.',
        properties: { code: text(100), message: text(2_000) },
        required: ['code', 'message'],
        additionalProperties: false,
      },
      ms: { ...numberBetween(0, Number.MAX_SAFE_INTEGER), description: 'How long it took.' },
    },
    required: [
      'calibrationEnd',
      'holdoutEnd',
      'weeks',
      'customers',
      'repeatBuyers',
      'predicted',
      'actual',
      'byCalibrationCount',
      'points',
      'ms',
    ],
    additionalProperties: false,
  },
  ImportRejectedRow: {
    type: 'object',
    description: 'A row the import refused, and why.',
    properties: {
      row: { ...ROW, description: '1-based among the data rows (not the CSV header).' },
      code: { ...text(100), description: '`VALIDATION_FAILED`, `CONFLICT`, `FORBIDDEN`, ...' },
      reason: { ...text(2_000, { minLength: 0 }), description: 'A sentence a person can act on.' },
      field: { ...text(500, { minLength: 0 }), description: 'The field to blame.' },
      existingId: { ...ref, description: 'For a duplicate of a stored customer: that customer.' },
      duplicateOfRow: { ...ROW, description: 'For a duplicate of an earlier row.' },
    },
    required: ['row', 'code', 'reason'],
    additionalProperties: false,
  },
  ImportReport: {
    type: 'object',
    description: 'What an import did (or, with dryRun, would do).',
    properties: {
      total: COUNT,
      created: COUNT,
      createdIds: { ...list(ref, MAX_IMPORT_ROWS), description: 'In row order.' },
      rejected: list(schemaRef('ImportRejectedRow'), MAX_IMPORT_ROWS),
      dryRun: { type: 'boolean', description: 'True when nothing was written.' },
    },
    required: ['total', 'created', 'createdIds', 'rejected', 'dryRun'],
    additionalProperties: false,
  },
  CustomerMatches: {
    type: 'object',
    description: 'The customers with that phone or e-mail (at most one per identity field).',
    properties: { items: { type: 'array', items: schemaRef('Customer'), maxItems: 2 } },
    required: ['items'],
    additionalProperties: false,
  },
  CountedSegment: {
    ...withSystemFields({
      ...SegmentEntity.schema,
      properties: {
        ...SegmentEntity.schema.properties,
        count: { ...COUNT, description: 'Customers in the segment now, as the caller sees them.' },
      },
      required: [...(SegmentEntity.schema.required ?? []), 'count'],
    }),
    description: 'A segment with its live member count.',
  },
  CountedSegmentPage: pageSchema(
    schemaRef('CountedSegment'),
    'A page of segments, each with its live count.',
  ),
};
