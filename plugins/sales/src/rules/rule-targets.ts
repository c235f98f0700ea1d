import type { JsonSchemaObject, Kernel, WhereNode } from '@rapport/core';
import { InvalidQueryError, normalizeWhere } from '@rapport/core';
import type { RuleTrigger } from '../entities/sales-rule.js';
import type { TriggerType } from '../vocabulary.js';

/** The record a trigger is about. */
export type RuleEntity = 'lead' | 'deal';

/** The entity whose records a trigger fires for. */
export function entityOf(trigger: Pick<RuleTrigger, 'type'> | TriggerType): RuleEntity {
  const type = typeof trigger === 'string' ? trigger : trigger.type;
  return type.startsWith('lead.') ? 'lead' : 'deal';
}

/**
 * Fields an automation rule may set with `setField`: the ones a person would change by hand,
 * never stage, pipeline, amounts or computed fields (stage moves go through the stage rules).
 */
export const SETTABLE_FIELDS: Record<RuleEntity, readonly string[]> = {
  lead: ['status', 'score', 'ownerId', 'tags', 'pipeline', 'notes', 'interest'],
  deal: ['probability', 'forecastCategory', 'ownerId', 'tags', 'kind', 'expectedCloseDate', 'notes'],
};

/** A rule's `where` as a validated tree; `InvalidQueryError` when it does not fit the entity. */
export function ruleWhere(
  schemaOf: (entity: string) => JsonSchemaObject,
  entity: RuleEntity,
  where: unknown,
): WhereNode | undefined {
  if (where === undefined) return undefined;
  if (typeof where !== 'object' || where === null || Array.isArray(where)) {
    throw new InvalidQueryError('where must be an object of the query language');
  }
  return normalizeWhere(where as never, schemaOf(entity));
}

/** The stored schemas of a kernel's entities, as {@link ruleWhere} reads them. */
export function schemaSource(kernel: Kernel): (entity: string) => JsonSchemaObject {
  return (entity) => {
    const compiled = kernel.entities.get(entity);
    if (!compiled) throw new Error(`entity '${entity}' is not defined`);
    return compiled.schema;
  };
}
