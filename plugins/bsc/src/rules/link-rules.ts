import { fieldError, type RegisterContext, type ValidateContext } from '@rapport/core';
import type { CausalLink } from '../entities/causal-link.js';
import type { Objective } from '../entities/objective.js';
import type { BscOptions } from '../options.js';
import { BSC_PLUGIN_ID } from '../plugin-id.js';
import { findAll } from '../util/find-all.js';
import { findPath } from './find-path.js';
import { BscTapStage } from './tap-stage.js';

const problem = (field: string, rule: string, message: string) =>
  fieldError('bscLink', field, `${BSC_PLUGIN_ID}.${rule}`, message);

async function objective(
  write: ValidateContext<CausalLink>,
  field: 'fromId' | 'toId',
): Promise<Objective & { id: string }> {
  const page = await write
    .system<Objective>('bscObjective')
    .find({ where: { id: write.record[field] }, limit: 1 });
  const found = page.items[0];
  if (!found) throw problem(field, 'exists', `'${write.record[field]}' is not an objective`);
  return found;
}

/**
 * A causal link joins two different objectives of one scorecard (its `scorecardId` is theirs) and
 * never closes a cycle: a link that would is refused with the path it would close
 * ("Staff skills → Service quality → Staff skills").
 */
export function tapLinkRules(ctx: RegisterContext<BscOptions>): void {
  const hooks = ctx.hooks.entity<CausalLink>('bscLink');
  hooks.validate.tapPromise({ name: BSC_PLUGIN_ID, stage: BscTapStage.checks }, async (write) => {
    if (write.operation === 'delete') return;
    const { record } = write;
    if (record.fromId === record.toId)
      throw problem('toId', 'cycle', 'must be another objective than fromId');
    const [from, to] = [await objective(write, 'fromId'), await objective(write, 'toId')];
    if (from.scorecardId !== to.scorecardId) {
      throw problem('toId', 'sameScorecard', `is on another scorecard than fromId ('${from.name}')`);
    }
    const links = await findAll(write.system<CausalLink>('bscLink'), { scorecardId: from.scorecardId });
    const edges = links
      .filter((link) => link.id !== record.id)
      .map((link) => [link.fromId, link.toId] as const);
    const back = findPath(edges, record.toId, record.fromId);
    if (back) {
      const objectives = await findAll(write.system<Objective>('bscObjective'), {
        scorecardId: from.scorecardId,
      });
      const names = new Map(objectives.map((o) => [o.id, o.name]));
      const path = [record.fromId, ...back].map((id) => names.get(id) ?? id).join(' → ');
      throw problem('toId', 'cycle', `would close the cycle ${path}`);
    }
  });
  hooks.beforeCreate.tapPromise(
    { name: BSC_PLUGIN_ID, stage: BscTapStage.derived },
    async (record, write) => {
      const from = await write.system<Objective>('bscObjective').get(record.fromId);
      return { ...record, scorecardId: from.scorecardId };
    },
  );
  hooks.beforeUpdate.tapPromise(
    { name: BSC_PLUGIN_ID, stage: BscTapStage.derived },
    async (record, write) => {
      const from = await write.system<Objective>('bscObjective').get(record.fromId);
      return { ...record, scorecardId: from.scorecardId };
    },
  );
}
