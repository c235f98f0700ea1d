import {
  dateTime,
  defineEntity,
  type EntityRecord,
  integerBetween,
  ref,
  referenceTo,
  text,
} from '@rapport/core';
import { ENTRY_KINDS, type EntryKind } from '../vocabulary.js';

/** Points an entry took from (negative entries) or gave back to (refunds) an earn entry. */
export interface Allocation {
  entryId: string;
  points: number;
}

/** One line of the append-only ledger. Nothing edits or deletes an entry. */
export interface Entry {
  programmeId: string;
  memberId: string;
  kind: EntryKind;
  /** Signed integer: positive credits, negative debits. */
  points: number;
  /** Points that count for tiers (earned from purchases); 0 for bonuses, redemptions, expiry. */
  qualifying?: number;
  /** Unique per programme: a retry with the same key returns the first entry, never a second one. */
  idempotencyKey: string;
  /** What caused it: `order`, `event`, `person`, `redemption`, `expiry`. */
  sourceType?: string;
  sourceId?: string;
  /** For credits: when they expire. */
  expiresAt?: string;
  /** For debits: which earn entries' points were consumed; for refunds: which were restored. */
  allocations?: Allocation[];
  /** For a reversal: the entry it reverses. */
  reverses?: string;
  /**
   * When it happened: when it was posted, or, for history imported with its dates (the demo, a
   * migration), when the purchase or redemption took place. Tier windows, metrics and the
   * timeline read it.
   */
  occurredAt?: string;
  /** The member's balance after this entry. */
  balanceAfter: number;
  note?: string;
}

/** A stored entry. */
export type EntryRecord = EntityRecord<Entry>;

const POINTS = integerBetween(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);

/** The `loyaltyEntry` entity. */
export const EntryEntity = defineEntity<Entry>({
  name: 'loyaltyEntry',
  plural: 'loyaltyEntries',
  description: 'An append-only points ledger entry: earn, redeem, expire, adjust or reverse.',
  schema: {
    type: 'object',
    properties: {
      programmeId: referenceTo('loyaltyProgramme'),
      memberId: referenceTo('loyaltyMember'),
      kind: { type: 'string', enum: [...ENTRY_KINDS] },
      points: POINTS,
      qualifying: { ...POINTS, default: 0 },
      idempotencyKey: text(200),
      sourceType: text(40),
      sourceId: text(200),
      expiresAt: dateTime,
      allocations: {
        type: 'array',
        maxItems: 100_000,
        items: {
          type: 'object',
          properties: { entryId: ref, points: integerBetween(1, Number.MAX_SAFE_INTEGER) },
          required: ['entryId', 'points'],
          additionalProperties: false,
        },
      },
      reverses: ref,
      occurredAt: dateTime,
      balanceAfter: POINTS,
      note: text(1000),
    },
    required: ['programmeId', 'memberId', 'kind', 'points', 'idempotencyKey', 'balanceAfter'],
  },
  indexes: [
    { fields: ['programmeId', 'idempotencyKey'], unique: true },
    // a lookup by key alone: stores that narrow by an index's first field (memory) find a retry at once
    'idempotencyKey',
    ['memberId', 'occurredAt'],
    ['kind', 'occurredAt'],
    ['sourceType', 'sourceId'],
    'reverses',
  ],
});
