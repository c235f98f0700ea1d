import {
  type Actor,
  fieldError,
  isoTime,
  type KernelTransaction,
  type Repository,
  SYSTEM_ACTOR,
} from '@rapport/core';
import type { Customer, CustomerRecord } from '../entities/customer.js';
import type { CustomerMerge } from '../entities/customer-merge.js';
import { OWNED_REFERENCES } from '../entities/customer-taps.js';
import type { CustomerValue } from '../entities/customer-value.js';
import type { Interaction } from '../entities/interaction.js';
import type { MergeRequest } from '../hooks/customer-hooks.js';
import { laterOf } from '../lifecycle/derive-stage.js';
import { countTenurePurchases, lifecyclePatch } from '../lifecycle/lifecycle-patch.js';
import { DAY_MS } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';
import { loadValueFacts, statsOf } from '../recompute/value-facts.js';
import type { CustomersContext } from '../service.js';
import { mergeProfiles } from './merge-fields.js';

/** What a merge did. */
export interface MergeResult {
  /** The survivor after the merge. */
  survivor: CustomerRecord;
  mergedId: string;
  /** The id of the `customerMerge` audit record. */
  mergeId: string;
  /** Records moved onto the survivor, by entity. */
  moved: Record<string, number>;
  /** Fields the survivor took over. */
  filled: string[];
}

/**
 * Moves every record in `repo` whose `field` is `from` to `to` (give a system repository, so no
 * record rule can leave a reference behind); answers how many moved.
 */
export async function moveReferences(
  repo: Repository,
  from: string,
  to: string,
  field = 'customerId',
): Promise<number> {
  let moved = 0;
  for (;;) {
    const { items } = await repo.find({ where: { [field]: from }, limit: 200, fields: ['id'] });
    if (items.length === 0) return moved;
    for (const item of items) await repo.update(item.id, { [field]: to });
    moved += items.length;
  }
}

/**
 * Merges customer `mergedId` into `survivorId` in one kernel transaction, acting as `actor`
 * (who needs `customer:merge` besides `customer:update` and `customer:delete`, and must be able
 * to see both customers): moves contacts, interactions and value records; runs the published
 * `merge` hook so other plugins move their references; fills the survivor's blanks
 * ({@link mergeProfiles}); deletes the merged record; refreshes the survivor's value and
 * lifecycle; writes a `customerMerge` record and emits `customers.customer.merged`. The kernel
 * writes an audit record for every write on the way. Any failure rolls all of it back.
 */
/** Carries a dry run's result out of the transaction it rolls back. */
class DryRun extends Error {
  constructor(readonly result: MergeResult) {
    super('merge preview: rolled back');
  }
}

/** What a merge would do: a {@link MergeResult} without the `customerMerge` record it did not write. */
export type MergePreview = Omit<MergeResult, 'mergeId'>;

/**
 * What merging `mergedId` into `survivorId` would do, exactly: the whole merge runs — every
 * plugin's tap, the same checks and refusals — in a transaction that is then rolled back, so
 * nothing is written, emitted or audited.
 */
export async function previewMerge(
  context: CustomersContext,
  actor: Actor,
  survivorId: string,
  mergedId: string,
): Promise<MergePreview> {
  try {
    await mergeCustomers(context, actor, survivorId, mergedId, { dryRun: true });
  } catch (error) {
    if (error instanceof DryRun) {
      const { mergeId: _none, ...preview } = error.result;
      return preview;
    }
    throw error;
  }
  throw new Error('merge preview: the dry run committed');
}

export async function mergeCustomers(
  context: CustomersContext,
  actor: Actor,
  survivorId: string,
  mergedId: string,
  run: { dryRun?: boolean } = {},
): Promise<MergeResult> {
  const kernel = context.kernel;
  const { options } = context;
  kernel.access.assert(actor, 'customer', 'merge');
  if (typeof mergedId !== 'string' || mergedId === '') {
    throw fieldError('customer', 'from', 'customers.merge', 'must name the customer to merge into this one');
  }
  if (survivorId === mergedId)
    throw fieldError('customer', 'from', 'customers.merge', 'names the surviving customer itself');
  return kernel.transaction(async (tx: KernelTransaction) => {
    const customers = tx.data<Customer>('customer', { actor });
    const system = <T = Record<string, unknown>>(entity: string) =>
      tx.data<T>(entity, { actor: SYSTEM_ACTOR });
    const survivor = await customers.get(survivorId);
    const merged = await customers.get(mergedId);
    if (survivor.kind !== merged.kind) {
      // contacts belong to organisations and a person's profile is not an organisation's: two
      // kinds are two parties, not a duplicate
      throw fieldError(
        'customer',
        'from',
        'customers.merge',
        `names ${article(merged.kind)} ${merged.kind}; only a duplicate of the same kind (${survivor.kind}) merges`,
      );
    }
    const moved: Record<string, number> = {};
    const count = (entity: string, n: number) => {
      moved[entity] = (moved[entity] ?? 0) + n;
    };
    for (const entity of OWNED_REFERENCES)
      count(entity, await moveReferences(system(entity), mergedId, survivorId));

    const request: MergeRequest = {
      survivorId,
      mergedId,
      survivor,
      merged,
      actor,
      write: {
        data: (entity) => tx.data(entity, { actor }),
        system: (entity) => system(entity),
        emit: (name, payload) => tx.emit(name, payload, { actor }),
        now: () => kernel.clock.now(),
      },
      moved: count,
      moveReferences: async (entity, field) => {
        const n = await moveReferences(system(entity), mergedId, survivorId, field);
        if (n > 0) count(entity, n);
        return n;
      },
    };
    await context.hooks.merge.promise(request);

    const { patch, filled } = mergeProfiles(survivor, merged);
    await customers.delete(mergedId);
    let result = Object.keys(patch).length > 0 ? await customers.update(survivorId, patch) : survivor;

    const now = kernel.clock.now();
    const facts = await loadValueFacts(
      { values: system<CustomerValue>('customerValue'), interactions: system<Interaction>('interaction') },
      {
        customerId: survivorId,
        windowStart: isoTime(now - options.valueWindowDays * DAY_MS),
        inbound: options.lifecycle.activityFromInteractions,
      },
    );
    const known = facts.get(survivorId);
    const stats = known ? statsOf(known, options.currency) : undefined;
    const wonBackAt = laterOf(survivor.wonBackAt, merged.wonBackAt);
    const tenure = await countTenurePurchases(
      system<CustomerValue>('customerValue'),
      survivorId,
      wonBackAt,
      stats?.purchases ?? 0,
    );
    const refresh = lifecyclePatch(result, stats, wonBackAt, tenure, now, options);
    if (Object.keys(refresh).length > 0) {
      result = await system<Customer>('customer').update(survivorId, refresh as Partial<Customer>);
    }

    const log = await system<CustomerMerge>('customerMerge').create({
      survivorId,
      mergedId,
      actorId: actor.id,
      at: isoTime(now),
      moved,
      filled,
      mergedRecord: merged as unknown as Record<string, unknown>,
    });
    tx.emit(
      `${CUSTOMERS_PLUGIN_ID}.customer.merged`,
      { survivorId, mergedId, mergeId: log.id, moved, filled },
      { actor },
    );
    if (run.dryRun) throw new DryRun({ survivor: result, mergedId, mergeId: '', moved, filled });
    return { survivor: result, mergedId, mergeId: log.id, moved, filled };
  });
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
