import {
  computed,
  count,
  countryCode,
  dateTime,
  defineEntity,
  type EntityRecord,
  email,
  integerBetween,
  list,
  phone,
  ref,
  tags,
  text,
} from '@rapport/core';
import { MONEY_SCHEMA, type Money } from './money.js';
import {
  ABC_CLASSES,
  type AbcClass,
  ACQUISITION_SOURCES,
  type AcquisitionSource,
  COMPANY_SIZES,
  type CompanySize,
  CUSTOMER_CATEGORIES,
  CUSTOMER_KINDS,
  type CustomerCategory,
  type CustomerKind,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from './vocabulary.js';

/** Objective data (seed 002): facts about who the customer is. */
export interface ObjectiveProfile {
  gender?: 'female' | 'male' | 'diverse';
  birthYear?: number;
  occupation?: string;
  /** ISO 3166-1 alpha-2 country code. */
  country?: string;
  /** State, province or sales region. */
  region?: string;
  city?: string;
  industry?: string;
  size?: CompanySize;
  employees?: number;
  /** BCP 47 language tag the customer prefers (`de`, `zh-CN`). */
  language?: string;
}

/** Subjective data (seed 002): what the customer likes and how they behave. */
export interface SubjectiveProfile {
  preferences?: string[];
  interests?: string[];
  habits?: string[];
  temperament?: string;
  notes?: string;
}

/** RFM scores, each 1 (worst) to 5 (best) by quintile; `code` is `${r}${f}${m}`. */
export interface RfmScore {
  r: number;
  f: number;
  m: number;
  code: string;
}

/** What the plugin knows about a customer's value, kept up to date from value records. */
export interface CustomerValueStats {
  /** Sum of every value record (purchases, refunds, adjustments). */
  lifetime: Money;
  /** Sum of the value records in the trailing value window (`valueWindowDays`). */
  window: Money;
  /** Number of purchases, ever. */
  purchases: number;
  /** Number of purchases in the trailing value window. */
  windowPurchases: number;
  firstPurchaseAt?: string;
  lastPurchaseAt?: string;
  /** Latest inbound interaction (counts as activity when `activityFromInteractions` is on). */
  lastInboundAt?: string;
}

/**
 * A customer's predicted future (BG/NBD and Gamma-Gamma, fitted on every customer's value
 * records by the recompute job; time unit the week, calibration window all purchases up to the
 * fit). Absent for customers without a purchase, or while no fit has succeeded.
 */
export interface FutureValue {
  /** Probability that the customer is still active (has not silently dropped out), 0–1. */
  pAlive: number;
  /** Expected purchases in the next `horizonWeeks`. */
  expectedPurchases: number;
  /** Expected value of one future purchase (Gamma-Gamma). */
  expectedSpend: Money;
  /** Expected spend over the next `horizonWeeks`, discounted at the configured annual rate. */
  lifetimeValue: Money;
  horizonWeeks: number;
  /** When the model was fitted and these numbers computed. */
  fittedAt: string;
}

/** The fields the plugin computes; callers other than the system cannot write them. */
export const COMPUTED_CUSTOMER_FIELDS = [
  'lifecycleStage',
  'lifecycleChangedAt',
  'wonBackAt',
  'abcClass',
  'rfm',
  'value',
  'classifiedAt',
  'futureValue',
] as const;

/** A customer: a person or an organisation the company deals with. */
export interface Customer {
  kind: CustomerKind;
  name: string;
  category?: CustomerCategory;
  /** An internal customer (another department, a subsidiary). */
  internal?: boolean;
  /** The account manager serving this customer: a customer with an owner is a *client* (seed 002). */
  ownerId?: string;
  source?: AcquisitionSource;
  relationshipType?: RelationshipType;
  /** E.164 (`+4930123456`); unique across customers. Input may be national with `defaultRegion`. */
  phone?: string;
  /** Lower-case; unique across customers. */
  email?: string;
  /** When the relationship began; defaults to the creation time (set it when importing). */
  acquiredAt?: string;
  objective?: ObjectiveProfile;
  subjective?: SubjectiveProfile;
  tags?: string[];
  /** Computed. */
  lifecycleStage?: LifecycleStage;
  /** Computed: when the stage last changed. */
  lifecycleChangedAt?: string;
  /** Computed: the purchase that ended the last churn. */
  wonBackAt?: string;
  /** Computed: ABC class by share of value in the value window; absent without value. */
  abcClass?: AbcClass;
  /** Computed: RFM quintile scores; absent without purchases in the value window. */
  rfm?: RfmScore;
  /** Computed. */
  value?: CustomerValueStats;
  /** Computed: when ABC and RFM were last computed. */
  classifiedAt?: string;
  /** Computed: predicted activity, purchases and value (see {@link FutureValue}). */
  futureValue?: FutureValue;
}

/** A stored customer. */
export type CustomerRecord = EntityRecord<Customer>;

const textList = list(text(100), 50, { uniqueItems: true });

/** The `customer` entity. */
export const CustomerEntity = defineEntity<Customer>({
  name: 'customer',
  plural: 'customers',
  description:
    'A person or organisation the company deals with: identity, owner, profile, and the value, lifecycle and segment the plugin computes.',
  schema: {
    type: 'object',
    properties: {
      kind: { type: 'string', enum: [...CUSTOMER_KINDS] },
      name: text(),
      category: { type: 'string', enum: [...CUSTOMER_CATEGORIES], default: 'consumer' },
      internal: { type: 'boolean', default: false },
      ownerId: ref,
      source: { type: 'string', enum: [...ACQUISITION_SOURCES] },
      relationshipType: { type: 'string', enum: [...RELATIONSHIP_TYPES], default: 'basic' },
      phone,
      email: { ...email, description: 'An e-mail address; trimmed, lower-cased, then checked as an e-mail.' },
      acquiredAt: dateTime,
      objective: {
        type: 'object',
        properties: {
          gender: { type: 'string', enum: ['female', 'male', 'diverse'] },
          birthYear: { type: 'integer', minimum: 1900, maximum: 2100 },
          occupation: text(),
          country: countryCode,
          region: text(),
          city: text(),
          industry: text(),
          size: { type: 'string', enum: [...COMPANY_SIZES] },
          employees: integerBetween(0, 100_000_000),
          language: { type: 'string', maxLength: 35, pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' },
        },
        additionalProperties: false,
      },
      subjective: {
        type: 'object',
        properties: {
          preferences: textList,
          interests: textList,
          habits: textList,
          temperament: text(),
          notes: text(5000),
        },
        additionalProperties: false,
      },
      tags: { ...tags, default: [] },
      lifecycleStage: computed({ type: 'string', enum: [...LIFECYCLE_STAGES], default: 'prospect' }),
      lifecycleChangedAt: computed(dateTime),
      wonBackAt: computed(dateTime),
      abcClass: computed({ type: 'string', enum: [...ABC_CLASSES] }),
      rfm: computed({
        type: 'object',
        properties: {
          r: { type: 'integer', minimum: 1, maximum: 5 },
          f: { type: 'integer', minimum: 1, maximum: 5 },
          m: { type: 'integer', minimum: 1, maximum: 5 },
          code: { type: 'string', minLength: 3, maxLength: 3, pattern: '^[1-5]{3}$' },
        },
        required: ['r', 'f', 'm', 'code'],
        additionalProperties: false,
      }),
      value: computed({
        type: 'object',
        properties: {
          lifetime: MONEY_SCHEMA,
          window: MONEY_SCHEMA,
          purchases: count,
          windowPurchases: count,
          firstPurchaseAt: dateTime,
          lastPurchaseAt: dateTime,
          lastInboundAt: dateTime,
        },
        required: ['lifetime', 'window', 'purchases', 'windowPurchases'],
        additionalProperties: false,
      }),
      classifiedAt: computed(dateTime),
      futureValue: computed({
        type: 'object',
        properties: {
          pAlive: { type: 'number', minimum: 0, maximum: 1 },
          expectedPurchases: { type: 'number', minimum: 0, maximum: 1_000_000 },
          expectedSpend: MONEY_SCHEMA,
          lifetimeValue: MONEY_SCHEMA,
          horizonWeeks: { type: 'number', exclusiveMinimum: 0, maximum: 520 },
          fittedAt: dateTime,
        },
        required: [
          'pAlive',
          'expectedPurchases',
          'expectedSpend',
          'lifetimeValue',
          'horizonWeeks',
          'fittedAt',
        ],
        additionalProperties: false,
      }),
    },
    required: ['kind', 'name'],
  },
  indexes: [
    { fields: ['phone'], unique: true },
    { fields: ['email'], unique: true },
    ['ownerId', 'createdAt'],
    'lifecycleStage',
    'abcClass',
    'acquiredAt',
  ],
  search: ['name', 'email', 'phone', 'objective.city', 'tags'],
});
