import {
  ForbiddenError,
  fieldError,
  isSystemActor,
  type RegisterContext,
  sameJson,
  type ValidateContext,
} from '@rapport/core';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { Pipeline } from '../entities/pipeline.js';
import { priceLines } from '../money.js';
import type { SalesOptions } from '../options.js';
import { kindOf, requirePipeline, requireStage } from '../pipelines/stages.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { requireContactOf, requireCustomer } from '../references.js';
import { SalesTapStage } from '../tap-stages.js';

/** Fields of a won or lost deal that only a reopen may change. */
const CLOSED_FIELDS = [
  'amount',
  'lines',
  'probability',
  'forecastCategory',
  'expectedCloseDate',
  'kind',
] as const;
/** Clock skew tolerated for back-dated times that must not lie in the future. */
const SKEW_MS = 5 * 60_000;

/** The fields a write gave explicitly: the patch on update, the input on create. */
export function givenFields(
  write: { previous?: unknown; patch?: Record<string, unknown> },
  record: object,
): Set<string> {
  return new Set(Object.keys(write.previous ? (write.patch ?? {}) : record));
}

function checkTime(
  path: string,
  value: string | undefined,
  notBefore: string | undefined,
  now: number,
): void {
  if (value === undefined) return;
  const ms = Date.parse(value);
  if (ms > now + SKEW_MS) throw fieldError('deal', path, 'sales.time', 'lies in the future');
  if (notBefore && ms < Date.parse(notBefore)) {
    throw fieldError('deal', path, 'sales.time', `is before ${notBefore}, which it cannot precede`);
  }
}

function checkClosed(
  write: ValidateContext<Deal>,
  previous: DealRecord,
  moved: boolean,
  given: Set<string>,
  to: Pipeline['stages'][number],
) {
  const record = write.record;
  if (moved) {
    if (!given.has('reopenReason')) {
      throw fieldError(
        'deal',
        'stage',
        'sales.closed',
        `cannot change: the deal is ${previous.outcome}, and won and lost are terminal; reopen it explicitly (POST /api/sales/deals/${previous.id}/reopen with a reason)`,
      );
    }
    if (kindOf(to) !== 'open') {
      throw fieldError(
        'deal',
        'stage',
        'sales.closed',
        `'${to.key}' is not an open stage: a reopened deal goes back to an open stage`,
      );
    }
    if (!write.can('deal', 'reopen')) {
      throw new ForbiddenError(`actor '${write.actor.id}' lacks permission 'deal:reopen'`, {
        details: { permission: 'deal:reopen', actor: write.actor.id },
      });
    }
    return;
  }
  const locked = [...CLOSED_FIELDS, ...(isSystemActor(write.actor) ? [] : (['customerId'] as const))].filter(
    (field) => given.has(field) && !sameJson(record[field], previous[field]),
  );
  if (locked.length > 0) {
    throw fieldError(
      'deal',
      locked[0] as string,
      'sales.closed',
      `cannot change on a ${previous.outcome} deal; reopen it first`,
    );
  }
}

/**
 * The checks of a deal write (a `validate` tap, so nothing is written when one fails):
 * computed fields are the plugin's; the customer exists and the contact is theirs; the pipeline
 * exists (and takes new deals when active) and the stage is one of its stages (400 naming the
 * allowed ones); won and lost are terminal — only an explicit reopen (a `reopenReason` with an
 * open stage, by an actor holding `deal:reopen`) moves a closed deal, and a closed deal's money
 * and forecast fields are frozen; a lost deal says why; back-dated times are not in the future
 * and keep their order; lines share one currency; an amount is given or computed from lines.
 */
export function tapDealChecks(ctx: RegisterContext<SalesOptions>): void {
  const hooks = ctx.hooks.entity<Deal>('deal');
  hooks.validate.tapPromise({ name: SALES_PLUGIN_ID, stage: SalesTapStage.checks }, async (write) => {
    if (write.operation === 'delete') return;
    const { record } = write;
    const previous = write.previous as DealRecord | undefined;
    const given = givenFields(write, record);
    const now = write.now();
    const pipelineKey = record.pipeline ?? ctx.options.defaultPipeline;
    const pipeline = await requirePipeline(write.system<Pipeline>('pipeline'), 'deal', pipelineKey);
    const stage =
      record.stage === undefined ? pipeline.stages[0] : requireStage('deal', pipeline, record.stage);
    if (!stage) throw fieldError('deal', 'pipeline', 'sales.pipeline', `'${pipeline.key}' has no stages`);
    const moved = !previous || previous.pipeline !== pipelineKey || previous.stage !== stage.key;
    if ((!previous || previous.pipeline !== pipelineKey) && pipeline.active === false) {
      throw fieldError(
        'deal',
        'pipeline',
        'sales.pipeline',
        `'${pipeline.key}' is inactive: it takes no new deals`,
      );
    }

    if (previous?.outcome) checkClosed(write, previous, moved, given, stage);
    else if (previous && given.has('reopenReason') && !sameJson(record.reopenReason, previous.reopenReason)) {
      throw fieldError('deal', 'reopenReason', 'sales.reopen', 'is only for reopening a won or lost deal');
    }
    if (moved && kindOf(stage) === 'lost' && !record.outcomeReason) {
      throw fieldError('deal', 'outcomeReason', 'sales.reason', 'is required when a deal is lost: say why');
    }

    if (previous && given.has('openedAt') && !sameJson(record.openedAt, previous.openedAt)) {
      throw fieldError(
        'deal',
        'openedAt',
        'sales.immutable',
        'is set when the deal is created and cannot change',
      );
    }
    if (given.has('stageEnteredAt') && !moved && !sameJson(record.stageEnteredAt, previous?.stageEnteredAt)) {
      throw fieldError(
        'deal',
        'stageEnteredAt',
        'sales.stage',
        'is given only together with a change of stage',
      );
    }
    if (!previous) checkTime('openedAt', record.openedAt, undefined, now);
    if (given.has('stageEnteredAt')) {
      checkTime(
        'stageEnteredAt',
        record.stageEnteredAt,
        previous ? previous.stageEnteredAt : record.openedAt,
        now,
      );
    }

    if (record.lines && record.lines.length > 0) {
      const { total } = priceLines('deal', record.lines);
      if (given.has('amount') && record.amount && !sameJson(record.amount, total)) {
        throw fieldError(
          'deal',
          'amount',
          'sales.lines',
          `is ${record.amount.amount} ${record.amount.currency}, but the lines add up to ${total.amount} ${total.currency}; leave it out to have it computed`,
        );
      }
    } else if (!record.amount) {
      throw fieldError('deal', 'amount', 'sales.required', 'is required (or give lines to compute it from)');
    }

    if (!previous || previous.customerId !== record.customerId)
      await requireCustomer(write, 'deal', record.customerId);
    if (
      record.contactId &&
      (!previous || previous.contactId !== record.contactId || previous.customerId !== record.customerId)
    ) {
      await requireContactOf(write, 'deal', record.contactId, record.customerId);
    }
  });
}
