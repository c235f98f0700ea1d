import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Activity, ActivityRecord } from '../entities/activity.js';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { Lead } from '../entities/lead.js';
import type { SalesRule } from '../entities/sales-rule.js';
import { bootSales, customer } from '../test-support/boot.js';
import { eventLog } from '../test-support/event-log.js';

describe('automation rules', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  const rule = (input: SalesRule) => t.data<SalesRule>('salesRule').create(input);
  const activities = async (where: Record<string, unknown>) =>
    (await t.data<Activity>('activity').find({ where: where as never, sort: ['createdAt', 'id'] }))
      .items as ActivityRecord[];
  const newDeal = async (input: Partial<Deal> = {}) => {
    const acme = await customer(t);
    return (await t.data<Deal>('deal').create({
      title: 'ACME',
      customerId: acme.id,
      amount: { amount: 50_000_00, currency: 'EUR' },
      ownerId: 'rep-1',
      ...input,
    })) as DealRecord;
  };

  it('lead created: assigns by rule (fixed, by field), creates a follow-up and emits an event, in the same write', async () => {
    const log = eventLog(['sales.rule.webLead', 'sales.rule.fired']);
    t = await bootSales({ plugins: [log.plugin()] });
    await rule({
      name: 'Route by country',
      order: 1,
      trigger: { type: 'lead.created' },
      actions: [
        { type: 'assignOwner', byField: 'country', map: { DE: 'klaus', CN: 'mei' }, fallback: 'pat' },
      ],
    });
    await rule({
      name: 'Big web leads go to Sam, with a call tomorrow',
      order: 2,
      trigger: { type: 'lead.created' },
      where: { source: 'web', 'estimatedValue.amount': { gte: 100_000_00 } },
      actions: [
        { type: 'assignOwner', ownerId: 'sam' },
        { type: 'createActivity', activity: { type: 'call', subject: 'Call the new lead', dueInDays: 1 } },
        { type: 'setField', field: 'score', value: 80 },
        { type: 'emitEvent', event: 'sales.rule.webLead', payload: { channel: 'web' } },
      ],
    });
    await rule({
      name: 'Disabled',
      enabled: false,
      trigger: { type: 'lead.created' },
      actions: [{ type: 'assignOwner', ownerId: 'nobody' }],
    });

    const de = await t.data<Lead>('lead').create({ name: 'Klaus', source: 'phone', country: 'DE' });
    const us = await t.data<Lead>('lead').create({ name: 'Joe', source: 'phone', country: 'US' });
    const big = await t.data<Lead>('lead').create({
      name: 'Mei',
      source: 'web',
      country: 'CN',
      estimatedValue: { amount: 250_000_00, currency: 'EUR' },
    });
    expect(de.ownerId).toBe('klaus');
    expect(us.ownerId).toBe('pat');
    expect(big).toMatchObject({ ownerId: 'sam', score: 80 }); // rule 2 ran after rule 1 (mei)
    const [call] = await activities({ leadId: big.id });
    expect(call).toMatchObject({
      type: 'call',
      subject: 'Call the new lead',
      ownerId: 'sam',
      dueAt: '2026-06-02T00:00:00.000Z',
      done: false,
    });
    expect(call?.ruleId).toBeDefined();
    await t.settle();
    expect(log.seen.filter((e) => e.name === 'sales.rule.webLead').map((e) => e.payload)).toEqual([
      { channel: 'web', ruleId: call?.ruleId, trigger: 'lead.created', entity: 'lead', id: big.id },
    ]);
    expect(log.seen.filter((e) => e.name === 'sales.rule.fired')).toHaveLength(4); // 3 routings + 1
  });

  it('deal stage changed: filters on from/to and where; deal won: a kick-off task', async () => {
    t = await bootSales();
    await rule({
      name: 'Proposal sent: follow up in 3 days',
      trigger: { type: 'deal.stageChanged', to: 'proposal' },
      where: { 'amount.amount': { gte: 10_000_00 } },
      actions: [
        {
          type: 'createActivity',
          activity: { type: 'task', subject: 'Follow up on the proposal', dueInDays: 3 },
        },
        { type: 'setField', field: 'forecastCategory', value: 'best-case' },
      ],
    });
    await rule({
      name: 'Won: kick-off',
      trigger: { type: 'deal.won' },
      actions: [
        {
          type: 'createActivity',
          activity: { type: 'meeting', subject: 'Kick-off', dueInDays: 7, ownerId: 'cs-team' },
        },
      ],
    });
    const small = await newDeal({ amount: { amount: 5_000_00, currency: 'EUR' } });
    const big = await newDeal();
    await t.data<Deal>('deal').update(small.id, { stage: 'proposal' });
    const moved = await t.data<Deal>('deal').update(big.id, { stage: 'proposal' });
    expect(await activities({ dealId: small.id })).toHaveLength(0);
    const [task] = await activities({ dealId: big.id });
    expect(task).toMatchObject({
      type: 'task',
      ownerId: 'rep-1',
      dueAt: '2026-06-04T00:00:00.000Z',
      customerId: big.customerId,
    });
    expect(moved.forecastCategory).toBe('best-case');
    await t.data<Deal>('deal').update(big.id, { stage: 'negotiation' }); // not into proposal: no new task
    expect(await activities({ dealId: big.id })).toHaveLength(1);
    await t.data<Deal>('deal').update(big.id, { stage: 'won' });
    const all = await activities({ dealId: big.id });
    expect(all.map((a) => a.subject)).toEqual(['Follow up on the proposal', 'Kick-off']);
    expect(all[1]).toMatchObject({ ownerId: 'cs-team', dueAt: '2026-06-08T00:00:00.000Z' });
  });

  it('no activity for N days: fires once per idle spell, on the test clock', async () => {
    t = await bootSales();
    await rule({
      name: 'Idle deal nudge',
      trigger: { type: 'deal.idle', days: 7 },
      where: { pipeline: 'new-business' },
      actions: [
        { type: 'createActivity', activity: { type: 'task', subject: 'Deal idle for a week: call' } },
      ],
    });
    const deal = await newDeal();
    const renewal = await newDeal({ pipeline: 'renewals' });
    await t.advance('6d');
    expect(await activities({ dealId: deal.id })).toHaveLength(0);
    await t.advance('1d'); // 7 days idle at 06-08 00:00 — lastActivityAt < now − 7d is false (equal)
    expect(await activities({ dealId: deal.id })).toHaveLength(0);
    await t.advance('1h');
    const [nudge] = await activities({ dealId: deal.id });
    expect(nudge).toMatchObject({
      subject: 'Deal idle for a week: call',
      ownerId: 'rep-1',
      dueAt: '2026-06-08T01:00:00.000Z',
    });
    expect(await activities({ dealId: renewal.id })).toHaveLength(0); // where: new-business only
    await t.advance('1d');
    await t.advance('3d');
    expect(await activities({ dealId: deal.id })).toHaveLength(1); // the reminder itself is not activity: no repeat
    // Activity (the task done) starts a new spell: 7 days later it fires again.
    await t.data<Activity>('activity').update(nudge?.id as string, { done: true }); // at 06-12 01:00
    expect((await t.data<Deal>('deal').get(deal.id)).lastActivityAt).toBe('2026-06-12T01:00:00.000Z');
    await t.advance('6d');
    expect(await activities({ dealId: deal.id })).toHaveLength(1);
    await t.advance('2d');
    expect(await activities({ dealId: deal.id })).toHaveLength(2);
    // A closed deal is never idle.
    await t.data<Deal>('deal').update(deal.id, { stage: 'lost', outcomeReason: 'silence' });
    await t.advance('10d');
    expect(await activities({ dealId: deal.id })).toHaveLength(2);
  });

  it('no activity on a lead for N days, and round-robin for the reassignment', async () => {
    t = await bootSales();
    await rule({
      name: 'Stale leads are reassigned',
      trigger: { type: 'lead.idle', days: 3 },
      where: { status: { in: ['new', 'working'] } },
      actions: [{ type: 'assignOwner', roundRobin: ['x', 'y'] }],
    });
    const a = await t.data<Lead>('lead').create({ name: 'A', source: 'web', ownerId: 'o' });
    const b = await t.data<Lead>('lead').create({ name: 'B', source: 'web', ownerId: 'o' });
    const q = await t
      .data<Lead>('lead')
      .create({ name: 'Q', source: 'web', ownerId: 'o', status: 'qualified' });
    await t.advance('4d');
    const owners = await Promise.all(
      [a, b, q].map(async (l) => (await t.data<Lead>('lead').get(l.id)).ownerId),
    );
    expect(owners.slice(0, 2).sort()).toEqual(['x', 'y']);
    expect(owners[2]).toBe('o');
  });

  it('close date passed: fires the day after, and again if the date is moved and passes again', async () => {
    t = await bootSales();
    await rule({
      name: 'Overdue close date',
      trigger: { type: 'deal.closeDatePassed' },
      actions: [
        { type: 'setField', field: 'forecastCategory', value: 'omitted' },
        { type: 'createActivity', activity: { type: 'task', subject: 'Update the close date' } },
      ],
    });
    const deal = await newDeal({ expectedCloseDate: '2026-06-03' });
    const later = await newDeal({ expectedCloseDate: '2026-06-30' });
    await t.advance('2d'); // 06-03: the day itself has not passed
    expect(await activities({ dealId: deal.id })).toHaveLength(0);
    await t.advance('1d'); // 06-04
    expect(await activities({ dealId: deal.id })).toHaveLength(1);
    expect((await t.data<Deal>('deal').get(deal.id)).forecastCategory).toBe('omitted');
    await t.advance('1d');
    expect(await activities({ dealId: deal.id })).toHaveLength(1);
    await t
      .data<Deal>('deal')
      .update(deal.id, { expectedCloseDate: '2026-06-10', forecastCategory: 'commit' });
    await t.advance('6d'); // 06-11
    expect(await activities({ dealId: deal.id })).toHaveLength(2);
    expect(await activities({ dealId: later.id })).toHaveLength(0);
  });

  it('refuses broken rules on save', async () => {
    t = await bootSales();
    const base = {
      name: 'x',
      trigger: { type: 'lead.created' as const },
      actions: [{ type: 'assignOwner' as const, ownerId: 'a' }],
    };
    await expect(rule({ ...base, where: { nope: 1 } })).rejects.toMatchObject({
      errors: [{ path: 'where', rule: 'sales.query', message: expect.stringContaining('nope') }],
    });
    await expect(rule({ ...base, trigger: { type: 'deal.idle' } })).rejects.toMatchObject({
      errors: [{ path: 'trigger.days' }],
    });
    await expect(rule({ ...base, trigger: { type: 'lead.created', to: 'won' } })).rejects.toMatchObject({
      errors: [{ path: 'trigger.to' }],
    });
    await expect(
      rule({ ...base, actions: [{ type: 'setField', field: 'stage', value: 'won' }] }),
    ).rejects.toMatchObject({
      errors: [{ path: 'actions.0.field', rule: 'sales.action' }],
    });
    await expect(
      rule({ ...base, actions: [{ type: 'setField', field: 'score', value: 500 }] }),
    ).rejects.toMatchObject({
      errors: [{ path: 'actions.0.value' }],
    });
    await expect(rule({ ...base, actions: [{ type: 'assignOwner' }] })).rejects.toMatchObject({
      errors: [{ path: 'actions.0.type' }],
    });
    await expect(
      rule({ ...base, actions: [{ type: 'emitEvent', event: 'sales.deal.won' }] }),
    ).rejects.toMatchObject({
      errors: [{ path: 'actions.0.event' }],
    });
    await expect(
      rule({ ...base, actions: [{ type: 'setField', field: 'status', value: 'converted' }] }),
    ).rejects.toMatchObject({
      errors: [{ path: 'actions.0.value' }],
    });
    expect((await rule(base)).enabled).toBe(true);
  });
});
