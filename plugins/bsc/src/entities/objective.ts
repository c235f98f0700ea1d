import {
  defineEntity,
  type EntityRecord,
  enumOf,
  integerBetween,
  numberBetween,
  ref,
  text,
} from '@rapport/core';
import { CRM_PROCESSES, type CrmProcess, MAX_WEIGHT, PERSPECTIVES, type Perspective } from '../vocabulary.js';

/** A strategic objective in one perspective of a scorecard. */
export interface Objective {
  scorecardId: string;
  name: string;
  perspective: Perspective;
  /** The CRM process it serves: required in the internal-process perspective, refused elsewhere. */
  process?: CrmProcess;
  ownerId?: string;
  /** Relative weight within its perspective (default 1). */
  weight: number;
  description?: string;
  /** Position within its band of the strategy map (lower first; then by name). */
  order?: number;
}

/** A stored objective. */
export type ObjectiveRecord = EntityRecord<Objective>;

/** The `bscObjective` entity. */
export const ObjectiveEntity = defineEntity<Objective>({
  name: 'bscObjective',
  plural: 'bscObjectives',
  description: 'A strategic objective of a scorecard, in one of the four perspectives.',
  schema: {
    type: 'object',
    properties: {
      scorecardId: ref,
      name: text(),
      perspective: enumOf(PERSPECTIVES),
      process: enumOf(CRM_PROCESSES),
      ownerId: ref,
      weight: { ...numberBetween(0, MAX_WEIGHT), default: 1 },
      description: text(2000, { minLength: 0 }),
      order: integerBetween(0, 1000),
    },
    required: ['scorecardId', 'name', 'perspective', 'weight'],
  },
  indexes: ['scorecardId'],
  search: ['name'],
});
