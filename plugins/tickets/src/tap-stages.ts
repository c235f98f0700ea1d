/** Stages of the tickets plugin's taps: checks run before derived fields. */
export const TicketsTapStage = { checks: 0, derived: 10 } as const;
