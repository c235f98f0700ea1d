/** What a ledger entry does to a member's points. */
export const ENTRY_KINDS = ['earn', 'redeem', 'expire', 'adjust', 'reverse'] as const;
/** A ledger entry's kind. */
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** A member's status. */
export const MEMBER_STATUSES = ['active', 'suspended', 'left'] as const;
/** A member's status. */
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** How a member joined. */
export const JOIN_CHANNELS = ['sms', 'console', 'api', 'import'] as const;
/** How a member joined. */
export type JoinChannel = (typeof JOIN_CHANNELS)[number];

/**
 * Loyalty stages (the source documents' ladder), from a member's behaviour:
 * - `suspicion`: joined, nothing else yet;
 * - `expectation`: points or a redemption, but no purchase yet;
 * - `first-purchase`: one purchase (an order that earned and was not cancelled);
 * - `repeat-purchase`: two or more;
 * - `advocate`: has bought, and referred a member who then bought.
 */
export const LOYALTY_STAGES = [
  'suspicion',
  'expectation',
  'first-purchase',
  'repeat-purchase',
  'advocate',
] as const;
/** A loyalty stage; see {@link LOYALTY_STAGES}. */
export type LoyaltyStage = (typeof LOYALTY_STAGES)[number];

/** The calendar period an earning cap counts over (in the deployment's time zone). */
export const CAP_PERIODS = ['day', 'month', 'year'] as const;
/** @see CAP_PERIODS */
export type CapPeriod = (typeof CAP_PERIODS)[number];

/** How a win-back attempt reached the member. */
export const WIN_BACK_CHANNELS = ['phone', 'sms', 'email', 'visit', 'other'] as const;
/** @see WIN_BACK_CHANNELS */
export type WinBackChannel = (typeof WIN_BACK_CHANNELS)[number];

/** A win-back attempt's outcome: `won` is set by the plugin when the member buys within the programme's `winBackDays`. */
export const WIN_BACK_OUTCOMES = ['pending', 'won', 'declined', 'unreachable'] as const;
/** @see WIN_BACK_OUTCOMES */
export type WinBackOutcome = (typeof WIN_BACK_OUTCOMES)[number];

/** A programme's status: only an active programme enrols and earns. */
export const PROGRAMME_STATUSES = ['active', 'closed'] as const;
/** A programme's status. */
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
