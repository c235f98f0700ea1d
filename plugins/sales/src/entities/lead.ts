import {
  computed,
  countryCode,
  dateTime,
  defineEntity,
  type EntityRecord,
  email,
  key,
  percent,
  phone,
  ref,
  tags,
  text,
} from '@rapport/core';
import { ACQUISITION_SOURCES, type AcquisitionSource } from '@rapport/plugin-customers';
import { AMOUNT_SCHEMA, type Money } from '../money.js';
import { LEAD_STATUSES, type LeadStatus } from '../vocabulary.js';

/** A prospect not yet qualified into a customer and a deal (001 "五、3.": find, then qualify). */
export interface Lead {
  /** The person's name. */
  name: string;
  /** Their organisation; conversion makes it an organisation customer with the person as contact. */
  company?: string;
  /** Their job title (becomes the contact's role). */
  title?: string;
  email?: string;
  phone?: string;
  /** ISO 3166-1 alpha-2 country (assignment rules often route by it). */
  country?: string;
  /** Where the lead came from (ads, mail, events...): the customers plugin's acquisition sources. */
  source: AcquisitionSource;
  /** Default `new`. `converted` is set only by lead conversion. */
  status?: LeadStatus;
  /** 0–100. */
  score?: number;
  ownerId?: string;
  /** What the lead might buy, for the deal conversion creates. */
  estimatedValue?: Money;
  interest?: string;
  /** The pipeline conversion puts the deal in (default: the plugin's default pipeline). */
  pipeline?: string;
  /** Required when disqualified. */
  disqualifiedReason?: string;
  notes?: string;
  tags?: string[];
  /** Computed: when the lead was converted, and into what. */
  convertedAt?: string;
  customerId?: string;
  contactId?: string;
  dealId?: string;
  /** Computed: the latest activity on the lead (its creation to start with). */
  lastActivityAt?: string;
}

/** A stored lead. */
export type LeadRecord = EntityRecord<Lead>;

/** Fields of a lead only the plugin writes. */
export const COMPUTED_LEAD_FIELDS = [
  'convertedAt',
  'customerId',
  'contactId',
  'dealId',
  'lastActivityAt',
] as const;

/** The `lead` entity. */
export const LeadEntity = defineEntity<Lead>({
  name: 'lead',
  plural: 'leads',
  description: 'A prospect: source, status (new, working, qualified, disqualified, converted), score, owner.',
  schema: {
    type: 'object',
    properties: {
      name: text(),
      company: text(),
      title: text(),
      email,
      phone,
      country: countryCode,
      source: { type: 'string', enum: [...ACQUISITION_SOURCES], default: 'other' },
      status: { type: 'string', enum: [...LEAD_STATUSES], default: 'new' },
      score: { ...percent, default: 0 },
      ownerId: ref,
      estimatedValue: AMOUNT_SCHEMA,
      interest: text(),
      pipeline: key,
      disqualifiedReason: text(1000),
      notes: text(5_000, { minLength: 0 }),
      tags,
      convertedAt: computed(dateTime),
      customerId: computed(ref),
      contactId: computed(ref),
      dealId: computed(ref),
      lastActivityAt: computed(dateTime),
    },
    required: ['name', 'source'],
  },
  indexes: ['status', ['ownerId', 'createdAt'], 'email', 'customerId', 'lastActivityAt'],
  search: ['name', 'company', 'email', 'phone'],
});
