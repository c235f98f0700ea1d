import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import type { Segment } from '../entities/segment.js';
import { bootCustomers } from '../test-support/boot.js';
import { readSegment } from './segment-queries.js';

describe('record rules', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  const setup = async () => {
    t = await bootCustomers({
      access: {
        rules: [
          {
            id: 'test.ownCustomers',
            entity: 'customer',
            where: (actor) => (actor.roles.includes('rep') ? { ownerId: actor.id } : undefined),
          },
        ],
      },
    });
    const mine = await t
      .data<Customer>('customer')
      .create({ kind: 'organisation', name: 'Mine', ownerId: 'rep-1', tags: ['vip'] });
    const theirs = await t
      .data<Customer>('customer')
      .create({ kind: 'organisation', name: 'Theirs', ownerId: 'rep-2', tags: ['vip'] });
    return { mine, theirs, rep: t.actor(['agent', 'rep'], undefined, 'rep-1') };
  };

  it('count a segment as each reader may see it', async () => {
    const { rep } = await setup();
    const vip = await t
      .data<Segment>('segment')
      .create({ name: 'VIP', where: { tags: { contains: 'vip' } } });
    expect(await readSegment(t.kernel, t.admin, vip.id)).toMatchObject({ count: 2 });
    expect(await readSegment(t.kernel, rep, vip.id)).toMatchObject({ count: 1 });
  });

  it('keep a reader from attaching records to customers they cannot see', async () => {
    const { mine, theirs, rep } = await setup();
    const interaction = { channel: 'phone', direction: 'outbound', subject: 'Hello' } as const;
    await expect(
      t.data('interaction', rep).create({ ...interaction, customerId: mine.id }),
    ).resolves.toBeDefined();
    await expect(
      t.data('interaction', rep).create({ ...interaction, customerId: theirs.id }),
    ).rejects.toMatchObject({
      errors: [{ path: 'customerId', rule: 'customers.customer' }],
    });
    await expect(t.data('contact', rep).create({ customerId: theirs.id, name: 'Spy' })).rejects.toMatchObject(
      {
        errors: [{ path: 'customerId' }],
      },
    );
  });
});
