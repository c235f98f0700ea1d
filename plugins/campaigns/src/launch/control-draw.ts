import { createHash, randomBytes } from 'node:crypto';

/** A fresh seed for a control draw: 128 random bits, hex. */
export function newSeed(): string {
  return randomBytes(16).toString('hex');
}

/**
 * A number in [0, 1) fixed by the seed and the customer: the first 48 bits of
 * SHA-256(`<seed>:<customerId>`). Independent of the order members are frozen in and of the
 * batch they fall in, so a draw interrupted by a crash and resumed is the draw it would have been.
 */
export function drawValue(seed: string, customerId: string): number {
  const digest = createHash('sha256').update(`${seed}:${customerId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * Whether a customer falls in the control group: each customer independently with probability
 * `share`, reproducible from the seed (re-running the draw with the recorded seed gives the same
 * group). The group's size is binomial: within ±3·√(n·share·(1−share)) of n·share nearly always.
 *
 * @example
 * ```ts
 * inControl('3f9c…', customer.id, 0.1); // true for about one customer in ten, the same ones every time
 * ```
 */
export function inControl(seed: string, customerId: string, share: number): boolean {
  return share > 0 && drawValue(seed, customerId) < share;
}
