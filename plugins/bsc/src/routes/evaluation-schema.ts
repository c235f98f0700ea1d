import type { JsonSchema } from '@rapport/core';
import { dateTime, enumOf, list, numberBetween, ref, text } from '@rapport/core';
import { MAX_VALUE } from '../entities/kpi.js';
import {
  CRM_PROCESSES,
  DIRECTIONS,
  KPI_SOURCES,
  MAX_WEIGHT,
  PERIOD_KINDS,
  PERSPECTIVES,
  STATUSES,
  VALUE_PROPOSITIONS,
} from '../vocabulary.js';

const value: JsonSchema = { type: ['number', 'null'], minimum: -MAX_VALUE * 100, maximum: MAX_VALUE * 100 };
const score: JsonSchema = { type: ['number', 'null'], minimum: 0, maximum: 1 };
const weight = numberBetween(0, MAX_WEIGHT);
const share = numberBetween(0, 1);
const status = enumOf(STATUSES);
const periodKey = text(7);

const NO_DATA: JsonSchema = {
  type: 'object',
  properties: {
    code: enumOf([
      'pluginMissing',
      'metricMissing',
      'noValue',
      'noReading',
      'forbidden',
      'invalidParams',
      'failed',
      'notInSnapshot',
    ]),
    message: text(2000),
  },
  required: ['code', 'message'],
  additionalProperties: false,
};

const KPI: JsonSchema = {
  type: 'object',
  properties: {
    id: ref,
    name: text(),
    source: enumOf(KPI_SOURCES),
    metric: text(120),
    unit: text(40),
    direction: enumOf(DIRECTIONS),
    weight,
    share,
    target: value,
    greenValue: value,
    redValue: value,
    actual: value,
    status,
    score,
    noData: NO_DATA,
    trend: {
      type: 'object',
      properties: {
        previous: list(
          {
            type: 'object',
            properties: { period: periodKey, actual: value },
            required: ['period', 'actual'],
            additionalProperties: false,
          },
          12,
        ),
        change: value,
        direction: enumOf(['improving', 'worsening', 'flat', 'unknown']),
      },
      required: ['previous', 'change', 'direction'],
      additionalProperties: false,
    },
  },
  required: [
    'id',
    'name',
    'source',
    'direction',
    'weight',
    'share',
    'target',
    'actual',
    'status',
    'score',
    'trend',
  ],
  additionalProperties: false,
};

const OBJECTIVE: JsonSchema = {
  type: 'object',
  properties: {
    id: ref,
    name: text(),
    perspective: enumOf(PERSPECTIVES),
    process: enumOf(CRM_PROCESSES),
    weight,
    share,
    score,
    status,
    kpis: list(KPI, 1000),
  },
  required: ['id', 'name', 'perspective', 'weight', 'share', 'score', 'status', 'kpis'],
  additionalProperties: false,
};

/** The schema of an evaluation (`BscEvaluation` in the OpenAPI document). */
export const EVALUATION_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    scorecard: {
      type: 'object',
      properties: { id: ref, name: text(), valueProposition: enumOf(VALUE_PROPOSITIONS), timeZone: text(64) },
      required: ['id', 'name', 'valueProposition', 'timeZone'],
      additionalProperties: false,
    },
    period: {
      type: 'object',
      properties: {
        key: periodKey,
        kind: enumOf(PERIOD_KINDS),
        from: dateTime,
        to: dateTime,
        closed: { type: 'boolean' },
        closedAt: dateTime,
      },
      required: ['key', 'kind', 'from', 'to', 'closed'],
      additionalProperties: false,
    },
    score,
    status,
    perspectives: list(
      {
        type: 'object',
        properties: {
          perspective: enumOf(PERSPECTIVES),
          weight,
          share,
          score,
          status,
          objectives: list(OBJECTIVE, 500),
        },
        required: ['perspective', 'weight', 'share', 'score', 'status', 'objectives'],
        additionalProperties: false,
      },
      4,
    ),
    evaluatedAt: dateTime,
  },
  required: ['scorecard', 'period', 'score', 'status', 'perspectives', 'evaluatedAt'],
  additionalProperties: false,
};
