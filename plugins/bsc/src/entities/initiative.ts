import { date, defineEntity, type EntityRecord, enumOf, money, ref, referenceTo, text } from '@rapport/core';
import { INITIATIVE_STATUSES, type InitiativeStatus } from '../vocabulary.js';

/** An action taken against an objective (a training programme, a new service level). */
export interface Initiative {
  objectiveId: string;
  name: string;
  ownerId?: string;
  dueDate?: string;
  status: InitiativeStatus;
  budget?: { amount: number; currency: string };
  description?: string;
}

/** A stored initiative. */
export type InitiativeRecord = EntityRecord<Initiative>;

/** The `bscInitiative` entity. */
export const InitiativeEntity = defineEntity<Initiative>({
  name: 'bscInitiative',
  plural: 'bscInitiatives',
  description: 'An action against an objective, with owner, due date, status and budget.',
  schema: {
    type: 'object',
    properties: {
      objectiveId: referenceTo('bscObjective'),
      name: text(),
      ownerId: ref,
      dueDate: date,
      status: { ...enumOf(INITIATIVE_STATUSES), default: 'planned' },
      budget: money({ minimum: 0 }),
      description: text(2000, { minLength: 0 }),
    },
    required: ['objectiveId', 'name', 'status'],
  },
  indexes: ['objectiveId', 'status', 'dueDate'],
  search: ['name'],
});
