/** Stages of the plugin's taps: checks first, then the fields it derives. */
export const BscTapStage = { checks: 0, derived: 10 } as const;
