import { SYSTEM_ACTOR, unboundedSchemaPaths } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { bootMessaging, bootMessagingServer, customer, logAccount } from '../test-support/boot.js';
import type { ChannelAccount, ChannelSecret } from './channel-account.js';
import type { Consent } from './consent.js';

const MESSAGING_ENTITIES = [
  'channelAccount',
  'channelSecret',
  'message',
  'deliveryEvent',
  'messageTemplate',
  'consent',
  'suppression',
];

describe('messaging entities', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('bounds every field of every entity, input and stored', async () => {
    const t = await bootMessaging();
    stop = () => t.stop();
    const found = MESSAGING_ENTITIES.flatMap((name) => {
      const entity = t.kernel.entities.get(name);
      if (!entity) throw new Error(`no entity ${name}`);
      return [
        ...unboundedSchemaPaths(entity.schema, name),
        ...unboundedSchemaPaths(entity.inputSchema, `${name} input`),
      ];
    });
    expect(found).toEqual([]);
    expect(t.kernel.entities.get('customer')?.schema.properties).toHaveProperty('timeZone');
  });

  it('keeps account secrets out of the account, its answers and its audit trail', async () => {
    const s = await bootMessagingServer();
    stop = () => s.stop();
    const created = await s.json('POST', '/api/channel-accounts', 'messagingAdmin', {
      name: 'Outbound mail',
      channel: 'email',
      adapter: 'log',
      from: 'news@example.com',
      secrets: { callback: 'inbound-signing-secret-123' },
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('secrets');
    expect(created.body.secretNames).toEqual(['callback']);
    const id = created.body.id as string;
    const read = await s.request('GET', `/api/channel-accounts/${id}`, 'admin');
    const text = await read.text();
    expect(text).not.toContain('inbound-signing-secret-123');
    const list = await (await s.request('GET', '/api/channel-accounts', 'admin')).text();
    expect(list).not.toContain('inbound-signing-secret-123');
    const stored = await s.t.kernel.data<ChannelSecret>('channelSecret', { actor: SYSTEM_ACTOR }).find();
    expect(stored.items[0]?.values).toEqual({ callback: 'inbound-signing-secret-123' });
    const audit = await s.t.kernel.audit({ limit: 100 }, { actor: s.t.admin });
    expect(JSON.stringify(audit.items)).not.toContain('inbound-signing-secret-123');
    expect((await s.request('GET', '/api/channel-secrets', 'admin')).status).toBe(404);

    const patched = await s.json('PATCH', `/api/channel-accounts/${id}`, 'admin', {
      secrets: { callback: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.secretNames).toEqual([]);
    const after = await s.t.kernel.data<ChannelSecret>('channelSecret', { actor: SYSTEM_ACTOR }).find();
    expect(after.items[0]?.values).toEqual({});
  });

  it('refuses an unknown adapter, a channel the adapter does not carry, a bad setting and an unknown secret, naming the field', async () => {
    const t = await bootMessaging();
    stop = () => t.stop();
    const accounts = t.data<ChannelAccount>('channelAccount');
    const base = { name: 'x', channel: 'email' as const, from: 'a@example.com' };
    await expect(accounts.create({ ...base, adapter: 'carrier-pigeon' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'adapter', rule: 'messaging.adapter.unknown' })],
    });
    await expect(
      accounts.create({ ...base, adapter: 'log', settings: { level: 'loud' } }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'settings.level' })],
    });
    await expect(
      accounts.create({ ...base, adapter: 'log', secrets: { password: 'x' } }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'secrets.password', rule: 'messaging.secret.unknown' })],
    });
    const made = await accounts.create({ ...base, adapter: 'log' });
    expect(made.settings).toEqual({ level: 'info' });
  });

  it('keeps one default account per channel', async () => {
    const t = await bootMessaging();
    stop = () => t.stop();
    const first = await logAccount(t, 'email');
    const second = await logAccount(t, 'email', { name: 'second' });
    const accounts = t.data<ChannelAccount>('channelAccount');
    expect((await accounts.get(first.id)).isDefault).toBe(false);
    expect((await accounts.get(second.id)).isDefault).toBe(true);
  });

  it('keeps consents as history: created with a time and author, never changed or deleted', async () => {
    const t = await bootMessaging();
    stop = () => t.stop();
    const ada = await customer(t);
    const consents = t.data<Consent>('consent');
    const given = await consents.create({
      customerId: ada.id,
      channel: 'email',
      purpose: 'marketing',
      state: 'in',
      source: 'form',
    });
    expect(given).toMatchObject({ at: '2026-06-01T10:00:00.000Z', byId: 'test-admin' });
    await expect(consents.update(given.id, { state: 'out' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(consents.delete(given.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses direct writes of messages and delivery events by anyone but the plugin', async () => {
    const s = await bootMessagingServer();
    stop = () => s.stop();
    const res = await s.json('POST', '/api/messages', 'admin', {
      direction: 'outbound',
      channel: 'email',
      accountId: 'a',
      to: 'x@example.com',
      from: 'y@example.com',
      text: 'hi',
      purpose: 'marketing',
      status: 'sent',
      attempts: 0,
    });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain('POST /api/messaging/messages');
  });
});
