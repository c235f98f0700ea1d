import type { StoredRecord } from '@rapport/core';

/** One change of a committed transaction: a record's new content, or its removal. */
export type JournalOp =
  | { op: 'put'; c: string; id: string; r: StoredRecord }
  | { op: 'del'; c: string; id: string };

/** One committed transaction, as one journal record: its sequence number and its net changes. */
export interface JournalEntry {
  seq: number;
  ops: JournalOp[];
}

function isOp(value: unknown): value is JournalOp {
  if (typeof value !== 'object' || value === null) return false;
  const op = value as Record<string, unknown>;
  if (typeof op.c !== 'string' || typeof op.id !== 'string') return false;
  if (op.op === 'del') return true;
  const record = op.r as Record<string, unknown> | null;
  return op.op === 'put' && typeof record === 'object' && record !== null && record.id === op.id;
}

/** Checks the shape of a parsed journal record. */
export function isJournalEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(entry.seq) &&
    (entry.seq as number) > 0 &&
    Array.isArray(entry.ops) &&
    entry.ops.every(isOp)
  );
}
