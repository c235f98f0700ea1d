import { SYSTEM_ACTOR, signRequest } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { messaging } from '@rapport/plugin-messaging';
import { createTestServer } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Member } from '../entities/member.js';
import { loyalty } from '../loyalty-plugin.js';
import { isJoinKeyword } from './join-keyword.js';

const SECRET = 'gateway-callback-secret-1';
let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

describe('SMS keyword enrolment through messaging', () => {
  it('matches only the whole keyword, after NFKC and punctuation', () => {
    expect(isJoinKeyword(' join! ', 'JOIN')).toBe(true);
    expect(isJoinKeyword('ＪＯＩＮ', 'JOIN')).toBe(true);
    expect(isJoinKeyword('加入', '加入')).toBe(true);
    expect(isJoinKeyword('join me later', 'JOIN')).toBe(false);
  });

  it('a JOIN received on the signed inbound callback enrols the sender and confirms once; a second JOIN is harmless', async () => {
    const s = await createTestServer({
      plugins: [
        customers({ currency: 'EUR', defaultRegion: 'DE' }),
        messaging({ publicUrl: 'https://crm.example.com', quietHours: false }),
        loyalty({ defaultRegion: 'DE' }),
      ],
      now: '2026-06-01T10:00:00.000Z',
      keys: { admin: ['admin'] },
    });
    stop = () => s.stop();
    const account = await s.json('POST', '/api/channel-accounts', 'admin', {
      name: 'sms',
      channel: 'sms',
      adapter: 'log',
      from: '+4930111222',
      isDefault: true,
      secrets: { callback: SECRET },
    });
    const programme = await s.json('POST', '/api/loyalty-programmes', 'admin', {
      name: 'Club',
      currency: 'EUR',
      joinKeyword: '加入',
    });
    const inbound = (text: string, id: string) => {
      const body = JSON.stringify({
        from: '+49 151 23456789',
        to: '+4930111222',
        text,
        providerMessageId: id,
      });
      return s.app.request(`/p/messaging/callbacks/${account.body.id}/inbound`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          ...signRequest({ secret: SECRET, body, timestamp: Math.floor(s.t.clock.now() / 1000) }).headers,
        },
      });
    };
    expect((await inbound('加入', 'gw-1')).status).toBe(200);
    await s.t.settle();
    expect((await inbound(' 加入！', 'gw-2')).status).toBe(200);
    await s.t.settle();
    const members = await s.t.kernel.data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR }).find({});
    expect(members.items).toMatchObject([
      { programmeId: programme.body.id, number: '+4915123456789', joinedThrough: 'sms' },
    ]);
    const outbound = await s.t.kernel
      .data('message', { actor: SYSTEM_ACTOR })
      .find({ where: { direction: 'outbound' } });
    expect(outbound.items).toHaveLength(1);
    expect(outbound.items[0]).toMatchObject({ to: '+4915123456789', purpose: 'transactional' });
    expect(String(outbound.items[0]?.text)).toMatch(/member number is \+4915123456789/);
    // joining recorded no marketing consent
    expect(await s.t.kernel.data('consent', { actor: SYSTEM_ACTOR }).count()).toBe(0);
  });
});
