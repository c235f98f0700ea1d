import {
  createSchemaCompiler,
  fieldError,
  fieldTypeAt,
  InvalidQueryError,
  type JsonSchema,
  type JsonSchemaObject,
  type RegisterContext,
} from '@rapport/core';
import type { RuleAction, SalesRule } from '../entities/sales-rule.js';
import type { SalesOptions } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { SalesTapStage } from '../tap-stages.js';
import { entityOf, type RuleEntity, ruleWhere, SETTABLE_FIELDS } from './rule-targets.js';

/** Event names a rule may not emit: kernel events and the facts other code relies on. */
const RESERVED_EVENTS = /^(entity\.|customers\.|sales\.(deal|lead|order|activity)\.)/;

function checkAction(
  schemaOf: (entity: string) => JsonSchemaObject,
  compile: (schema: JsonSchema) => (value: unknown) => Array<{ message: string }>,
  entity: RuleEntity,
  action: RuleAction,
  path: string,
): void {
  const fail = (field: string, message: string) =>
    fieldError('salesRule', `${path}.${field}`, 'sales.action', message);
  switch (action.type) {
    case 'assignOwner': {
      const ways = [action.ownerId, action.roundRobin, action.byField].filter((v) => v !== undefined).length;
      if (ways !== 1)
        throw fail('type', 'assignOwner needs exactly one of ownerId, roundRobin or byField (with map)');
      if (action.byField !== undefined) {
        if (!fieldTypeAt(schemaOf(entity), action.byField)) {
          throw fail('byField', `'${action.byField}' is not a field of ${entity}`);
        }
        if (!action.map || Object.keys(action.map).length === 0)
          throw fail('map', 'is required with byField');
      }
      return;
    }
    case 'createActivity':
      if (!action.activity) throw fail('activity', 'is required for createActivity');
      return;
    case 'setField': {
      if (!action.field) throw fail('field', 'is required for setField');
      if (!SETTABLE_FIELDS[entity].includes(action.field)) {
        throw fail(
          'field',
          `'${action.field}' cannot be set by a rule on a ${entity} (settable: ${SETTABLE_FIELDS[entity].join(', ')})`,
        );
      }
      if (!('value' in action)) throw fail('value', 'is required for setField');
      const property = schemaOf(entity).properties[action.field] as JsonSchema;
      const problem = compile(property)(structuredClone(action.value))[0];
      if (problem) throw fail('value', `is not a valid ${entity}.${action.field}: ${problem.message}`);
      if (
        entity === 'lead' &&
        action.field === 'status' &&
        ['converted', 'disqualified'].includes(String(action.value))
      ) {
        throw fail('value', `a rule cannot make a lead ${String(action.value)}`);
      }
      return;
    }
    case 'emitEvent':
      if (!action.event) throw fail('event', 'is required for emitEvent');
      if (RESERVED_EVENTS.test(action.event)) {
        throw fail(
          'event',
          `'${action.event}' is reserved (entity.*, customers.*, sales.deal|lead|order|activity.*); use e.g. sales.rule.${action.event.split('.').pop()}`,
        );
      }
      return;
  }
}

/**
 * Rules of `salesRule` (checked on save, so a broken rule never reaches a trigger): idle
 * triggers name `days` (and only they do), `from`/`to` belong to `deal.stageChanged`; the
 * `where` is a valid query over the trigger's entity (400 on `where` naming the field); each
 * action is complete and sets only fields a rule may set, with a valid value.
 */
export function tapRuleChecks(ctx: RegisterContext<SalesOptions>): void {
  let compile: ReturnType<typeof createSchemaCompiler> | undefined;
  ctx.hooks
    .entity<SalesRule>('salesRule')
    .validate.tapPromise({ name: SALES_PLUGIN_ID, stage: SalesTapStage.checks }, async (write) => {
      if (write.operation === 'delete') return;
      const { trigger, where, actions } = write.record;
      const idle = trigger.type === 'deal.idle' || trigger.type === 'lead.idle';
      if (idle && trigger.days === undefined)
        throw fieldError('salesRule', 'trigger.days', 'sales.trigger', `is required for ${trigger.type}`);
      if (!idle && trigger.days !== undefined)
        throw fieldError(
          'salesRule',
          'trigger.days',
          'sales.trigger',
          `is only for the idle triggers, not ${trigger.type}`,
        );
      if (trigger.type !== 'deal.stageChanged' && (trigger.from || trigger.to)) {
        throw fieldError(
          'salesRule',
          trigger.from ? 'trigger.from' : 'trigger.to',
          'sales.trigger',
          'is only for deal.stageChanged',
        );
      }
      const entity = entityOf(trigger);
      try {
        ruleWhere(write.schemaOf, entity, where);
      } catch (error) {
        if (error instanceof InvalidQueryError) {
          throw fieldError(
            'salesRule',
            'where',
            'sales.query',
            `is not a valid ${entity} filter: ${error.message}`,
          );
        }
        throw error;
      }
      compile ??= createSchemaCompiler({ useDefaults: false });
      const check = compile;
      actions.forEach((action, i) => {
        checkAction(write.schemaOf, (schema) => check(schema), entity, action, `actions.${i}`);
      });
    });
}
