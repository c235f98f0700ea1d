import { enumOf, type JsonSchema, list, numberBetween, ref, text } from '@rapport/core';
import { CRM_PROCESSES, PERSPECTIVES, STATUSES } from '../vocabulary.js';
import { EVALUATION_SCHEMA } from './evaluation-schema.js';

const coordinate = numberBetween(-1_000_000, 1_000_000);

/** The schema of a strategy map layout (`BscStrategyMap` in the OpenAPI document). */
export const MAP_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    scorecard: {
      type: 'object',
      properties: { id: ref, name: text() },
      required: ['id', 'name'],
      additionalProperties: false,
    },
    period: (EVALUATION_SCHEMA as { properties: Record<string, JsonSchema> }).properties.period as JsonSchema,
    width: coordinate,
    height: coordinate,
    bands: list(
      {
        type: 'object',
        properties: {
          perspective: enumOf(PERSPECTIVES),
          label: text(40),
          y: coordinate,
          height: coordinate,
          sections: list(
            {
              type: 'object',
              properties: {
                process: enumOf(CRM_PROCESSES),
                label: text(40),
                x: coordinate,
                width: coordinate,
              },
              required: ['process', 'label', 'x', 'width'],
              additionalProperties: false,
            },
            4,
          ),
        },
        required: ['perspective', 'label', 'y', 'height'],
        additionalProperties: false,
      },
      4,
    ),
    nodes: list(
      {
        type: 'object',
        properties: {
          id: ref,
          name: text(),
          perspective: enumOf(PERSPECTIVES),
          process: enumOf(CRM_PROCESSES),
          status: enumOf(STATUSES),
          score: { type: ['number', 'null'], minimum: 0, maximum: 1 },
          x: coordinate,
          y: coordinate,
          width: coordinate,
          height: coordinate,
        },
        required: ['id', 'name', 'perspective', 'status', 'score', 'x', 'y', 'width', 'height'],
        additionalProperties: false,
      },
      2000,
    ),
    arrows: list(
      {
        type: 'object',
        properties: {
          id: ref,
          fromId: ref,
          toId: ref,
          note: text(500, { minLength: 0 }),
          points: list(list(coordinate, 2, { minItems: 2 }), 8),
        },
        required: ['id', 'fromId', 'toId', 'points'],
        additionalProperties: false,
      },
      5000,
    ),
  },
  required: ['scorecard', 'period', 'width', 'height', 'bands', 'nodes', 'arrows'],
  additionalProperties: false,
};
