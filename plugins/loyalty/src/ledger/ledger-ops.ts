import { ConflictError, fieldError, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import { DateTime } from 'luxon';
import type { Entry, EntryRecord } from '../entities/entry.js';
import { lotsRecordOf } from '../entities/lots.js';
import type { Member, MemberRecord } from '../entities/member.js';
import type { ExpiryPolicy, Programme } from '../entities/programme.js';
import type { CapPeriod } from '../vocabulary.js';
import { expiryOf } from './expiry.js';
import { addLot, consume, dueLots, lotTotal, settle } from './lots.js';
import { type AlsoWrite, type Posted, postEntry } from './post-entry.js';

/** A credit or debit request. `points` is a positive integer. */
export interface PointsInput {
  points: number;
  /** Required: a retry with the same key never posts twice. */
  idempotencyKey: string;
  /** Points that count for tiers (default: all of an earn, none otherwise). */
  qualifying?: number;
  sourceType?: string;
  sourceId?: string;
  note?: string;
  /**
   * When it happened, for history imported with its dates (ISO 8601, not in the future; default
   * now). In-process only: the HTTP routes never pass it. Import in time order: an entry dated
   * before the member's latest would reorder the lots it consumes.
   */
  at?: string;
}

/** The instant of `input.at` in epoch ms, or undefined for now; a bad or future date names the field. */
export function instantOf(
  kernel: Kernel,
  at: string | undefined,
  entity = 'loyaltyEntry',
): number | undefined {
  if (at === undefined) return undefined;
  const ms = Date.parse(at);
  if (!Number.isFinite(ms) || ms > kernel.clock.now()) {
    throw fieldError(entity, 'at', 'format', 'must be an ISO 8601 date-time, not in the future');
  }
  return ms;
}

function checkPoints(input: PointsInput, signed = false): void {
  const ok = Number.isSafeInteger(input.points) && (signed ? input.points !== 0 : input.points > 0);
  if (!ok) {
    throw fieldError(
      'loyaltyEntry',
      'points',
      'integer',
      signed ? 'must be a non-zero integer' : 'must be a positive integer',
    );
  }
  if (
    typeof input.idempotencyKey !== 'string' ||
    input.idempotencyKey.trim() === '' ||
    input.idempotencyKey.length > 200
  ) {
    throw fieldError(
      'loyaltyEntry',
      'idempotencyKey',
      'required',
      'is required (1–200 characters): retries with it never post twice',
    );
  }
}

const source = (input: PointsInput): Partial<Entry> => ({
  ...(input.sourceType ? { sourceType: input.sourceType } : {}),
  ...(input.sourceId ? { sourceId: input.sourceId } : {}),
  ...(input.note ? { note: input.note } : {}),
});

async function policyOf(kernel: Kernel, member: MemberRecord): Promise<ExpiryPolicy> {
  const programme = await kernel
    .data<Programme>('loyaltyProgramme', { actor: SYSTEM_ACTOR })
    .get(member.programmeId);
  return programme.expiry ?? { kind: 'months', months: 12 };
}

async function memberOf(kernel: Kernel, memberId: string): Promise<MemberRecord> {
  return (await kernel.data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR }).get(memberId)) as MemberRecord;
}

/** How an earn counts beyond its points: as a purchase (for stages), under a cap. */
export interface EarnRules {
  /** The earn is a purchase's (an order): the member's `purchases` goes up by one. */
  purchase?: boolean;
  /** At most `points` per member per calendar `period`; what is over it is not credited. */
  cap?: { points: number; period: CapPeriod };
}

/** The key of the cap period holding `now` in `timeZone` (`2026`, `2026-06`, `2026-06-01`). */
export function capKey(now: number, timeZone: string, period: CapPeriod): string {
  const format = period === 'day' ? 'yyyy-MM-dd' : period === 'month' ? 'yyyy-MM' : 'yyyy';
  return DateTime.fromMillis(now, { zone: timeZone }).toFormat(format);
}

/**
 * Credits earned points, expiring by the programme's policy. Under a cap (`rules.cap`) only
 * what fits in the member's current period is credited (qualifying points too), read and
 * moved with the member in the posting's transaction, so racing orders never exceed it; an
 * earn wholly over the cap is an entry of 0 points that still counts as a purchase.
 */
export async function earn(
  kernel: Kernel,
  memberId: string,
  input: PointsInput,
  kind: 'earn' | 'adjust' = 'earn',
  rules: EarnRules = {},
): Promise<Posted> {
  checkPoints(input);
  const at = instantOf(kernel, input.at);
  const policy = await policyOf(kernel, await memberOf(kernel, memberId));
  return postEntry(
    kernel,
    memberId,
    input.idempotencyKey,
    (member, now) => {
      const expiresAt = expiryOf(policy, now, kernel.timeZone);
      let points = input.points;
      let qualifying = input.qualifying ?? input.points;
      let capWindow: { key: string; points: number } | undefined;
      if (rules.cap) {
        const key = capKey(now, kernel.timeZone, rules.cap.period);
        const used = member.capWindow?.key === key ? member.capWindow.points : 0;
        points = Math.max(0, Math.min(points, rules.cap.points - used));
        qualifying = Math.min(qualifying, points);
        capWindow = { key, points: used + points };
      }
      const over = input.points - points;
      return {
        entry: {
          kind,
          points,
          qualifying,
          ...(expiresAt ? { expiresAt } : {}),
          ...source(input),
          ...(over > 0 ? { note: `${over} points over the ${rules.cap?.period} cap not credited` } : {}),
        },
        member: {
          balance: (member.balance ?? 0) + points,
          lots: member.lots ?? [],
          ...(rules.purchase ? { purchases: (member.purchases ?? 0) + 1 } : {}),
          ...(capWindow ? { capWindow } : {}),
        },
        newLot: expiresAt ? { expiresAt } : {},
      };
    },
    undefined,
    at,
  );
}

/**
 * Debits redeemed points, soonest-expiring first; refused with 409 naming the balance when
 * the balance does not cover them.
 */
export async function redeem(
  kernel: Kernel,
  memberId: string,
  input: PointsInput,
  also?: AlsoWrite,
  kind: 'redeem' | 'adjust' = 'redeem',
): Promise<Posted> {
  checkPoints(input);
  const at = instantOf(kernel, input.at);
  return postEntry(
    kernel,
    memberId,
    input.idempotencyKey,
    (member) => {
      const balance = member.balance ?? 0;
      if (balance < input.points) {
        throw ConflictError.state(`the balance is ${balance} points, short of the ${input.points} asked`, {
          entity: 'loyaltyMember',
          id: member.id,
          balance,
          requested: input.points,
        });
      }
      const taken = consume(member.lots ?? [], input.points);
      return {
        entry: {
          kind,
          points: -input.points,
          qualifying: 0,
          allocations: taken.allocations,
          ...source(input),
        },
        member: { balance: balance - input.points, lots: taken.lots },
      };
    },
    also,
    at,
  );
}

/** A correction: positive credits (expiring by policy), negative debits (never below zero). */
export async function adjust(kernel: Kernel, memberId: string, input: PointsInput): Promise<Posted> {
  checkPoints(input, true);
  if (input.points > 0) {
    const posted = await earn(kernel, memberId, { ...input, qualifying: input.qualifying ?? 0 }, 'adjust');
    return posted;
  }
  return redeem(kernel, memberId, { ...input, points: -input.points }, undefined, 'adjust');
}

/**
 * Reverses an entry exactly: an earn loses all its points (what is left of them, and the part
 * already redeemed, which may take the balance negative: `balanceAfter` shows it); a redeem
 * gives its points back to the lots they came from, with their expiry dates. A second
 * reversal of the same entry returns the first.
 */
export async function reverse(
  kernel: Kernel,
  entryId: string,
  note?: string,
  also?: AlsoWrite,
): Promise<Posted> {
  const original = (await kernel
    .data<Entry>('loyaltyEntry', { actor: SYSTEM_ACTOR })
    .get(entryId)) as EntryRecord;
  if (original.kind === 'reverse' || original.kind === 'expire') {
    throw ConflictError.state(`a ${original.kind} entry cannot be reversed`, {
      entity: 'loyaltyEntry',
      id: entryId,
    });
  }
  const expiries = new Map<string, string | undefined>();
  if (original.points < 0) {
    const sources = kernel.data<Entry>('loyaltyEntry', { actor: SYSTEM_ACTOR });
    for (const allocation of original.allocations ?? []) {
      expiries.set(allocation.entryId, (await sources.get(allocation.entryId)).expiresAt);
    }
  }
  return postEntry(
    kernel,
    original.memberId,
    `reverse:${entryId}`,
    (member) => {
      const balance = (member.balance ?? 0) - original.points;
      let lots = member.lots ?? [];
      let allocations = original.allocations ?? [];
      if (original.points > 0) {
        // its own lot goes; the part already redeemed comes out of the other lots, soonest first,
        // and only what they do not cover takes the balance negative
        const own = lots.find((lot) => lot.entryId === entryId)?.remaining ?? 0;
        const settled = settle(
          lots.filter((lot) => lot.entryId !== entryId),
          balance,
        );
        lots = settled.lots;
        allocations = [...(own > 0 ? [{ entryId, points: own }] : []), ...settled.allocations];
      } else {
        for (const allocation of original.allocations ?? []) {
          const expiresAt = expiries.get(allocation.entryId);
          lots = addLot(lots, {
            entryId: allocation.entryId,
            remaining: allocation.points,
            ...(expiresAt ? { expiresAt } : {}),
          });
        }
        lots = settle(lots, balance).lots;
      }
      // a cancelled order is no longer a purchase
      const unbought = original.kind === 'earn' && original.sourceType === 'order' ? 1 : 0;
      return {
        entry: {
          kind: 'reverse',
          points: -original.points,
          qualifying: -(original.qualifying ?? 0),
          reverses: entryId,
          ...(allocations.length > 0 ? { allocations } : {}),
          ...(note ? { note } : {}),
        },
        member: { balance, lots, ...(unbought ? { purchases: (member.purchases ?? 0) - unbought } : {}) },
      };
    },
    also,
  );
}

/**
 * Writes an expire entry for the member's lots due at `at` (epoch ms, default now; earlier for
 * history imported in time order); none when nothing is due.
 */
export async function expireDue(kernel: Kernel, memberId: string, at?: number): Promise<Posted | undefined> {
  const now = new Date(at ?? kernel.clock.now()).toISOString();
  const member = await memberOf(kernel, memberId);
  const record = await lotsRecordOf(kernel, memberId);
  const { due } = dueLots(record?.lots ?? member.lots ?? [], now);
  if (due.length === 0) return undefined;
  // The ledger's length names the state the expiry applies to: a retry of this run replays it,
  // and points restored and due again later get an entry of their own.
  const key = `expire:${memberId}:${member.entries ?? 0}`;
  return postEntry(
    kernel,
    memberId,
    key,
    (current) => {
      const split = dueLots(current.lots ?? [], now);
      const points = lotTotal(split.due);
      return {
        entry: {
          kind: 'expire',
          points: -points,
          qualifying: 0,
          sourceType: 'expiry',
          allocations: split.due.map((lot) => ({ entryId: lot.entryId, points: lot.remaining })),
        },
        member: { balance: (current.balance ?? 0) - points, lots: split.open },
      };
    },
    undefined,
    at,
  );
}
