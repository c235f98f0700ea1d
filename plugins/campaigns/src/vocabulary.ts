/**
 * The closed vocabularies of the campaigns plugin. Each is an `as const` tuple (used by the JSON
 * Schemas) and a union type (used by the code).
 */

/** What a campaign is for (seed 001 "三、", §九, §十). */
export const CAMPAIGN_TYPES = [
  'acquisition',
  'cross-sell',
  'up-sell',
  'retention',
  'win-back',
  'care',
  'announcement',
] as const;
/** @see CAMPAIGN_TYPES */
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

/** A campaign's status: draft → scheduled → running → completed, or cancelled before it completes. */
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'completed', 'cancelled'] as const;
/** @see CAMPAIGN_STATUSES */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** The moves a campaign's status may make; anything else is a 409. */
export const CAMPAIGN_MOVES: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ['scheduled', 'running', 'cancelled'],
  scheduled: ['draft', 'running', 'cancelled'],
  running: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

/** Where a running campaign is: freezing its audience into members, then sending to them. */
export const LAUNCH_PHASES = ['freezing', 'sending', 'done'] as const;
/** @see LAUNCH_PHASES */
export type LaunchPhase = (typeof LAUNCH_PHASES)[number];

/** The channels a campaign sends on (messaging's customer channels). */
export const CAMPAIGN_CHANNELS = ['email', 'sms'] as const;
/** @see CAMPAIGN_CHANNELS */
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

/**
 * A campaign member's status. `targeted` when frozen into the audience (and the control group
 * stays there); then `queued` (handed to messaging), `sent`, `delivered`, `clicked`,
 * `responded`, `converted` — each further along; or `excluded` with messaging's reason (no
 * consent, suppressed, capped or quiet hours with `onlyNow`, no address), `failed`, `bounced`,
 * `optedOut`.
 */
export const MEMBER_STATUSES = [
  'targeted',
  'queued',
  'sent',
  'delivered',
  'clicked',
  'responded',
  'converted',
  'excluded',
  'failed',
  'bounced',
  'optedOut',
] as const;
/** @see MEMBER_STATUSES */
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** How far along the way to a conversion each status is; a member's status only moves up it. */
export const MEMBER_RANK: Readonly<Record<MemberStatus, number>> = {
  targeted: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  clicked: 4,
  responded: 5,
  converted: 6,
  excluded: 1,
  failed: 2,
  bounced: 3,
  optedOut: 7,
};

/** The statuses of members a message reached (or may still reach): the campaign's reach. */
export const REACHED_STATUSES: readonly MemberStatus[] = MEMBER_STATUSES.filter(
  (status) => !['targeted', 'excluded', 'failed', 'bounced'].includes(status),
);

/** How a customer came to follow a topic. */
export const INTEREST_SOURCES = ['declared', 'inferred'] as const;
/** @see INTEREST_SOURCES */
export type InterestSource = (typeof INTEREST_SOURCES)[number];

/** Where a declared interest was given, or what an inferred one was inferred from. */
export const INTEREST_VIA = ['console', 'api', 'keyword', 'import', 'order', 'interaction', 'demo'] as const;
/** @see INTEREST_VIA */
export type InterestVia = (typeof INTEREST_VIA)[number];

/** What sets off a care message. */
export const CARE_TRIGGERS = [
  'birthday',
  'firstPurchaseAnniversary',
  'afterTicketClosed',
  'inactivity',
] as const;
/** @see CARE_TRIGGERS */
export type CareTrigger = (typeof CARE_TRIGGERS)[number];

/** Which records a conversion may be, and the rule that credited it. */
export const CONVERSION_KINDS = ['order', 'deal', 'lead'] as const;
/** @see CONVERSION_KINDS */
export type ConversionKind = (typeof CONVERSION_KINDS)[number];

/** How a conversion was linked to its campaign (see the README's attribution rule). */
export const CREDIT_RULES = ['code', 'last-touch', 'control'] as const;
/** @see CREDIT_RULES */
export type CreditRule = (typeof CREDIT_RULES)[number];
