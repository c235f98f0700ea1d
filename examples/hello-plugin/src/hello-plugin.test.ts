import { definePlugin } from '@rapport/core';
import { createTestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { GREETER } from './greeter-service.js';
import type { Greeting } from './greeting-entity.js';
import { HELLO_HOOKS } from './hello-hooks.js';
import { hello } from './hello-plugin.js';
import { type Person, people } from './people-plugin.js';

describe('hello plugin', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
  });

  const boot = async (now = '2026-04-01T08:00:00Z', blockedNames: string[] = []) => {
    const t = await createTestKernel({ plugins: [hello({ blockedNames }), people()], now });
    stop = t.stop;
    return t;
  };

  it('greets a new person after commit, through the service, and marks them greeted', async () => {
    const t = await boot();
    const ada = await t
      .data<Person>('person')
      .create({ name: 'Ada', email: 'ada@example.com', language: 'de' });
    expect(await t.data('greeting').count()).toBe(0); // not before the event is delivered
    await t.settle();
    const { items } = await t.data<Greeting>('greeting').find({ where: { personId: ada.id } });
    expect(items.map(({ text, channel }) => ({ text, channel }))).toEqual([
      { text: 'Guten Morgen, Ada!', channel: 'email' },
    ]);
    expect(await t.data('person').get(ada.id)).toMatchObject({ greeted: true, version: 2 });
  });

  it('uses the clock through DI', async () => {
    const t = await boot('2026-04-01T15:00:00Z');
    expect(t.kernel.resolve(GREETER).greet('Bob', 'fr')).toBe('Salut, Bob!');
  });

  it('refuses a blocked name with a field error and stores nothing', async () => {
    const t = await boot(undefined, ['Mallory']);
    await expect(t.data<Person>('person').create({ name: 'Mallory' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'name', rule: 'hello.blocked', message: 'is on the blocked list' }],
    });
    await t.settle();
    expect(await t.data('person').count()).toBe(0);
    expect(await t.data('greeting').count()).toBe(0);
  });

  it('publishes a metric over a period', async () => {
    const t = await boot();
    await t.data<Person>('person').create({ name: 'A' });
    await t.data<Person>('person').create({ name: 'B' });
    await t.settle();
    await t.advance('1d');
    await t.data<Person>('person').create({ name: 'C' });
    await t.settle();
    const day = Date.parse('2026-04-01T00:00:00Z');
    const value = await t.kernel.metrics.compute(
      'hello.greetingsSent',
      { from: day, to: day + 86_400_000 },
      { actor: t.admin },
    );
    expect(value.value).toBe(2);
  });
});

describe('hooks the hello plugin publishes', () => {
  it('lets a plugin that depends on hello change the greeting text through `compose`', async () => {
    const loud = definePlugin({
      id: 'loud',
      version: '0.1.0',
      dependsOn: ['hello'],
      register(ctx) {
        ctx.hooks
          .get(HELLO_HOOKS)
          .compose.tap('loud', (text, { language }) => (language === 'en' ? text.toUpperCase() : text));
      },
    });
    const t = await createTestKernel({ plugins: [people(), hello(), loud()], now: '2026-04-01T15:00:00Z' });
    try {
      await t.data<Person>('person').create({ name: 'Ada' });
      await t.data<Person>('person').create({ name: 'Emmy', language: 'de' });
      await t.settle();
      const { items } = await t.data<Greeting>('greeting').find({ sort: ['text'] });
      expect(items.map((g) => g.text)).toEqual(['HELLO, ADA!', 'Hallo, Emmy!']);
    } finally {
      await t.stop();
    }
  });

  it('greets on the deployment’s wall clock, not UTC', async () => {
    // 07:30 UTC is 15:30 in Shanghai: afternoon there.
    const t = await createTestKernel({
      plugins: [people(), hello()],
      now: '2026-04-01T07:30:00Z',
      timeZone: 'Asia/Shanghai',
    });
    try {
      expect(t.kernel.resolve(GREETER).greet('李雷', 'zh-Hans')).toBe('你好, 李雷!');
    } finally {
      await t.stop();
    }
  });

  it('keeps `greeted` and the greeting’s fields for the plugin: a caller cannot write them', async () => {
    const t = await createTestKernel({ plugins: [people(), hello()] });
    try {
      await expect(
        t.data<Person & { greeted?: boolean }>('person').create({ name: 'Eve', greeted: true }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'greeted', rule: 'readOnly' }],
      });
      await expect(
        t.data<Greeting>('greeting').create({ personId: 'p1', text: 'Hi', channel: 'none' }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    } finally {
      await t.stop();
    }
  });
});
