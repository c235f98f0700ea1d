import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import { bootCustomers } from '../test-support/boot.js';

describe('customer identity', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  it('stores phones as E.164 and e-mails lower-cased', async () => {
    t = await bootCustomers({ options: { defaultRegion: 'DE' } });
    const ada = await t
      .data<Customer>('customer')
      .create({ kind: 'person', name: 'Ada', phone: '030 1234567', email: 'Ada@Example.COM' });
    expect(ada).toMatchObject({
      phone: '+49301234567',
      email: 'ada@example.com',
      lifecycleStage: 'prospect',
    });
    expect(ada.acquiredAt).toBe(ada.createdAt);
    const updated = await t.data<Customer>('customer').update(ada.id, { phone: '+49 (0)151 23456789' });
    expect(updated.phone).toBe('+4915123456789');
  });

  it('refuses a duplicate phone or e-mail with a 409 naming the existing customer', async () => {
    t = await bootCustomers({ options: { defaultRegion: 'DE' } });
    // The store enforces both as unique indexes too: the race-proof backstop of the check below.
    const spec = t.kernel.storeSchema.collections.find((c) => c.name === 'customer');
    expect(spec?.indexes.filter((i) => i.unique)).toEqual([
      { fields: ['phone'], unique: true },
      { fields: ['email'], unique: true },
    ]);
    const repo = t.data<Customer>('customer');
    const ada = await repo.create({
      kind: 'person',
      name: 'Ada',
      phone: '+49 30 1234567',
      email: 'ada@example.com',
    });

    await expect(
      repo.create({ kind: 'person', name: 'Ada again', phone: '030/123 45 67' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `phone +49301234567 already belongs to customer 'Ada' (${ada.id}); merge or update that customer instead`,
      details: {
        kind: 'unique',
        entity: 'customer',
        fields: ['phone'],
        field: 'phone',
        value: '+49301234567',
        existingId: ada.id,
      },
    });
    await expect(
      repo.create({ kind: 'person', name: 'Ada 2', email: ' ADA@example.com ' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'email', value: 'ada@example.com', existingId: ada.id },
    });
    const bob = await repo.create({ kind: 'person', name: 'Bob', email: 'bob@example.com' });
    await expect(repo.update(bob.id, { phone: '+49301234567' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { existingId: ada.id },
    });
    // A customer keeps its own phone on update (no self-conflict).
    await expect(repo.update(ada.id, { name: 'Ada L.', phone: '+49301234567' })).resolves.toMatchObject({
      version: 2,
    });
    expect(await repo.count()).toBe(2);
  });

  it('hides the name of a holder the actor may not see, but still names its id', async () => {
    t = await bootCustomers({
      access: {
        rules: [
          {
            id: 'test.own',
            entity: 'customer',
            where: (a) => (a.roles.includes('rep') ? { ownerId: a.id } : undefined),
          },
        ],
      },
    });
    const holder = await t
      .data<Customer>('customer')
      .create({ kind: 'person', name: 'Secret', email: 's@example.com', ownerId: 'u-other' });
    const rep = t.actor(['agent', 'rep'], undefined, 'u-rep');
    const error = await t
      .data<Customer>('customer', rep)
      .create({ kind: 'person', name: 'X', email: 's@example.com', ownerId: 'u-rep' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { existingId: holder.id } });
    expect((error as Error).message).not.toContain('Secret');
  });

  it('refuses unusable phone numbers as a field error on phone', async () => {
    t = await bootCustomers(); // no default region: national numbers are ambiguous
    const repo = t.data<Customer>('customer');
    for (const phone of ['030 1234567', '+49 12', 'not a number']) {
      await expect(repo.create({ kind: 'person', name: 'X', phone })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'phone', rule: 'customers.phone' }],
      });
    }
    await expect(repo.create({ kind: 'person', name: 'X', email: 'not-an-email' })).rejects.toMatchObject({
      errors: [{ path: 'email', rule: 'customers.email' }],
    });
    expect(await repo.count()).toBe(0);
  });

  it('keeps computed fields for the plugin: callers cannot write them', async () => {
    t = await bootCustomers();
    const repo = t.data<Customer>('customer');
    await expect(repo.create({ kind: 'person', name: 'X', abcClass: 'A' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'abcClass', rule: 'readOnly' }],
    });
    const x = await repo.create({ kind: 'person', name: 'X' });
    await expect(repo.update(x.id, { lifecycleStage: 'loyal' })).rejects.toMatchObject({
      errors: [{ path: 'lifecycleStage', rule: 'readOnly' }],
    });
    // Sending a computed field back unchanged (read, modify, write) is fine.
    await expect(repo.update(x.id, { name: 'Y', lifecycleStage: 'prospect' })).resolves.toMatchObject({
      name: 'Y',
    });
  });

  it('does not delete a customer that still has history', async () => {
    t = await bootCustomers();
    const org = await t.data<Customer>('customer').create({ kind: 'organisation', name: 'ACME' });
    await t.data('contact').create({ customerId: org.id, name: 'Wile E.', role: 'buyer' });
    await expect(t.data('customer').delete(org.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { references: ['1 contact record(s)'] },
    });
  });

  it('checks contacts and interactions against their customer', async () => {
    t = await bootCustomers({ options: { defaultRegion: 'US' } });
    const person = await t.data<Customer>('customer').create({ kind: 'person', name: 'Pat' });
    const org = await t.data<Customer>('customer').create({ kind: 'organisation', name: 'ACME' });
    await expect(t.data('contact').create({ customerId: person.id, name: 'Nope' })).rejects.toMatchObject({
      errors: [{ path: 'customerId', rule: 'customers.organisation' }],
    });
    await expect(t.data('contact').create({ customerId: 'missing', name: 'Nope' })).rejects.toMatchObject({
      errors: [{ path: 'customerId', rule: 'customers.customer' }],
    });
    const contact = await t
      .data('contact')
      .create({ customerId: org.id, name: 'Road Runner', phone: '(415) 882-1234' });
    expect(contact.phone).toBe('+14158821234');
    await expect(
      t.data('interaction').create({
        customerId: person.id,
        contactId: contact.id,
        channel: 'phone',
        direction: 'inbound',
        subject: 'Hello',
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'contactId', rule: 'customers.contact' }] });
    const call = await t.data('interaction').create({
      customerId: org.id,
      channel: 'technical-exchange',
      direction: 'outbound',
      subject: 'API review',
    });
    expect(call).toMatchObject({ occurredAt: '2026-06-01T00:00:00.000Z', byId: t.admin.id });
  });
});
