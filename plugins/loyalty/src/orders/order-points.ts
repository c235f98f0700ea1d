import type { Programme } from '../entities/programme.js';

/**
 * Points an order of `amount` minor units earns: whole currency units times the programme's
 * rate, rounded down, in exact integer arithmetic (BigInt), so no float ever touches a balance.
 */
export function orderPoints(
  amount: number,
  programme: Pick<Programme, 'pointsPerUnit' | 'minorPerUnit'>,
): number {
  if (!Number.isSafeInteger(amount) || amount <= 0) return 0;
  const points =
    (BigInt(amount) * BigInt(programme.pointsPerUnit ?? 1)) / BigInt(programme.minorPerUnit ?? 100);
  return points > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(points);
}
