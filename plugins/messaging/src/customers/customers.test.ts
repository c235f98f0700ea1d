import { SYSTEM_ACTOR } from '@rapport/core';
import { CUSTOMERS } from '@rapport/plugin-customers';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Consent } from '../entities/consent.js';
import type { Message } from '../entities/message.js';
import { MESSAGING } from '../service.js';
import { bootMessaging, customer, logAccount } from '../test-support/boot.js';

let t: TestKernel;
afterEach(() => t?.stop());

describe('what messaging adds to customers', () => {
  it('puts outbound messages on the timeline and marketing consent in the Promotion part of the profile', async () => {
    t = await bootMessaging();
    await logAccount(t);
    const ada = await customer(t);
    await t
      .data<Consent>('consent')
      .create({ customerId: ada.id, channel: 'email', purpose: 'marketing', state: 'in', source: 'form' });
    await t.kernel
      .resolve(MESSAGING)
      .send(
        { customerId: ada.id, channel: 'email', purpose: 'marketing', subject: 'Spring sale', text: 'Hi' },
        { actor: t.admin },
      );
    await t.settle();
    const customers = t.kernel.resolve(CUSTOMERS);
    const timeline = await customers.timeline(t.admin, ada.id);
    expect(timeline.items).toContainEqual(
      expect.objectContaining({
        source: 'messaging',
        type: 'message.sent',
        title: 'E-mail: Spring sale',
        channel: 'email',
        direction: 'outbound',
      }),
    );
    const profile = await customers.profile(t.admin, ada.id);
    expect(profile.parts.promotion).toEqual({
      status: 'available',
      contributions: [
        expect.objectContaining({
          source: 'messaging',
          summary: 'opted in to marketing by email; 1 marketing message(s) in 90 days',
          data: {
            consents: { email: expect.objectContaining({ state: 'in', source: 'form' }) },
            marketingSent90d: { email: 1 },
          },
        }),
      ],
    });
    // A caller who may read neither adds nothing.
    const outsider = t.actor(['nobody']);
    await expect(customers.profile(outsider, ada.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('moves messages and consent history with a merge', async () => {
    t = await bootMessaging();
    await logAccount(t);
    const survivor = await customer(t);
    const merged = await customer(t);
    await t.data<Consent>('consent').create({
      customerId: merged.id,
      channel: 'email',
      purpose: 'marketing',
      state: 'out',
      source: 'form',
    });
    await t.kernel
      .resolve(MESSAGING)
      .send(
        { customerId: merged.id, channel: 'email', purpose: 'transactional', text: 'x' },
        { actor: t.admin },
      );
    await t.settle();
    const result = await t.kernel.resolve(CUSTOMERS).merge(t.admin, survivor.id, merged.id);
    expect(result).toBeDefined();
    expect(
      await t.kernel.data<Message>('message', { actor: SYSTEM_ACTOR }).count({ customerId: survivor.id }),
    ).toBe(1);
    expect(
      await t.kernel.data<Consent>('consent', { actor: SYSTEM_ACTOR }).count({ customerId: survivor.id }),
    ).toBe(1);
  });

  it('refuses a time zone the runtime does not know', async () => {
    t = await bootMessaging();
    await expect(customer(t, { timeZone: 'Mars/Olympus' } as never)).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'timeZone' })],
    });
  });
});
