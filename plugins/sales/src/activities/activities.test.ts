import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity } from '../entities/activity.js';
import type { Deal } from '../entities/deal.js';
import type { Lead } from '../entities/lead.js';
import { bootSales, customer, DAY } from '../test-support/boot.js';

describe('activities and leads', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  it('links an activity to a lead, deal or customer and moves the last activity', async () => {
    t = await bootSales();
    const acme = await customer(t);
    const other = await customer(t);
    const deal = await t
      .data<Deal>('deal')
      .create({ title: 'x', customerId: acme.id, amount: { amount: 1, currency: 'EUR' }, ownerId: 'rep-1' });
    await expect(
      t.data<Activity>('activity').create({ type: 'call', subject: 'orphan' }),
    ).rejects.toMatchObject({
      errors: [{ path: 'dealId', rule: 'sales.link' }],
    });
    await expect(
      t
        .data<Activity>('activity')
        .create({ type: 'call', subject: 'x', dealId: deal.id, customerId: other.id }),
    ).rejects.toMatchObject({ errors: [{ path: 'customerId', rule: 'sales.link' }] });
    await expect(
      t.data<Activity>('activity').create({ type: 'call', subject: 'x', dealId: 'nope' }),
    ).rejects.toMatchObject({
      errors: [{ path: 'dealId', rule: 'sales.reference' }],
    });
    t.clock.advance(2 * DAY);
    const call = await t
      .data<Activity>('activity')
      .create({ type: 'call', subject: 'Intro', dealId: deal.id, dueAt: '2026-06-05T10:00:00Z' });
    expect(call).toMatchObject({ customerId: acme.id, ownerId: 'rep-1', done: false });
    expect((await t.data<Deal>('deal').get(deal.id)).lastActivityAt).toBe('2026-06-03T00:00:00.000Z');
    t.clock.advance(DAY);
    const done = await t.data<Activity>('activity').update(call.id, { done: true });
    expect(done.doneAt).toBe('2026-06-04T00:00:00.000Z');
    expect((await t.data<Deal>('deal').get(deal.id)).lastActivityAt).toBe('2026-06-04T00:00:00.000Z');
    // History logged as done happened when it was due.
    const past = await t.data<Activity>('activity').create({
      type: 'meeting',
      subject: 'Old demo',
      dealId: deal.id,
      dueAt: '2026-05-01T10:00:00Z',
      done: true,
    });
    expect(past.doneAt).toBe('2026-05-01T10:00:00.000Z');
    expect((await t.data<Deal>('deal').get(deal.id)).lastActivityAt).toBe('2026-06-04T00:00:00.000Z'); // never backwards
    await expect(t.data<Activity>('activity').update(call.id, { ruleId: 'x' })).rejects.toMatchObject({
      errors: [{ path: 'ruleId', rule: 'readOnly' }],
    });
  });

  it('keeps lead rules: lower-cased e-mail, a reason to disqualify, a known pipeline, owner and activity', async () => {
    t = await bootSales();
    const rep = t.actor(['salesRep'], undefined, 'rep-7');
    const lead = await t
      .data<Lead>('lead', rep)
      .create({ name: 'Ada', email: ' Ada@Example.COM ', source: 'web' });
    expect(lead).toMatchObject({
      email: 'ada@example.com',
      status: 'new',
      score: 0,
      ownerId: 'rep-7',
      lastActivityAt: '2026-06-01T00:00:00.000Z',
    });
    await expect(t.data<Lead>('lead', rep).update(lead.id, { status: 'disqualified' })).rejects.toMatchObject(
      {
        errors: [{ path: 'disqualifiedReason', rule: 'sales.reason' }],
      },
    );
    await expect(t.data<Lead>('lead', rep).update(lead.id, { pipeline: 'nope' })).rejects.toMatchObject({
      errors: [{ path: 'pipeline', rule: 'sales.pipeline' }],
    });
    await expect(t.data<Lead>('lead', rep).update(lead.id, { customerId: 'x' })).rejects.toMatchObject({
      errors: [{ path: 'customerId', rule: 'readOnly' }],
    });
    // A rep sees only their own leads.
    await t.data<Lead>('lead').create({ name: 'Not theirs', source: 'web', ownerId: 'rep-8' });
    expect((await t.data<Lead>('lead', rep).find()).items.map((l) => l.name)).toEqual(['Ada']);
    await expect(
      t.data<Lead>('lead', rep).create({ name: 'x', source: 'web', ownerId: 'rep-8' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
