import {
  ConflictError,
  type Kernel,
  type KernelTransaction,
  type Repository,
  SYSTEM_ACTOR,
} from '@rapport/core';
import type { Entry, EntryRecord } from '../entities/entry.js';
import { lotsRecordOf, type MemberLots } from '../entities/lots.js';
import type { Member, MemberRecord } from '../entities/member.js';
import type { Programme } from '../entities/programme.js';
import { stageOf } from '../stages/loyalty-stage.js';
import { moveTier } from '../tiers/tiers.js';
import { addLot } from './lots.js';

/** What a plan computes from the member as it is now: the entry to append and the member after it. */
export interface Planned {
  entry: Omit<Entry, 'programmeId' | 'memberId' | 'idempotencyKey' | 'balanceAfter'>;
  member: Pick<Member, 'balance' | 'lots'> & Partial<Pick<Member, 'purchases' | 'capWindow'>>;
  /** The entry's own points become a lot (earn and positive adjust), expiring at this instant. */
  newLot?: { expiresAt?: string };
}

/** The result of a posting: the entry, and whether it was already there (a retry). */
export interface Posted {
  entry: EntryRecord;
  replayed: boolean;
  /** The member after a new posting (absent on a retry). */
  member?: MemberRecord;
}

/**
 * Other writes that must commit with the entry or not at all (a reward's stock, a redemption's
 * status). A version conflict there retries the whole posting like one on the member.
 */
export type AlsoWrite = (tx: KernelTransaction, entry: EntryRecord, member: MemberRecord) => Promise<void>;

/** Attempts before a posting gives up under contention (each conflict means another posting won). */
const MAX_ATTEMPTS = 200;

const isRetryable = (error: unknown): boolean =>
  error instanceof ConflictError && (error.details.kind === 'version' || error.details.kind === 'unique');

/**
 * Appends one entry to a member's ledger and moves the member's balance and lots with it, in
 * one transaction. The member's version guards the read-modify-write: when another posting
 * changed the member meanwhile, the store refuses the update, the transaction rolls back and the
 * plan runs again on the new state (so a redemption is checked against the balance it commits
 * on, on every store). An entry with the same idempotency key is returned as it is. `at` (epoch
 * ms, default now) dates an entry imported with its history: the plan, the expiry and the tier
 * window run at that instant.
 */
export async function postEntry(
  kernel: Kernel,
  memberId: string,
  idempotencyKey: string,
  plan: (member: MemberRecord, now: number) => Planned,
  also?: AlsoWrite,
  at?: number,
): Promise<Posted> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await kernel.transaction((tx) =>
        attemptPost(tx, kernel, memberId, idempotencyKey, plan, also, at),
      );
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

async function attemptPost(
  tx: KernelTransaction,
  kernel: Kernel,
  memberId: string,
  idempotencyKey: string,
  plan: (member: MemberRecord, now: number) => Planned,
  also: AlsoWrite | undefined,
  at: number | undefined,
): Promise<Posted> {
  const members = tx.data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR });
  const entries = tx.data<Entry>('loyaltyEntry', { actor: SYSTEM_ACTOR });
  const now = at ?? kernel.clock.now();
  const stored = (await members.get(memberId)) as MemberRecord;
  const existing = await findByKey(entries, stored.programmeId, idempotencyKey);
  if (existing) return { entry: existing, replayed: true };
  // The plan sees the member with its lots (kept in a record of their own).
  const lotsRecord = await lotsRecordOf(tx, memberId);
  const member: MemberRecord = { ...stored, lots: lotsRecord?.lots ?? stored.lots ?? [] };
  const planned = plan(member, now);
  const balance = planned.member.balance ?? 0;
  const entry = (await entries.create({
    ...planned.entry,
    programmeId: member.programmeId,
    memberId,
    idempotencyKey,
    occurredAt: new Date(now).toISOString(),
    balanceAfter: balance,
  })) as EntryRecord;
  const kept = planned.member.lots ?? [];
  // A credit first pays off a negative balance (left by reversing points already spent): only
  // what it adds above zero becomes a lot, so the lots always hold max(balance, 0).
  const lotPoints = Math.max(balance, 0) - Math.max(member.balance ?? 0, 0);
  const lots =
    planned.newLot && lotPoints > 0
      ? addLot(kept, { entryId: entry.id, remaining: lotPoints, ...planned.newLot })
      : kept;
  const count = (member.entries ?? 0) + 1;
  const purchases = Math.max(planned.member.purchases ?? member.purchases ?? 0, 0);
  let after = (await members.update(
    memberId,
    {
      balance,
      // lots written before they had a record of their own leave the member
      ...(stored.lots !== undefined ? { lots: null as never } : {}),
      nextExpiry: lots[0]?.expiresAt ?? (null as never),
      nextExpiryPoints: lots[0]?.expiresAt
        ? lots
            .filter((lot) => lot.expiresAt === lots[0]?.expiresAt)
            .reduce((sum, lot) => sum + lot.remaining, 0)
        : (null as never),
      entries: count,
      purchases,
      stage: stageOf({ entries: count, purchases, referralsBought: member.referralsBought ?? 0 }),
      ...(planned.member.capWindow ? { capWindow: planned.member.capWindow } : {}),
    },
    { expectedVersion: member.version },
  )) as MemberRecord;
  const lotStore = tx.data<MemberLots>('loyaltyLots', { actor: SYSTEM_ACTOR });
  if (lotsRecord) await lotStore.update(lotsRecord.id, { lots }, { expectedVersion: lotsRecord.version });
  else await lotStore.create({ memberId, lots });
  tx.emit(
    `loyalty.points.${entry.kind}`,
    { entryId: entry.id, memberId, customerId: member.customerId, points: entry.points },
    {
      actor: SYSTEM_ACTOR,
    },
  );
  if ((entry.qualifying ?? 0) > 0) {
    const programme = await tx
      .data<Programme>('loyaltyProgramme', { actor: SYSTEM_ACTOR })
      .get(member.programmeId);
    const tier = await moveTier(tx, after, programme, 'upgrade', now, kernel.timeZone);
    if (tier !== after.tier) after = (await members.get(memberId)) as MemberRecord;
  }
  await also?.(tx, entry, member);
  return { entry, replayed: false, member: after };
}

/** The entry of a programme with this idempotency key, if any. */
export async function findByKey(
  entries: Repository<Entry>,
  programmeId: string,
  idempotencyKey: string,
): Promise<EntryRecord | undefined> {
  const page = await entries.find({ where: { programmeId, idempotencyKey }, limit: 1 });
  return page.items[0] as EntryRecord | undefined;
}
