import { everyKeySchema, type JsonSchema, pageSchema, schemaRef, withSystemFields } from '@rapport/core';
import { SegmentEntity } from '../entities/segment.js';
import { ABC_CLASSES, LIFECYCLE_STAGES } from '../entities/vocabulary.js';
import { PROFILE_PARTS } from '../profile/profile-types.js';
import { MAX_TIMELINE_LIMIT } from '../timeline/read-timeline.js';

const TIME = { type: 'string', format: 'date-time' };
const COUNT = { type: 'integer', minimum: 0 };

/**
 * The schemas the plugin's routes answer and take, added to the document's components (the
 * `Customer`, `CustomerInput` and `CustomerPage` schemas come from the entity).
 */
export const CUSTOMER_ROUTE_SCHEMAS: Record<string, JsonSchema> = {
  TimelineItem: {
    type: 'object',
    description: 'One entry of a customer timeline, from any plugin.',
    properties: {
      id: { type: 'string', description: 'Unique across every source; breaks ties on `at`.' },
      at: TIME,
      source: { type: 'string', description: 'The contributing plugin (`customers`, `sales`).' },
      type: {
        type: 'string',
        description:
          'What happened: `interaction`, `deal.opened`, `deal.won`, `deal.lost`, `order.placed`, ...',
      },
      title: { type: 'string' },
      summary: { type: 'string' },
      channel: { type: 'string', description: 'For interactions: the channel.' },
      direction: { type: 'string', description: 'For interactions: `inbound` or `outbound`.' },
      byId: { type: 'string', description: 'Who on our side.' },
      ref: {
        type: 'object',
        description: 'The record behind the item.',
        properties: { entity: { type: 'string' }, id: { type: 'string' } },
        required: ['entity', 'id'],
        additionalProperties: false,
      },
      data: { type: 'object', additionalProperties: true, description: 'Anything else a client may show.' },
    },
    required: ['id', 'at', 'source', 'type', 'title'],
    additionalProperties: false,
  },
  TimelinePage: pageSchema(
    schemaRef('TimelineItem'),
    `A page of a timeline, newest first (at most ${MAX_TIMELINE_LIMIT} items).`,
  ),
  ProfileContribution: {
    type: 'object',
    description: "One plugin's contribution to a profile part.",
    properties: {
      source: { type: 'string', description: 'The contributing plugin.' },
      summary: { type: 'string', description: 'One sentence a person can read.' },
      data: {
        type: 'object',
        additionalProperties: true,
        description: 'The facts, as the plugin names them.',
      },
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
          contributions: { type: 'array', items: schemaRef('ProfileContribution'), minItems: 1 },
        },
        required: ['status', 'contributions'],
        additionalProperties: false,
      },
      {
        type: 'object',
        title: 'absent',
        properties: {
          status: { const: 'absent' },
          reason: { type: 'string', description: 'Which plugin would fill it.' },
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
      customerId: { type: 'string' },
      generatedAt: TIME,
      parts: everyKeySchema(PROFILE_PARTS, schemaRef('ProfilePartResult'), 'Each of the seven parts.'),
    },
    required: ['customerId', 'generatedAt', 'parts'],
    additionalProperties: false,
  },
  CustomerMergeRequest: {
    type: 'object',
    properties: { from: { type: 'string', minLength: 1, description: 'The customer merged into this one.' } },
    required: ['from'],
    additionalProperties: false,
  },
  CustomerMergeResult: {
    type: 'object',
    description: 'What a merge did.',
    properties: {
      survivor: { ...schemaRef('Customer'), description: 'The survivor after the merge.' },
      mergedId: { type: 'string', description: 'The deleted customer.' },
      mergeId: { type: 'string', description: 'The customerMerge record.' },
      moved: {
        type: 'object',
        description: 'Records moved onto the survivor, by entity.',
        additionalProperties: COUNT,
      },
      filled: { type: 'array', items: { type: 'string' }, description: 'Fields the survivor took over.' },
    },
    required: ['survivor', 'mergedId', 'mergeId', 'moved', 'filled'],
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
      ms: { type: 'number', minimum: 0, description: 'How long it took.' },
    },
    required: ['at', 'customers', 'updated', 'skipped', 'classes', 'stages', 'ms'],
    additionalProperties: false,
  },
  ImportRejectedRow: {
    type: 'object',
    description: 'A row the import refused, and why.',
    properties: {
      row: { type: 'integer', minimum: 1, description: '1-based among the data rows (not the CSV header).' },
      code: { type: 'string', description: '`VALIDATION_FAILED`, `CONFLICT`, `FORBIDDEN`, ...' },
      reason: { type: 'string', description: 'A sentence a person can act on.' },
      field: { type: 'string', description: 'The field to blame.' },
      existingId: { type: 'string', description: 'For a duplicate of a stored customer: that customer.' },
      duplicateOfRow: { type: 'integer', minimum: 1, description: 'For a duplicate of an earlier row.' },
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
      createdIds: { type: 'array', items: { type: 'string' }, description: 'In row order.' },
      rejected: { type: 'array', items: schemaRef('ImportRejectedRow') },
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
