import { createSeededRandom, isoTime, mixSeed, type SeededRandom } from '@rapport/core';
import type { Contact } from '../entities/contact.js';
import type { Customer } from '../entities/customer.js';
import type { Interaction } from '../entities/interaction.js';
import {
  ACQUISITION_SOURCES,
  type CustomerCategory,
  EVERYDAY_CHANNELS,
  FIVE_MEANS,
  type InteractionChannel,
  type InteractionDirection,
  type RelationshipType,
} from '../entities/vocabulary.js';
import { DAY_MS } from '../options.js';
import {
  CONTACT_ROLES,
  COUNTRIES,
  type CountryKit,
  HABITS,
  INDUSTRIES,
  INTERESTS,
  OCCUPATIONS,
  PREFERENCES,
  SUBJECTS,
  TAGS,
  TEMPERAMENTS,
} from './demo-vocabulary.js';

/** Options of {@link generateDemoCustomers}. */
export interface DemoOptions {
  /** How many customers (at most 1,000,000: phone numbers stay unique up to there). */
  count: number;
  /** Same seed, same data. Default 1. */
  seed?: number;
  /** The "now" the history is written against (ISO or ms). Default 2026-01-01T00:00:00Z. */
  now?: string | number;
  /** Reporting currency of the value records. Default `EUR`. */
  currency?: string;
  /** Months of interaction history. Default 12. */
  months?: number;
}

/** A demo customer; `ref` ties its contacts, interactions and value records to it before it has an id. */
export interface DemoCustomer {
  ref: string;
  record: Customer;
}
/** A demo contact of an organisation customer. */
export interface DemoContact {
  ref: string;
  customerRef: string;
  record: Omit<Contact, 'customerId'>;
}
/** A demo interaction. */
export interface DemoInteraction {
  customerRef: string;
  contactRef?: string;
  record: Omit<Interaction, 'customerId' | 'contactId'> & { occurredAt: string };
}
/** A demo value record (a purchase), in time order per customer. */
export interface DemoValue {
  customerRef: string;
  amount: { amount: number; currency: string };
  at: string;
}
/** Everything generated for one customer. */
export interface DemoBundle {
  customer: DemoCustomer;
  contacts: DemoContact[];
  interactions: DemoInteraction[];
  values: DemoValue[];
}
/** Everything {@link generateDemoCustomers} returns. */
export interface DemoData {
  customers: DemoCustomer[];
  contacts: DemoContact[];
  interactions: DemoInteraction[];
  values: DemoValue[];
}

const DEFAULT_NOW = Date.parse('2026-01-01T00:00:00.000Z');
const MAX_COUNT = 1_000_000;
const OWNERS = Array.from({ length: 12 }, (_, i) => `owner-${String(i + 1).padStart(2, '0')}`);

const INTERACTIONS_BY_RELATIONSHIP: Record<RelationshipType, [number, number]> = {
  basic: [1, 3],
  passive: [2, 4],
  responsible: [3, 6],
  proactive: [4, 8],
  partnership: [6, 12],
};

/** A bijection on [0, 10^digits): spreads consecutive indexes over the number range. */
function spread(index: number, digits: number): string {
  const space = 10 ** digits;
  return String((index * 7919 + 104_729) % space).padStart(digits, '0');
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-zA-Z0-9]+/g, '')
    .toLowerCase();
}

function phoneOf(country: CountryKit, r: SeededRandom, index: number): string {
  return `+${country.phone.cc}${r.pick(country.phone.prefixes)}${spread(index, country.phone.digits)}`;
}

function customerOf(r: SeededRandom, index: number, now: number): { record: Customer; country: CountryKit } {
  const country = r.weighted(COUNTRIES.map((c) => [c, c.weight] as const));
  const [region, cities] = r.pick(country.places);
  const organisation = r.chance(0.45);
  const category: CustomerCategory = organisation
    ? r.weighted([
        ['consumer', 45],
        ['intermediary', 40],
        ['public', 15],
      ])
    : r.chance(0.05)
      ? 'intermediary'
      : 'consumer';
  const relationshipType = r.weighted<RelationshipType>(
    category === 'intermediary'
      ? [
          ['basic', 10],
          ['passive', 10],
          ['responsible', 25],
          ['proactive', 30],
          ['partnership', 25],
        ]
      : [
          ['basic', 40],
          ['passive', 25],
          ['responsible', 20],
          ['proactive', 12],
          ['partnership', 3],
        ],
  );
  const number = String(index + 1).padStart(6, '0');
  let name: string;
  let emailLocal: string;
  let domain: string;
  const record: Partial<Customer> = {};
  if (organisation) {
    const word = r.pick(country.companyWords);
    const second = r.pick(country.companyWords);
    const base = word === second ? word : `${word} ${second}`;
    name = `${base} ${r.pick(country.companyForms)}`;
    emailLocal = r.pick(['info', 'sales', 'office', 'contact']);
    domain = `${ascii(base)}-${number}.example.com`;
    const employees = Math.round(Math.exp(r.next() * Math.log(20_000)));
    record.objective = {
      country: country.code,
      region,
      city: r.pick(cities),
      industry: category === 'public' ? 'public administration' : r.pick(INDUSTRIES),
      employees,
      size:
        employees < 10
          ? 'micro'
          : employees < 50
            ? 'small'
            : employees < 250
              ? 'medium'
              : employees < 1000
                ? 'large'
                : 'enterprise',
      language: country.language,
    };
  } else {
    const female = r.chance(0.5);
    const first = r.pick(female ? country.first.female : country.first.male);
    const last = r.pick(country.last);
    name = country.code === 'CN' ? `${last} ${first}` : `${first} ${last}`;
    emailLocal = `${ascii(first)}.${ascii(last)}.${number}`;
    domain = r.pick(country.domains);
    record.objective = {
      gender: female ? 'female' : 'male',
      birthYear: r.int(1950, 2005),
      occupation: r.pick(OCCUPATIONS),
      country: country.code,
      region,
      city: r.pick(cities),
      language: country.language,
    };
  }
  record.kind = organisation ? 'organisation' : 'person';
  record.name = name;
  record.category = category;
  record.relationshipType = relationshipType;
  if (r.chance(0.85)) record.ownerId = r.pick(OWNERS);
  record.source = r.pick(ACQUISITION_SOURCES.filter((s) => s !== 'import'));
  if (r.chance(0.9)) record.phone = phoneOf(country, r, index);
  if (r.chance(0.92)) record.email = `${emailLocal}@${domain}`;
  record.acquiredAt = isoTime(now - r.int(30, 3 * 365) * DAY_MS - r.int(0, 86_399) * 1000);
  record.subjective = {
    preferences: r.some(PREFERENCES, 0, 2),
    interests: r.some(INTERESTS, 0, 3),
    habits: r.some(HABITS, 0, 2),
    ...(r.chance(0.4) ? { temperament: r.pick(TEMPERAMENTS) } : {}),
  };
  record.tags = r.some(TAGS, 0, 2);
  if (record.category === 'intermediary' && r.chance(0.5))
    record.tags = [...new Set([...record.tags, 'referral-partner'])];
  return { record: record as Customer, country };
}

function directionOf(channel: InteractionChannel, r: SeededRandom): InteractionDirection {
  if (channel === 'web' || channel === 'chat' || channel === 'visit')
    return r.chance(0.9) ? 'inbound' : 'outbound';
  if ((FIVE_MEANS as readonly string[]).includes(channel) || channel === 'event' || channel === 'sms')
    return 'outbound';
  return r.chance(0.5) ? 'inbound' : 'outbound';
}

/**
 * Generates one customer and their history. Record `index` depends only on `seed` and `index`,
 * so the first 1,000 customers of a 10,000 run are the 1,000 of a 1,000 run.
 */
export function generateDemoBundle(index: number, options: Omit<DemoOptions, 'count'> = {}): DemoBundle {
  const seed = options.seed ?? 1;
  const now =
    options.now === undefined
      ? DEFAULT_NOW
      : typeof options.now === 'number'
        ? options.now
        : Date.parse(options.now);
  const currency = options.currency ?? 'EUR';
  const months = options.months ?? 12;
  const r = createSeededRandom(mixSeed(seed, index));
  const ref = `demo-${String(index + 1).padStart(7, '0')}`;
  const { record } = customerOf(r, index, now);
  const acquired = Date.parse(record.acquiredAt as string);

  const contacts: DemoContact[] = [];
  if (record.kind === 'organisation') {
    const country =
      COUNTRIES.find((c) => c.code === record.objective?.country) ?? (COUNTRIES[0] as CountryKit);
    const n = r.int(1, 4);
    for (let k = 0; k < n; k += 1) {
      const female = r.chance(0.5);
      const first = r.pick(female ? country.first.female : country.first.male);
      const last = r.pick(country.last);
      contacts.push({
        ref: `${ref}-c${k + 1}`,
        customerRef: ref,
        record: {
          name: country.code === 'CN' ? `${last} ${first}` : `${first} ${last}`,
          role: r.pick(CONTACT_ROLES),
          primary: k === 0,
          ...(record.email ? { email: `${ascii(first)}.${ascii(last)}@${record.email.split('@')[1]}` } : {}),
        },
      });
    }
  }

  const interactions: DemoInteraction[] = [];
  const [lo, hi] = INTERACTIONS_BY_RELATIONSHIP[record.relationshipType ?? 'basic'];
  const from = Math.max(acquired, now - months * 30.4 * DAY_MS);
  const channels: readonly InteractionChannel[] =
    record.kind === 'organisation' && record.relationshipType !== 'basic'
      ? [...EVERYDAY_CHANNELS, ...FIVE_MEANS]
      : EVERYDAY_CHANNELS;
  for (let k = r.int(lo, hi); k > 0; k -= 1) {
    const channel = r.pick(channels);
    const contact = contacts.length > 0 && r.chance(0.7) ? r.pick(contacts) : undefined;
    interactions.push({
      customerRef: ref,
      ...(contact ? { contactRef: contact.ref } : {}),
      record: {
        channel,
        direction: directionOf(channel, r),
        subject: r.pick(SUBJECTS[channel] ?? ['Contact']),
        occurredAt: isoTime(Math.floor(from + r.next() * (now - from))),
        durationMinutes: r.int(2, channel === 'management-seminar' || channel === 'company-visit' ? 240 : 60),
        ...(record.ownerId ? { byId: record.ownerId } : {}),
      },
    });
  }
  interactions.sort((a, b) => (a.record.occurredAt < b.record.occurredAt ? -1 : 1));

  const values: DemoValue[] = [];
  if (r.chance(0.75)) {
    const big = record.category === 'intermediary' ? 6 : record.kind === 'organisation' ? 3 : 1;
    const purchases = Math.min(40, 1 + Math.floor(-Math.log(1 - r.next()) * 2.5 * Math.sqrt(big)));
    // a fifth of the buyers lapsed (last purchase 200–500 days ago); some of those came back
    const lapsed = r.chance(0.2);
    const wonBack = lapsed && r.chance(0.25);
    const end = lapsed ? now - r.int(200, 500) * DAY_MS : now;
    const start = Math.max(acquired, end - 2 * 365 * DAY_MS);
    const scale = 50_00 * big * Math.exp(r.normal() * 0.8); // heavy-tailed order sizes
    for (let k = 0; k < purchases && start < end; k += 1) {
      values.push({
        customerRef: ref,
        amount: { amount: Math.max(1_00, Math.round(scale * Math.exp(r.normal() * 0.5))), currency },
        at: isoTime(Math.floor(start + r.next() * (end - start))),
      });
    }
    if (wonBack) {
      values.push({
        customerRef: ref,
        amount: { amount: Math.round(scale), currency },
        at: isoTime(now - r.int(1, 40) * DAY_MS),
      });
    }
    values.sort((a, b) => (a.at < b.at ? -1 : 1));
  }
  return { customer: { ref, record }, contacts, interactions, values };
}

/**
 * Generates realistic demo customers, fully determined by `seed`: persons and organisations
 * from five countries (consistent names, regions, cities, E.164 mobile numbers valid for the
 * country and unique, unique e-mails), all three categories, five relationship types, owners,
 * sources, tags, objective and subjective profiles; contacts with roles at organisations;
 * interactions on every channel (the five means at organisations beyond a basic relationship)
 * over the last `months`; and heavy-tailed purchases over two years, some lapsed and some won
 * back, so ABC, RFM and every lifecycle stage have something to show.
 *
 * @example
 * ```ts
 * const demo = generateDemoCustomers({ count: 1000, seed: 7, now: '2026-06-01T00:00:00Z' });
 * demo.customers.length; // 1000
 * ```
 */
export function generateDemoCustomers(options: DemoOptions): DemoData {
  const data: DemoData = { customers: [], contacts: [], interactions: [], values: [] };
  for (const bundle of demoBundles(options)) {
    data.customers.push(bundle.customer);
    data.contacts.push(...bundle.contacts);
    data.interactions.push(...bundle.interactions);
    data.values.push(...bundle.values);
  }
  return data;
}

/** The same data as {@link generateDemoCustomers}, one customer at a time (for 100k without holding it all). */
export function* demoBundles(options: DemoOptions): Generator<DemoBundle> {
  if (!Number.isInteger(options.count) || options.count < 0 || options.count > MAX_COUNT) {
    throw new RangeError(`generateDemoCustomers: count must be an integer from 0 to ${MAX_COUNT}`);
  }
  for (let i = 0; i < options.count; i += 1) yield generateDemoBundle(i, options);
}
