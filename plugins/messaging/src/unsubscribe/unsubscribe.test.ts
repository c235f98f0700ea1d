import { SYSTEM_ACTOR } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelAccount } from '../entities/channel-account.js';
import type { Consent } from '../entities/consent.js';
import { MESSAGING } from '../service.js';
import { bootMessagingServer, customer } from '../test-support/boot.js';
import { scriptedAdapter } from '../test-support/scripted-adapter.js';
import { maskAddress } from './unsubscribe-page.js';

type Server = Awaited<ReturnType<typeof bootMessagingServer>>;
let s: Server;
afterEach(() => s?.stop());

async function unsubscribeLink(language: string) {
  const scripted = scriptedAdapter();
  s = await bootMessagingServer({ plugins: [scripted.plugin] });
  await s.t
    .data<ChannelAccount>('channelAccount')
    .create({ name: 'm', channel: 'email', adapter: 'scripted', from: 'news@shop.example', isDefault: true });
  const ada = await customer(s.t, { email: 'ada@example.com', objective: { language } });
  await s.t
    .data<Consent>('consent')
    .create({ customerId: ada.id, channel: 'email', purpose: 'marketing', state: 'in', source: 'form' });
  await s.t.kernel
    .resolve(MESSAGING)
    .send(
      { customerId: ada.id, channel: 'email', purpose: 'marketing', subject: 'News', text: 'Hi' },
      { actor: s.t.admin },
    );
  await s.t.settle();
  const header = scripted.sent[0]?.headers['List-Unsubscribe'] as string;
  return { ada, path: new URL(header.slice(1, -1)).pathname };
}
const consents = (customerId: string) =>
  s.t.kernel
    .data<Consent>('consent', { actor: SYSTEM_ACTOR })
    .find({ where: { customerId }, sort: ['at', 'id'] });

describe('the unsubscribe page', () => {
  it('asks on GET in the customer’s language and unsubscribes only on POST', async () => {
    const { ada, path } = await unsubscribeLink('zh-CN');
    const page = await s.app.request(path, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('lang="zh-Hans"');
    expect(text).toContain('停止向 a***@example.com 发送营销邮件');
    expect(text).not.toContain('ada@example.com');
    expect((await consents(ada.id)).items.map((c) => c.state)).toEqual(['in']);
    const done = await s.app.request(path, {
      method: 'POST',
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('您已退订');
    expect((await consents(ada.id)).items.map((c) => [c.state, c.source])).toEqual([
      ['in', 'form'],
      ['out', 'unsubscribe-link'],
    ]);
  });

  it('takes an RFC 8058 one-click POST, and a second one changes nothing', async () => {
    const { ada, path } = await unsubscribeLink('en');
    const oneClick = () =>
      s.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    expect((await oneClick()).status).toBe(200);
    expect((await oneClick()).status).toBe(200);
    expect((await consents(ada.id)).items.filter((c) => c.state === 'out')).toHaveLength(1);
  });

  it('answers a bad or foreign token with the one 404', async () => {
    const { path } = await unsubscribeLink('en');
    const broken = `${path.slice(0, -3)}abc`;
    expect((await s.app.request(broken)).status).toBe(404);
    expect((await s.app.request('/p/messaging/unsubscribe/nonsense')).status).toBe(404);
  });

  it('masks addresses', () => {
    expect(maskAddress('ada@example.com')).toBe('a***@example.com');
    expect(maskAddress('+4915112345678')).toBe('+49*******5678');
  });
});
