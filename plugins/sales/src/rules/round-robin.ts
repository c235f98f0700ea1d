import { ConflictError, type Repository } from '@rapport/core';
import type { SalesRuleState, SalesRuleStateRecord } from '../entities/rule-state.js';

const MAX_ATTEMPTS = 100;

/**
 * Takes the next round-robin turn of a rule: reads its state record and writes `turn + 1` with
 * `expectedVersion`, inside the caller's transaction. A concurrent writer that took the turn
 * first makes the write a CONFLICT; the read is then repeated (each read sees the latest
 * committed state), so concurrent assignments take distinct, consecutive turns — 30 concurrent
 * leads over 3 owners give each owner exactly 10, on every store.
 */
export async function takeTurn(states: Repository<SalesRuleState>, ruleId: string): Promise<number> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const { items } = await states.find({ where: { ruleId }, limit: 1 });
    const state = items[0] as SalesRuleStateRecord | undefined;
    try {
      if (!state) {
        await states.create({ ruleId, turn: 1 });
        return 0;
      }
      await states.update(state.id, { turn: state.turn + 1 }, { expectedVersion: state.version });
      return state.turn;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw ConflictError.state(
    `rule ${ruleId}: could not take a round-robin turn after ${MAX_ATTEMPTS} attempts`,
    { entity: 'salesRuleState', ruleId },
  );
}
