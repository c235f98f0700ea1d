import { definePlugin } from '@rapport/core';
import type { Contact, Customer } from '@rapport/plugin-customers';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from '../entities/activity.js';
import type { Deal } from '../entities/deal.js';
import type { Lead, LeadRecord } from '../entities/lead.js';
import { SALES } from '../service.js';
import { bootSales } from '../test-support/boot.js';

/** A plugin that vetoes any deal titled 'boom' after it was written: the conversion must roll back. */
const vetoPlugin = definePlugin({
  id: 'veto',
  version: '0.0.1',
  dependsOn: ['sales'],
  register(ctx) {
    ctx.hooks.entity<Deal>('deal').afterCreate.tapPromise('veto', async (deal) => {
      if (deal.title === 'boom') throw new Error('vetoed by a later tap');
    });
  },
});

describe('lead conversion', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  const lead = (input: Partial<Lead> = {}) =>
    t.data<Lead>('lead').create({
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      source: 'web',
      status: 'qualified',
      estimatedValue: { amount: 12_000_00, currency: 'EUR' },
      ...input,
    }) as Promise<LeadRecord>;
  const convert = (id: string, input = {}) => t.kernel.resolve(SALES).convertLead(t.admin, id, input);

  it('turns a person lead into a customer and a deal, and marks the lead converted', async () => {
    t = await bootSales();
    const ada = await lead({ interest: 'analytics' });
    await t.data<Activity>('activity').create({ type: 'call', subject: 'First call', leadId: ada.id });
    const result = await convert(ada.id);
    expect(result.customerCreated).toBe(true);
    expect(result.customer).toMatchObject({
      kind: 'person',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      source: 'web',
    });
    expect(result.contact).toBeUndefined(); // a person is their own contact
    expect(result.deal).toMatchObject({
      title: 'Ada Lovelace — analytics',
      customerId: result.customer.id,
      leadId: ada.id,
      amount: { amount: 12_000_00, currency: 'EUR' },
      stage: 'qualification',
      kind: 'new',
    });
    expect(result.lead).toMatchObject({
      status: 'converted',
      convertedAt: '2026-06-01T00:00:00.000Z',
      customerId: result.customer.id,
      dealId: result.deal.id,
    });
    const [call] = (await t.data<Activity>('activity').find({ where: { leadId: ada.id } })).items;
    expect(call?.customerId).toBe(result.customer.id);
    await expect(convert(ada.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already converted'),
    });
    await expect(t.data<Lead>('lead').update(ada.id, { status: 'working' })).rejects.toMatchObject({
      errors: [{ path: 'status', rule: 'sales.converted' }],
    });
  });

  it('reuses the customer that already has the phone or e-mail (deduplicated through customers)', async () => {
    t = await bootSales();
    const existing = await t
      .data<Customer>('customer')
      .create({ kind: 'person', name: 'A. Lovelace', email: 'ada@example.com' });
    const result = await convert((await lead()).id);
    expect(result.customerCreated).toBe(false);
    expect(result.customer.id).toBe(existing.id);
    expect(await t.data('customer').count()).toBe(1);
    expect(result.deal.customerId).toBe(existing.id);
  });

  it('makes an organisation with the person as contact, and finds them again by the contact', async () => {
    t = await bootSales();
    const first = await convert((await lead({ company: 'Analytical Engines Ltd', title: 'CTO' })).id);
    expect(first.customer).toMatchObject({ kind: 'organisation', name: 'Analytical Engines Ltd' });
    expect(first.contactCreated).toBe(true);
    expect(first.contact).toMatchObject({
      customerId: first.customer.id,
      name: 'Ada Lovelace',
      role: 'CTO',
      email: 'ada@example.com',
      primary: true,
    });
    expect(first.deal.contactId).toBe(first.contact?.id);
    const second = await convert(
      (await lead({ company: 'Analytical Engines', email: 'ADA@example.com' })).id,
    );
    expect(second).toMatchObject({ customerCreated: false, contactCreated: false });
    expect(second.customer.id).toBe(first.customer.id);
    expect(second.contact?.id).toBe(first.contact?.id);
    expect(await t.data<Contact>('contact').count()).toBe(1);
  });

  it('converts only qualified leads, and needs an amount', async () => {
    t = await bootSales();
    await expect(convert((await lead({ status: 'working' })).id)).rejects.toMatchObject({
      errors: [{ path: 'status', rule: 'sales.convert' }],
    });
    const noValue = await t.data<Lead>('lead').create({ name: 'Bob', source: 'event', status: 'qualified' });
    await expect(convert(noValue.id)).rejects.toMatchObject({ errors: [{ path: 'deal.amount' }] });
    const converted = await convert(noValue.id, {
      deal: { amount: { amount: 500_00, currency: 'EUR' }, pipeline: 'dealers' },
    });
    expect(converted.deal).toMatchObject({
      pipeline: 'dealers',
      stage: 'prospecting',
      amount: { amount: 500_00 },
    });
    const other = await lead({ email: 'x@example.com' });
    await expect(t.data<Lead>('lead').update(other.id, { status: 'converted' })).rejects.toMatchObject({
      errors: [{ path: 'status', rule: 'sales.converted' }],
    });
  });

  it('is atomic: a failure half-way leaves no customer, contact or deal, and the lead as it was', async () => {
    t = await bootSales({ plugins: [vetoPlugin()] });
    const ada = await lead({ company: 'Analytical Engines Ltd' });
    const before = await t.data<Lead>('lead').get(ada.id);
    const auditBefore = (await t.kernel.audit({ limit: 500 }, { actor: t.admin })).items.length;
    await expect(convert(ada.id, { deal: { title: 'boom' } })).rejects.toThrow('vetoed by a later tap');
    expect(await t.data('customer').count()).toBe(0);
    expect(await t.data('contact').count()).toBe(0);
    expect(await t.data('deal').count()).toBe(0);
    expect(await t.data('dealStageChange').count()).toBe(0);
    expect(await t.data<Lead>('lead').get(ada.id)).toEqual(before);
    expect((await t.kernel.audit({ limit: 500 }, { actor: t.admin })).items.length).toBe(auditBefore);
    // The same conversion without the veto goes through.
    const result = await convert(ada.id, { deal: { title: 'Engines' } });
    expect(result.customerCreated).toBe(true);
    expect(await t.data('customer').count()).toBe(1);
  });

  it('also rolls back when a stage is wrong, after the customer was already created', async () => {
    t = await bootSales();
    const ada = await lead();
    await expect(convert(ada.id, { deal: { stage: 'renewed' } })).rejects.toMatchObject({
      errors: [{ path: 'stage' }],
    });
    expect(await t.data('customer').count()).toBe(0);
    expect((await t.data<Lead>('lead').get(ada.id)).status).toBe('qualified');
  });
});
