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

/** A programme's status: only an active programme enrols and earns. */
export const PROGRAMME_STATUSES = ['active', 'closed'] as const;
/** A programme's status. */
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
