import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import { CUSTOMER_CATEGORIES, INTERACTION_CHANNELS, RELATIONSHIP_TYPES } from '../entities/vocabulary.js';
import { normaliseEmail } from '../identity/email.js';
import { normalisePhone } from '../identity/phone.js';
import { bootCustomers } from '../test-support/boot.js';
import { generateDemoCustomers } from './generate-demo.js';
import { seedDemoCustomers } from './seed-demo.js';

const NOW = '2026-06-01T00:00:00.000Z';

describe('generateDemoCustomers', () => {
  const demo = generateDemoCustomers({ count: 1000, seed: 42, now: NOW });

  it('is deterministic for a seed, and customer i does not depend on the count', () => {
    expect(generateDemoCustomers({ count: 1000, seed: 42, now: NOW })).toEqual(demo);
    const small = generateDemoCustomers({ count: 100, seed: 42, now: NOW });
    expect(small.customers).toEqual(demo.customers.slice(0, 100));
    expect(generateDemoCustomers({ count: 100, seed: 43, now: NOW }).customers).not.toEqual(small.customers);
    expect(() => generateDemoCustomers({ count: -1 })).toThrow(RangeError);
  });

  it('makes valid, unique E.164 phones and unique, normal e-mails', () => {
    const phones = demo.customers.flatMap((c) => (c.record.phone ? [c.record.phone] : []));
    const emails = demo.customers.flatMap((c) => (c.record.email ? [c.record.email] : []));
    expect(phones.length).toBeGreaterThan(850);
    expect(emails.length).toBeGreaterThan(850);
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(emails).size).toBe(emails.length);
    for (const phone of phones) expect(normalisePhone(phone)).toEqual({ ok: true, e164: phone });
    for (const email of emails) expect(normaliseEmail(email)).toBe(email);
  });

  it('varies categories, relationship types, countries and owners, with history on every channel', () => {
    const records = demo.customers.map((c) => c.record);
    expect(new Set(records.map((c) => c.category))).toEqual(new Set(CUSTOMER_CATEGORIES));
    expect(new Set(records.map((c) => c.relationshipType))).toEqual(new Set(RELATIONSHIP_TYPES));
    expect(new Set(records.map((c) => c.objective?.country))).toEqual(
      new Set(['DE', 'CN', 'US', 'FR', 'GB']),
    );
    expect(new Set(records.map((c) => c.kind))).toEqual(new Set(['person', 'organisation']));
    expect(new Set(records.map((c) => c.ownerId).filter(Boolean)).size).toBe(12);
    expect(new Set(demo.interactions.map((i) => i.record.channel))).toEqual(new Set(INTERACTION_CHANNELS));
    const yearAgo = Date.parse(NOW) - 366 * 86_400_000;
    for (const i of demo.interactions) {
      expect(Date.parse(i.record.occurredAt)).toBeGreaterThanOrEqual(yearAgo);
      expect(Date.parse(i.record.occurredAt)).toBeLessThanOrEqual(Date.parse(NOW));
    }
    expect(demo.interactions.length).toBeGreaterThan(3000);
    expect(demo.contacts.length).toBeGreaterThan(500);
    expect(demo.values.length).toBeGreaterThan(1000);
    expect(demo.values.every((v) => Number.isInteger(v.amount.amount) && v.amount.amount > 0)).toBe(true);
  });
});

describe('seedDemoCustomers', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  it('writes the demo through every rule, recomputes, and does nothing the second time', async () => {
    t = await bootCustomers({ now: NOW });
    const report = await seedDemoCustomers(t.kernel, { count: 300, seed: 7 });
    const demo = generateDemoCustomers({ count: 300, seed: 7, now: NOW });
    expect(report).toMatchObject({
      skipped: false,
      customers: 300,
      contacts: demo.contacts.length,
      interactions: demo.interactions.length,
      values: demo.values.length,
    });
    expect(await t.data('interaction').count()).toBe(demo.interactions.length);
    const stages = await t
      .data<Customer>('customer')
      .aggregate({ groupBy: ['lifecycleStage'], measures: { n: 'count' } });
    expect(stages.map((row) => row.lifecycleStage)).toEqual(
      expect.arrayContaining(['prospect', 'active', 'loyal', 'at-risk', 'churned', 'won-back']),
    );
    const classes = await t
      .data<Customer>('customer')
      .aggregate({ groupBy: ['abcClass'], measures: { n: 'count' } });
    const n = Object.fromEntries(classes.map((row) => [String(row.abcClass), Number(row.n)]));
    expect(n.A).toBeLessThan(n.C as number); // Pareto: few A customers, many C
    expect(await seedDemoCustomers(t.kernel, { count: 300, seed: 7 })).toMatchObject({
      skipped: true,
      customers: 0,
    });
  });
});
