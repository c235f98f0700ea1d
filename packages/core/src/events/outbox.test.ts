import { describe, expect, it } from 'vitest';
import { definePlugin } from '../plugins/define-plugin.js';
import { createMemoryVolume, memoryStore } from '../store/memory-store.js';
import { admin, bootKernel, customersPlugin } from '../test-support/boot.js';
import { OUTBOX_COLLECTION, type OutboxRow } from './outbox-collection.js';
import type { DomainEvent } from './types.js';

function eventsPlugin(handler: (event: DomainEvent) => Promise<void> | void, transactional = true) {
  return definePlugin({
    id: 'listener',
    version: '1',
    dependsOn: ['customers'],
    register(ctx) {
      ctx.hooks.entity('customer').afterCreate.tapPromise('listener', async (record, write) => {
        write.emit('listener.customer.welcomed', { customerId: record.id });
      });
      ctx.events.on('listener.customer.welcomed', handler, { transactional });
    },
  });
}

describe('outbox', () => {
  it('delivers after commit, with a stable id and the generic entity events', async () => {
    const seen: DomainEvent[] = [];
    const generic: string[] = [];
    const plugin = definePlugin({
      id: 'spy',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.events.on('entity.created', (event) => void generic.push(String(event.payload.entity)));
      },
    });
    const { kernel } = await bootKernel({
      plugins: [customersPlugin(), eventsPlugin((e) => void seen.push(e))(), plugin()],
    });
    const customer = await kernel.data('customer', { actor: admin }).create({ name: 'A' });
    await kernel.events.drain();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      name: 'listener.customer.welcomed',
      payload: { customerId: customer.id },
      actorId: 'admin-1',
      attempt: 0,
    });
    expect(generic).toEqual(['customer']);
    expect(await kernel.store.transaction((tx) => tx.count(OUTBOX_COLLECTION))).toBe(0);
  });

  it("writes no outbox row for an event a handler's accepts filter declines", async () => {
    const seen: string[] = [];
    let wanted = false;
    const plugin = definePlugin({
      id: 'picky',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.events.on('*', (event) => void seen.push(event.name), {
          transactional: false,
          accepts: (name) => wanted && name === 'entity.created',
        });
      },
    });
    const { kernel } = await bootKernel({
      plugins: [customersPlugin(), plugin()],
      outbox: { autoDispatch: false },
    });
    const rows = () => kernel.store.transaction((tx) => tx.count(OUTBOX_COLLECTION));
    await kernel.data('customer', { actor: admin }).create({ name: 'A' });
    expect(await rows()).toBe(0);
    wanted = true;
    await kernel.data('customer', { actor: admin }).create({ name: 'B' });
    expect(await rows()).toBe(1);
    await kernel.events.drain();
    expect(seen).toEqual(['entity.created']);
  });

  it('writes no event when the write rolls back', async () => {
    const seen: DomainEvent[] = [];
    const { kernel } = await bootKernel({
      plugins: [customersPlugin(), eventsPlugin((e) => void seen.push(e))()],
    });
    await expect(
      kernel.transaction(async (tx) => {
        await tx.data('customer', { actor: admin }).create({ name: 'A' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await kernel.events.drain();
    expect(seen).toEqual([]);
  });

  it('redelivers with backoff after a handler failure; the effect happens once', async () => {
    let failuresLeft = 2;
    const attempts: number[] = [];
    const handler = async (event: DomainEvent) => {
      attempts.push(event.attempt);
      if (failuresLeft-- > 0) throw new Error('downstream unavailable');
    };
    const { kernel, clock } = await bootKernel({ plugins: [customersPlugin(), eventsPlugin(handler)()] });
    await kernel.data('customer', { actor: admin }).create({ name: 'A' });
    await kernel.events.drain();
    expect(attempts).toEqual([0]);
    const [row] = (await kernel.store.transaction((tx) =>
      tx.find(OUTBOX_COLLECTION, { sort: [{ field: 'id', direction: 'asc' }], limit: 10 }),
    )) as OutboxRow[];
    expect(row).toMatchObject({ attempts: 1, status: 'pending', nextAttemptAt: '2026-03-01T09:00:01.000Z' });
    expect(row?.lastError).toContain('downstream unavailable');
    clock.advance(1_000);
    await kernel.events.drain();
    expect(attempts).toEqual([0, 1]);
    clock.advance(1_000); // second retry waits 2 s
    await kernel.events.drain();
    expect(attempts).toEqual([0, 1]);
    clock.advance(1_000);
    await kernel.events.drain();
    expect(attempts).toEqual([0, 1, 2]);
    clock.advance(60_000);
    await kernel.events.drain();
    expect(attempts).toEqual([0, 1, 2]);
    expect(await kernel.store.transaction((tx) => tx.count(OUTBOX_COLLECTION))).toBe(0);
  });

  it('parks an event as dead after the last attempt', async () => {
    const { kernel, clock } = await bootKernel({
      plugins: [customersPlugin(), eventsPlugin(() => Promise.reject(new Error('always')))()],
      outbox: { maxAttempts: 3, retryBaseMs: 10 },
    });
    await kernel.data('customer', { actor: admin }).create({ name: 'A' });
    for (let i = 0; i < 5; i += 1) {
      await kernel.events.drain();
      clock.advance(1_000);
    }
    const rows = (await kernel.store.transaction((tx) =>
      tx.find(OUTBOX_COLLECTION, { sort: [{ field: 'id', direction: 'asc' }], limit: 10 }),
    )) as OutboxRow[];
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['dead', 3]]);
  });

  it('rolls back a transactional handler’s writes when it fails, so its effect lands once', async () => {
    let calls = 0;
    const plugin = definePlugin({
      id: 'effects',
      version: '1',
      dependsOn: ['customers'],
      register(ctx) {
        ctx.events.on<{ record: { id: string; name: string } }>('entity.created', async (event, handler) => {
          if (event.payload.record.name.startsWith('copy')) return;
          calls += 1;
          await handler.data('customer').create({ name: `copy of ${event.payload.record.name}` });
          if (calls === 1) throw new Error('crash after the write');
        });
      },
    });
    const { kernel, clock } = await bootKernel({ plugins: [customersPlugin(), plugin()] });
    await kernel.data('customer', { actor: admin }).create({ name: 'A' });
    await kernel.events.drain();
    clock.advance(5_000);
    await kernel.events.drain();
    expect(calls).toBe(2);
    expect(await kernel.data('customer', { actor: admin }).count({ name: 'copy of A' })).toBe(1);
  });

  it('recovers events left by a crash between commit and dispatch, exactly once per event', async () => {
    const volume = createMemoryVolume();
    const delivered: string[] = [];
    const handler = (event: DomainEvent) => void delivered.push(event.id);
    const crashed = await bootKernel({
      store: memoryStore({ volume }),
      plugins: [customersPlugin(), eventsPlugin(handler)()],
      outbox: { autoDispatch: false },
    });
    await crashed.kernel.data('customer', { actor: admin }).create({ name: 'A' });
    await crashed.kernel.data('customer', { actor: admin }).create({ name: 'B' });
    await crashed.kernel.stop();
    expect(delivered).toEqual([]);
    const restarted = await bootKernel({
      store: memoryStore({ volume }),
      plugins: [customersPlugin(), eventsPlugin(handler)()],
    });
    await restarted.kernel.events.drain();
    expect(delivered).toHaveLength(2);
    expect(new Set(delivered).size).toBe(2);
    await restarted.kernel.stop();
    const again = await bootKernel({
      store: memoryStore({ volume }),
      plugins: [customersPlugin(), eventsPlugin(handler)()],
    });
    await again.kernel.events.drain();
    expect(delivered).toHaveLength(2);
  });

  it('delivers what a crash left in batches, not one slow handler after another', async () => {
    const volume = createMemoryVolume();
    let running = 0;
    let most = 0;
    const slow = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
    };
    const crashed = await bootKernel({
      store: memoryStore({ volume }),
      plugins: [customersPlugin(), eventsPlugin(slow, false)()],
      outbox: { autoDispatch: false },
    });
    for (const name of ['A', 'B', 'C', 'D'])
      await crashed.kernel.data('customer', { actor: admin }).create({ name });
    await crashed.kernel.stop();
    const restarted = await bootKernel({
      store: memoryStore({ volume }),
      plugins: [customersPlugin(), eventsPlugin(slow, false)()],
    });
    await restarted.kernel.events.drain();
    expect(most).toBe(4);
    expect(await restarted.kernel.store.transaction((tx) => tx.count(OUTBOX_COLLECTION))).toBe(0);
    await restarted.kernel.stop();
  });

  it('delivers to a non-transactional handler outside any transaction', async () => {
    const seen: string[] = [];
    const { kernel } = await bootKernel({
      plugins: [
        customersPlugin(),
        eventsPlugin(async (event) => void seen.push(String(event.payload.customerId)), false)(),
      ],
    });
    const c = await kernel.data('customer', { actor: admin }).create({ name: 'A' });
    await kernel.events.drain();
    expect(seen).toEqual([c.id]);
  });
});
