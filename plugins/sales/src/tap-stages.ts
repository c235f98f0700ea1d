import { HookStage } from '@rapport/core';

/**
 * The order of the plugin's taps inside one write, so each sees what the one before computed:
 * checks → stage rules (probability, outcome, history fields) → automation rules (may set
 * owner, probability...) → derived numbers (weighted amount, months).
 */
export const SalesTapStage = {
  checks: HookStage.EARLY,
  stage: HookStage.NORMAL,
  rules: HookStage.LATE,
  derived: HookStage.LATE + 50,
} as const;
