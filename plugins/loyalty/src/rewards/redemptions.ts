import { ConflictError, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Programme } from '../entities/programme.js';
import type { Redemption, RedemptionRecord } from '../entities/redemption.js';
import type { Reward, RewardRecord } from '../entities/reward.js';
import { instantOf, redeem, reverse } from '../ledger/ledger-ops.js';
import { tierRank } from '../tiers/tiers.js';

const rewards = (kernel: Kernel) => kernel.data<Reward>('loyaltyReward', { actor: SYSTEM_ACTOR });
const redemptions = (kernel: Kernel) => kernel.data<Redemption>('loyaltyRedemption', { actor: SYSTEM_ACTOR });

async function byEntry(kernel: Kernel, entryId: string): Promise<RedemptionRecord> {
  const page = await redemptions(kernel).find({ where: { entryId }, limit: 1 });
  return page.items[0] as RedemptionRecord;
}

/**
 * Reserves a reward for a member: debits its cost (soonest-expiring points first), takes one
 * unit of stock and records the redemption, all in one transaction. Short of points, stock or
 * tier (`tierRequired`: the member's tier must rank at or above it, read in the same
 * transaction) is a 409 naming what is short; a retry with the same key returns the first
 * redemption. `options.at` dates a redemption imported with its history.
 */
export async function reserveReward(
  kernel: Kernel,
  memberId: string,
  rewardId: string,
  idempotencyKey: string,
  options: { at?: string } = {},
): Promise<{ redemption: RedemptionRecord; replayed: boolean }> {
  const reward = (await rewards(kernel).get(rewardId)) as RewardRecord;
  const now = new Date(instantOf(kernel, options.at) ?? kernel.clock.now()).toISOString();
  const unavailable =
    reward.active === false
      ? 'is not active'
      : reward.validFrom && now < reward.validFrom
        ? `is redeemable from ${reward.validFrom}`
        : reward.validTo && now >= reward.validTo
          ? `was redeemable until ${reward.validTo}`
          : undefined;
  if (unavailable) {
    throw ConflictError.state(`reward '${reward.name}' ${unavailable}`, {
      entity: 'loyaltyReward',
      id: rewardId,
    });
  }
  const posted = await redeem(
    kernel,
    memberId,
    {
      points: reward.cost,
      idempotencyKey: `reward:${idempotencyKey}`,
      sourceType: 'reward',
      sourceId: rewardId,
      ...(options.at ? { at: options.at } : {}),
    },
    async (tx, entry, member) => {
      if (member.programmeId !== reward.programmeId) {
        throw ConflictError.state('the reward belongs to another programme', {
          entity: 'loyaltyReward',
          id: rewardId,
        });
      }
      if (reward.tierRequired) {
        const programme = await tx
          .data<Programme>('loyaltyProgramme', { actor: SYSTEM_ACTOR })
          .get(reward.programmeId);
        const tiers = programme.tiers ?? [];
        if (tierRank(tiers, member.tier) < tierRank(tiers, reward.tierRequired)) {
          const name = (key: string | undefined) => tiers.find((t) => t.key === key)?.name ?? key;
          throw ConflictError.state(
            `reward '${reward.name}' needs tier ${name(reward.tierRequired)}; the member is ${member.tier ? `at ${name(member.tier)}` : 'below every tier'}`,
            {
              entity: 'loyaltyReward',
              id: rewardId,
              tierRequired: reward.tierRequired,
              tier: member.tier ?? null,
            },
          );
        }
      }
      const stocked = tx.data<Reward>('loyaltyReward', { actor: SYSTEM_ACTOR });
      const current = (await stocked.get(rewardId)) as RewardRecord;
      if (current.stock !== undefined) {
        if (current.stock <= 0) {
          throw ConflictError.state(`reward '${current.name}' is out of stock`, {
            entity: 'loyaltyReward',
            id: rewardId,
            stock: 0,
          });
        }
        await stocked.update(rewardId, { stock: current.stock - 1 }, { expectedVersion: current.version });
      }
      await tx.data<Redemption>('loyaltyRedemption', { actor: SYSTEM_ACTOR }).create({
        programmeId: reward.programmeId,
        memberId,
        rewardId,
        points: reward.cost,
        status: 'reserved',
        entryId: entry.id,
      });
    },
  );
  return { redemption: await byEntry(kernel, posted.entry.id), replayed: posted.replayed };
}

/** Marks a reserved redemption fulfilled (the reward was handed over). */
export async function fulfilRedemption(kernel: Kernel, id: string): Promise<RedemptionRecord> {
  const redemption = (await redemptions(kernel).get(id)) as RedemptionRecord;
  if (redemption.status !== 'reserved') {
    throw ConflictError.state(`redemption ${id} is ${redemption.status}: only a reserved one is fulfilled`, {
      entity: 'loyaltyRedemption',
      id,
      status: redemption.status,
    });
  }
  return (await redemptions(kernel).update(
    id,
    { status: 'fulfilled', fulfilledAt: new Date(kernel.clock.now()).toISOString() },
    { expectedVersion: redemption.version },
  )) as RedemptionRecord;
}

/**
 * Cancels a reserved redemption: refunds its points to the lots they came from (with their
 * expiry dates) and gives the unit back to the stock, with the status change, atomically. A
 * second cancel returns the first.
 */
export async function cancelRedemption(kernel: Kernel, id: string): Promise<RedemptionRecord> {
  const redemption = (await redemptions(kernel).get(id)) as RedemptionRecord;
  if (redemption.status === 'cancelled') return redemption;
  if (redemption.status !== 'reserved') {
    throw ConflictError.state(`redemption ${id} is ${redemption.status}: only a reserved one is cancelled`, {
      entity: 'loyaltyRedemption',
      id,
      status: redemption.status,
    });
  }
  await reverse(kernel, redemption.entryId, 'redemption cancelled', async (tx, refund) => {
    const rows = tx.data<Redemption>('loyaltyRedemption', { actor: SYSTEM_ACTOR });
    const current = (await rows.get(id)) as RedemptionRecord;
    if (current.status !== 'reserved') {
      throw ConflictError.state(`redemption ${id} is ${current.status}`, { entity: 'loyaltyRedemption', id });
    }
    await rows.update(
      id,
      {
        status: 'cancelled',
        refundEntryId: refund.id,
        cancelledAt: new Date(kernel.clock.now()).toISOString(),
      },
      { expectedVersion: current.version },
    );
    const stocked = tx.data<Reward>('loyaltyReward', { actor: SYSTEM_ACTOR });
    const reward = (await stocked.get(current.rewardId)) as RewardRecord;
    if (reward.stock !== undefined) {
      await stocked.update(reward.id, { stock: reward.stock + 1 }, { expectedVersion: reward.version });
    }
  });
  return (await redemptions(kernel).get(id)) as RedemptionRecord;
}
