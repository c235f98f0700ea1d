import { definePlugin, ValidationError } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import type { CustomerMerge } from '../entities/customer-merge.js';
import { CUSTOMER_HOOKS } from '../hooks/customer-hooks.js';
import { CUSTOMERS } from '../service.js';
import { bootCustomers } from '../test-support/boot.js';
import { ordersTestPlugin, type TestOrder } from '../test-support/orders-plugin.js';
import { mergeProfiles } from './merge-fields.js';

describe('mergeProfiles', () => {
  it('lets the survivor win, fills blanks, unions lists and keeps the earlier start', () => {
    const { patch, filled } = mergeProfiles(
      {
        kind: 'organisation',
        name: 'ACME GmbH',
        email: 'info@acme.example',
        objective: { industry: 'machinery' },
        subjective: { interests: ['automation'] },
        tags: ['vip'],
        acquiredAt: '2024-05-01T00:00:00.000Z',
      },
      {
        kind: 'organisation',
        name: 'ACME',
        email: 'sales@acme.example',
        phone: '+49301234567',
        ownerId: 'u7',
        objective: { industry: 'retail', city: 'Berlin' },
        subjective: { interests: ['robots', 'automation'] },
        tags: ['vip', 'dealer'],
        acquiredAt: '2023-01-01T00:00:00.000Z',
      },
    );
    expect(patch).toEqual({
      phone: '+49301234567',
      ownerId: 'u7',
      objective: { industry: 'machinery', city: 'Berlin' },
      subjective: { interests: ['automation', 'robots'] },
      tags: ['vip', 'dealer'],
      acquiredAt: '2023-01-01T00:00:00.000Z',
    });
    expect(filled).toEqual([
      'ownerId',
      'phone',
      'objective.city',
      'subjective.interests',
      'tags',
      'acquiredAt',
    ]);
  });
});

describe('merge', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  const setup = async () => {
    t = await bootCustomers({ plugins: [ordersTestPlugin()], options: { defaultRegion: 'DE' } });
    const repo = t.data<Customer>('customer');
    const survivor = await repo.create({
      kind: 'organisation',
      name: 'ACME GmbH',
      email: 'info@acme.example',
    });
    const merged = await repo.create({
      kind: 'organisation',
      name: 'ACME (duplicate)',
      phone: '030 1234567',
      email: 'sales@acme.example',
      tags: ['dealer'],
    });
    const contact = await t.data('contact').create({ customerId: merged.id, name: 'Wile E.', role: 'buyer' });
    const call = await t.data('interaction').create({
      customerId: merged.id,
      contactId: contact.id,
      channel: 'phone',
      direction: 'inbound',
      subject: 'Order question',
    });
    const order = await t.data<TestOrder>('testOrder').create({
      customerId: merged.id,
      title: 'Anvils',
      total: { amount: 120_00, currency: 'EUR' },
      placedAt: '2026-05-20T10:00:00.000Z',
      product: 'anvil',
    });
    await t.settle(); // the order's value record is written by the orders plugin's event handler
    return { survivor, merged, contact, call, order };
  };

  it("moves contacts, interactions, value and other plugins' references, fills blanks and deletes the merged record", async () => {
    const { survivor, merged, contact, call, order } = await setup();
    const result = await t.kernel.resolve(CUSTOMERS).merge(t.admin, survivor.id, merged.id);

    expect(result.moved).toEqual({ contact: 1, interaction: 1, customerValue: 1, testOrder: 1 });
    expect(result.filled).toEqual(['phone', 'tags']);
    expect(result.survivor).toMatchObject({
      id: survivor.id,
      email: 'info@acme.example',
      phone: '+49301234567',
      tags: ['dealer'],
      lifecycleStage: 'new',
      value: { lifetime: { amount: 120_00, currency: 'EUR' }, purchases: 1 },
    });
    await expect(t.data('customer').get(merged.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.data('contact').get(contact.id)).toMatchObject({ customerId: survivor.id });
    expect(await t.data('interaction').get(call.id)).toMatchObject({ customerId: survivor.id });
    expect(await t.data('testOrder').get(order.id)).toMatchObject({ customerId: survivor.id });
    expect(await t.data('customerValue').count({ customerId: survivor.id })).toBe(1);
  });

  it('previews exactly what a merge would do and writes, emits and audits nothing', async () => {
    const { survivor, merged, contact, order } = await setup();
    const service = t.kernel.resolve(CUSTOMERS);
    const auditBefore = (await t.kernel.audit({ limit: 1_000 }, { actor: t.admin })).items.length;
    const snapshot = async () => ({
      survivor: await t.data('customer').get(survivor.id),
      merged: await t.data('customer').get(merged.id),
      contact: await t.data('contact').get(contact.id),
      order: await t.data('testOrder').get(order.id),
    });
    const before = await snapshot();
    const preview = await service.previewMerge(t.admin, survivor.id, merged.id);
    expect(preview).toMatchObject({
      mergedId: merged.id,
      moved: { contact: 1, interaction: 1, customerValue: 1, testOrder: 1 },
      filled: ['phone', 'tags'],
      survivor: { id: survivor.id, phone: '+49301234567', tags: ['dealer'] },
    });
    expect(preview).not.toHaveProperty('mergeId');
    // nothing happened
    expect(await snapshot()).toEqual(before);
    expect(before.contact).toMatchObject({ customerId: merged.id });
    expect(await t.data('customerMerge').count()).toBe(0);
    expect((await t.kernel.audit({ limit: 1_000 }, { actor: t.admin })).items.length).toBe(auditBefore);
    // and the merge then does what the preview said
    const done = await service.merge(t.admin, survivor.id, merged.id);
    expect({ moved: done.moved, filled: done.filled }).toEqual({
      moved: preview.moved,
      filled: preview.filled,
    });
    // a preview meets the merge's refusals
    await expect(service.previewMerge(t.admin, survivor.id, merged.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(service.previewMerge(t.actor(['viewer']), survivor.id, merged.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('leaves an audit trail: kernel audit records and a customerMerge record', async () => {
    const { survivor, merged, contact } = await setup();
    const { mergeId } = await t.kernel.resolve(CUSTOMERS).merge(t.admin, survivor.id, merged.id);

    const log = await t.data<CustomerMerge>('customerMerge').get(mergeId);
    expect(log).toMatchObject({
      survivorId: survivor.id,
      mergedId: merged.id,
      actorId: t.admin.id,
      moved: { contact: 1, interaction: 1, customerValue: 1, testOrder: 1 },
      mergedRecord: { id: merged.id, name: 'ACME (duplicate)', email: 'sales@acme.example' },
    });
    const audit = async (recordId: string) =>
      (await t.kernel.audit({ where: { recordId }, sort: ['at'], limit: 50 }, { actor: t.admin })).items;
    expect((await audit(merged.id)).map((a) => [a.action, a.actorId])).toEqual([
      ['create', t.admin.id],
      ['update', 'system'], // value stats after the order
      ['delete', t.admin.id], // the merge, by the actor who asked for it
    ]);
    const survivorAudit = await audit(survivor.id);
    expect(survivorAudit.at(-2)).toMatchObject({
      action: 'update',
      actorId: t.admin.id,
      fields: ['phone', 'tags'],
    });
    expect((await audit(contact.id)).at(-1)).toMatchObject({
      action: 'update',
      changes: { customerId: { from: merged.id, to: survivor.id } },
    });
  });

  it('emits customers.customer.merged after commit', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const listener = definePlugin({
      id: 'listener',
      version: '0.0.1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.events.on('customers.customer.merged', (event) => void seen.push(event.payload), {
          transactional: false,
        });
      },
    });
    t = await bootCustomers({ plugins: [listener()] });
    const a = await t.data<Customer>('customer').create({ kind: 'person', name: 'A' });
    const b = await t.data<Customer>('customer').create({ kind: 'person', name: 'B' });
    const { mergeId } = await t.kernel.resolve(CUSTOMERS).merge(t.admin, a.id, b.id);
    expect(seen).toEqual([]);
    await t.settle();
    expect(seen).toEqual([
      {
        survivorId: a.id,
        mergedId: b.id,
        mergeId,
        moved: { contact: 0, interaction: 0, customerValue: 0 },
        filled: [],
      },
    ]);
  });

  it('refuses to merge a person and an organisation, naming the field and the kinds', async () => {
    t = await bootCustomers();
    const person = await t.data<Customer>('customer').create({ kind: 'person', name: 'Ada' });
    const firm = await t.data<Customer>('customer').create({ kind: 'organisation', name: 'ACME' });
    await t.data('contact').create({ customerId: firm.id, name: 'Bob', role: 'buyer' });
    const merging = t.kernel.resolve(CUSTOMERS).merge(t.admin, person.id, firm.id);
    await expect(merging).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        {
          path: 'from',
          rule: 'customers.merge',
          message: 'names an organisation; only a duplicate of the same kind (person) merges',
        },
      ],
    });
    expect(await t.data<Customer>('customer').get(firm.id)).toMatchObject({ name: 'ACME' });
    expect((await t.data('contact').find({ where: { customerId: firm.id } })).items).toHaveLength(1);
  });

  it('rolls everything back when a tap fails', async () => {
    const veto = definePlugin({
      id: 'veto',
      version: '0.0.1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.hooks.get(CUSTOMER_HOOKS).merge.tapPromise('veto', async (request) => {
          await request.write
            .system('contact')
            .update((await request.write.system('contact').find({ limit: 1 })).items[0]?.id as string, {
              role: 'changed',
            });
          throw new ValidationError('customers under legal hold cannot be merged', [
            { path: 'from', rule: 'veto.hold', message: 'is under legal hold' },
          ]);
        });
      },
    });
    t = await bootCustomers({ plugins: [veto()] });
    const a = await t.data<Customer>('customer').create({ kind: 'organisation', name: 'A' });
    const b = await t
      .data<Customer>('customer')
      .create({ kind: 'organisation', name: 'B', email: 'b@example.com' });
    const contact = await t.data('contact').create({ customerId: b.id, name: 'C', role: 'buyer' });
    await expect(t.kernel.resolve(CUSTOMERS).merge(t.admin, a.id, b.id)).rejects.toMatchObject({
      errors: [{ rule: 'veto.hold' }],
    });
    expect(await t.data('contact').get(contact.id)).toMatchObject({
      customerId: b.id,
      role: 'buyer',
      version: 1,
    });
    expect(await t.data('customer').get(b.id)).toMatchObject({ version: 1 });
    expect(await t.data('customerMerge').count()).toBe(0);
  });

  it('refuses bad requests and actors without customer:merge', async () => {
    const { survivor, merged, contact } = await setup();
    const before = await t.data('customer').get(merged.id);
    const service = t.kernel.resolve(CUSTOMERS);
    await expect(service.merge(t.admin, survivor.id, survivor.id)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'from' }],
    });
    await expect(service.merge(t.admin, survivor.id, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.merge(t.actor(['agent']), survivor.id, merged.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'customer:merge' },
    });
    expect(await t.data('contact').get(contact.id)).toMatchObject({ customerId: merged.id });
    expect(await t.data('customer').get(merged.id)).toEqual(before);
  });
});
