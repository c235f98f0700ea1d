import { type Actor, ConflictError, createToken, fieldError, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import { DateTime } from 'luxon';
import type { BroadcastRecord } from './entities/broadcast.js';
import type { Entry } from './entities/entry.js';
import { lotsRecordOf } from './entities/lots.js';
import type { Member, MemberRecord } from './entities/member.js';
import type { Programme } from './entities/programme.js';
import type { RedemptionRecord } from './entities/redemption.js';
import { type EnrolInput, type Enrolment, enrol } from './ledger/enrol.js';
import { adjust, earn, expireDue, type PointsInput, redeem, reverse } from './ledger/ledger-ops.js';
import type { Posted } from './ledger/post-entry.js';
import { sendBroadcast } from './messages/broadcasts.js';
import type { LoyaltyOptions } from './options.js';
import { LOYALTY_PLUGIN_ID } from './plugin-id.js';
import { cancelRedemption, fulfilRedemption, reserveReward } from './rewards/redemptions.js';
import { moveTier } from './tiers/tiers.js';
import { type WinBackCandidate, type WinBackQuery, winBackList } from './win-back/win-back-list.js';

/** A member's points as the ledger gives them. */
export interface Balance {
  memberId: string;
  /** Redeemable points (may be negative only after an order reversal). */
  balance: number;
  /** When the soonest points expire, and how many. */
  nextExpiry?: { at: string; points: number };
}

/**
 * The loyalty plugin's operations. Each checks the actor's permission (`loyaltyEntry:create`
 * for postings, `loyaltyMember:create` to enrol) and then writes as the plugin: nothing else
 * writes the ledger.
 */
export interface LoyaltyService {
  enrol(actor: Actor, input: EnrolInput): Promise<Enrolment>;
  earn(actor: Actor, memberId: string, input: PointsInput): Promise<Posted>;
  redeem(actor: Actor, memberId: string, input: PointsInput): Promise<Posted>;
  adjust(actor: Actor, memberId: string, input: PointsInput): Promise<Posted>;
  reverse(actor: Actor, entryId: string, note?: string): Promise<Posted>;
  balance(actor: Actor, memberId: string): Promise<Balance>;
  /** Reserves a reward: its cost debited, a unit of stock taken (409 when short of either). */
  reserveReward(
    actor: Actor,
    memberId: string,
    rewardId: string,
    idempotencyKey: string,
  ): Promise<{ redemption: RedemptionRecord; replayed: boolean }>;
  fulfilRedemption(actor: Actor, id: string): Promise<RedemptionRecord>;
  /** Cancels a reserved redemption: points and stock given back. */
  cancelRedemption(actor: Actor, id: string): Promise<RedemptionRecord>;
  /** The periodic tier review: every member's tier set from the window, down included; returns moves. */
  reviewTiers(): Promise<number>;
  /** Writes expire entries for every member with points due now; returns how many members. */
  expireDue(): Promise<number>;
  /** Credits the birthday bonus to members whose `birthday` is today (once a year each); returns how many. */
  birthdayBonuses(): Promise<number>;
  /** Sends a broadcast through messaging (409 without messaging, or when already sent); see {@link sendBroadcast}. */
  sendBroadcast(actor: Actor, id: string): Promise<BroadcastRecord>;
  /** The win-back list, read as `actor` (see {@link winBackList}). */
  winBack(actor: Actor, query: WinBackQuery): Promise<{ items: WinBackCandidate[]; nextCursor?: string }>;
}

/** The token of the {@link LoyaltyService}. */
export const LOYALTY = createToken<LoyaltyService>(`${LOYALTY_PLUGIN_ID}.service`);

/** Creates the service of one plugin instance. */
export function createLoyaltyService(
  kernel: Kernel,
  options: LoyaltyOptions,
  installed: { messaging: boolean } = { messaging: false },
): LoyaltyService {
  const post = (actor: Actor) => kernel.access.assert(actor, 'loyaltyEntry', 'create');
  return {
    enrol(actor, input) {
      kernel.access.assert(actor, 'loyaltyMember', 'create');
      return enrol(kernel, input, options.defaultRegion);
    },
    async earn(actor, memberId, input) {
      post(actor);
      await kernel.data('loyaltyMember', { actor }).get(memberId);
      return earn(kernel, memberId, input);
    },
    async redeem(actor, memberId, input) {
      post(actor);
      await kernel.data('loyaltyMember', { actor }).get(memberId);
      return redeem(kernel, memberId, input);
    },
    async adjust(actor, memberId, input) {
      post(actor);
      await kernel.data('loyaltyMember', { actor }).get(memberId);
      return adjust(kernel, memberId, input);
    },
    async reverse(actor, entryId, note) {
      post(actor);
      const entry = await kernel.data<Entry>('loyaltyEntry', { actor }).get(entryId);
      if (entry.sourceType === 'reward') {
        throw ConflictError.state('this entry paid for a reward: cancel the redemption instead', {
          entity: 'loyaltyEntry',
          id: entryId,
        });
      }
      return reverse(kernel, entryId, note);
    },
    async reserveReward(actor, memberId, rewardId, idempotencyKey) {
      post(actor);
      await kernel.data<Member>('loyaltyMember', { actor }).get(memberId);
      if (typeof idempotencyKey !== 'string' || idempotencyKey.trim() === '' || idempotencyKey.length > 180) {
        throw fieldError('loyaltyRedemption', 'idempotencyKey', 'required', 'is required (1–180 characters)');
      }
      return reserveReward(kernel, memberId, rewardId, idempotencyKey);
    },
    async fulfilRedemption(actor, id) {
      kernel.access.assert(actor, 'loyaltyRedemption', 'update');
      await kernel.data('loyaltyRedemption', { actor }).get(id);
      return fulfilRedemption(kernel, id);
    },
    async cancelRedemption(actor, id) {
      kernel.access.assert(actor, 'loyaltyRedemption', 'update');
      await kernel.data('loyaltyRedemption', { actor }).get(id);
      return cancelRedemption(kernel, id);
    },
    async balance(actor, memberId) {
      // One record by id: the balance and the next expiry are kept on the member, and its lots in
      // a record of their own, so the read does not grow with the ledger or the open lots.
      const member = (await kernel.data<Member>('loyaltyMember', { actor }).get(memberId)) as MemberRecord;
      const at = member.nextExpiry;
      if (!at) return { memberId, balance: member.balance ?? 0 };
      const points =
        member.nextExpiryPoints ??
        // written before nextExpiryPoints existed
        ((await lotsRecordOf(kernel, memberId))?.lots ?? member.lots ?? [])
          .filter((lot) => lot.expiresAt === at)
          .reduce((sum, lot) => sum + lot.remaining, 0);
      return { memberId, balance: member.balance ?? 0, nextExpiry: { at, points } };
    },
    async reviewTiers() {
      const programmes = await kernel
        .data<Programme>('loyaltyProgramme', { actor: SYSTEM_ACTOR })
        .find({ where: { status: 'active' }, limit: 100 });
      let moved = 0;
      for (const programme of programmes.items) {
        if (!programme.tiers?.length) continue;
        let cursor: string | undefined;
        do {
          const page = await kernel
            .data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR })
            .find({ where: { programmeId: programme.id }, limit: 200, ...(cursor ? { cursor } : {}) });
          for (const member of page.items) {
            const before = member.tier;
            const after = await kernel.transaction((tx) =>
              moveTier(tx, member as MemberRecord, programme, 'review', kernel.clock.now(), kernel.timeZone),
            );
            if (after !== before) moved += 1;
          }
          cursor = page.nextCursor;
        } while (cursor);
      }
      return moved;
    },
    async sendBroadcast(actor, id) {
      if (!installed.messaging) {
        throw ConflictError.state('broadcasts are sent through messaging, which is not installed', {
          entity: 'loyaltyBroadcast',
          id,
        });
      }
      return sendBroadcast(kernel, actor, id);
    },
    winBack(actor, query) {
      return winBackList(kernel, actor, query);
    },
    async birthdayBonuses() {
      const today = DateTime.fromMillis(kernel.clock.now(), { zone: kernel.timeZone });
      const programmes = await kernel
        .data<Programme>('loyaltyProgramme', { actor: SYSTEM_ACTOR })
        .find({ where: { status: 'active' }, limit: 100 });
      let credited = 0;
      for (const programme of programmes.items) {
        const bonus = programme.earning?.birthdayBonus ?? 0;
        if (bonus <= 0) continue;
        let cursor: string | undefined;
        do {
          const page = await kernel.data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR }).find({
            where: { programmeId: programme.id, status: 'active', birthday: today.toFormat('MM-dd') },
            limit: 200,
            fields: ['id'],
            ...(cursor ? { cursor } : {}),
          });
          for (const member of page.items) {
            const posted = await earn(kernel, member.id, {
              points: bonus,
              qualifying: 0,
              idempotencyKey: `birthday:${member.id}:${today.year}`,
              sourceType: 'event',
              note: 'birthday',
            });
            if (!posted.replayed) credited += 1;
          }
          cursor = page.nextCursor;
        } while (cursor);
      }
      return credited;
    },
    async expireDue() {
      const now = new Date(kernel.clock.now()).toISOString();
      const members = kernel.data<MemberRecord>('loyaltyMember', { actor: SYSTEM_ACTOR });
      let expired = 0;
      let cursor: string | undefined;
      do {
        const page = await members.find({
          where: { nextExpiry: { lte: now } },
          sort: ['nextExpiry'],
          limit: 200,
          fields: ['id'],
          ...(cursor ? { cursor } : {}),
        });
        for (const member of page.items) if (await expireDue(kernel, member.id)) expired += 1;
        cursor = page.nextCursor;
      } while (cursor);
      return expired;
    },
  };
}
