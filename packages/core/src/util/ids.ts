import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const POOL_BYTES = 4_096;
let pool = new Uint8Array(0);
let offset = 0;
let lastMs = Number.NEGATIVE_INFINITY;
let sequence = 0;

/** 16 random bytes from a pool refilled 4 KiB at a time (one system call per 256 ids, not per id). */
function randomBytes16(): Uint8Array {
  if (offset + 16 > pool.length) {
    pool = randomFillSync(new Uint8Array(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

/**
 * A new time-ordered UUIDv7, the id of every record and event. Ids made by one process are
 * strictly increasing: within one millisecond a 31-bit counter (started at a random value)
 * orders them, as the `uuid` package does by default.
 */
export function newId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence =
      (((random[6] as number) & 0x7f) << 24) |
      ((random[7] as number) << 16) |
      ((random[8] as number) << 8) |
      (random[9] as number);
  } else {
    sequence = (sequence + 1) | 0;
    if (sequence === 0) lastMs += 1;
  }
  return uuidv7({ random, msecs: lastMs, seq: sequence });
}
