/**
 * The closed vocabularies of the customers plugin. Each is an `as const` tuple (used by the
 * JSON Schemas) and a union type (used by the code).
 */

/** Whether the customer is one person or an organisation (company, agency, association). */
export const CUSTOMER_KINDS = ['person', 'organisation'] as const;
/** @see CUSTOMER_KINDS */
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

/**
 * The three kinds of customer (seed 002): end consumers, intermediaries (dealers, distributors,
 * resellers) and public-interest customers (government, trade associations, media).
 */
export const CUSTOMER_CATEGORIES = ['consumer', 'intermediary', 'public'] as const;
/** @see CUSTOMER_CATEGORIES */
export type CustomerCategory = (typeof CUSTOMER_CATEGORIES)[number];

/** The five relationship types (seed 002): from a plain sale to a partnership. */
export const RELATIONSHIP_TYPES = ['basic', 'passive', 'responsible', 'proactive', 'partnership'] as const;
/** @see RELATIONSHIP_TYPES */
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/**
 * Lifecycle stages (seeds 001, 002): prospect → new → active → loyal on the way up; at-risk and
 * churned on the way down; won-back when a churned customer buys again (客户再生).
 */
export const LIFECYCLE_STAGES = [
  'prospect',
  'new',
  'active',
  'loyal',
  'at-risk',
  'churned',
  'won-back',
] as const;
/** @see LIFECYCLE_STAGES */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Where a customer came from. */
export const ACQUISITION_SOURCES = [
  'web',
  'phone',
  'email',
  'sms',
  'chat',
  'visit',
  'event',
  'referral',
  'partner',
  'advertising',
  'social',
  'import',
  'other',
] as const;
/** @see ACQUISITION_SOURCES */
export type AcquisitionSource = (typeof ACQUISITION_SOURCES)[number];

/** Everyday contact channels (seed 001 §十一): one database behind every one of them. */
export const EVERYDAY_CHANNELS = [
  'phone',
  'email',
  'sms',
  'web',
  'chat',
  'visit',
  'meeting',
  'event',
] as const;

/**
 * Huawei's "five means" of B2B relationship building (seed 001): company visit, reference-site
 * visit, on-site meeting, technical exchange, management seminar.
 */
export const FIVE_MEANS = [
  'company-visit',
  'reference-site-visit',
  'on-site-meeting',
  'technical-exchange',
  'management-seminar',
] as const;

/** Every interaction channel: the everyday channels and the five means. */
export const INTERACTION_CHANNELS = [...EVERYDAY_CHANNELS, ...FIVE_MEANS] as const;
/** @see INTERACTION_CHANNELS */
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

/** Who started an interaction: the customer (`inbound`) or the company (`outbound`). */
export const INTERACTION_DIRECTIONS = ['inbound', 'outbound'] as const;
/** @see INTERACTION_DIRECTIONS */
export type InteractionDirection = (typeof INTERACTION_DIRECTIONS)[number];

/** Company size bands (by headcount: <10, <50, <250, <1000, more). */
export const COMPANY_SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
/** @see COMPANY_SIZES */
export type CompanySize = (typeof COMPANY_SIZES)[number];

/** ABC value classes (Pareto): A brings the top share of value, B the next, C the rest. */
export const ABC_CLASSES = ['A', 'B', 'C'] as const;
/** @see ABC_CLASSES */
export type AbcClass = (typeof ABC_CLASSES)[number];

/** What a value record stands for; only purchases count towards frequency and lifecycle. */
export const VALUE_KINDS = ['purchase', 'refund', 'adjustment'] as const;
/** @see VALUE_KINDS */
export type ValueKind = (typeof VALUE_KINDS)[number];
