import { ratioOrNull } from '@rapport/core';

/** Rounds to two decimals (half away from zero is fine for a display figure). */
export const round2 = (value: number) => Math.round(value * 100) / 100;

/** `part / whole` to two decimals; null when the whole is 0 (nothing to measure). */
export const share = (part: number, whole: number) => {
  const value = ratioOrNull(part, whole);
  return value === null ? null : round2(value);
};
