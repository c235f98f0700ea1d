import { apiKeys, createApiKey, createServer } from '@rapport/server';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Greeting } from './greeting-entity.js';
import { hello } from './hello-plugin.js';
import { type Person, people } from './people-plugin.js';

type OpenApi = {
  paths: Record<string, Record<string, { security?: unknown }>>;
  components: { securitySchemes: Record<string, unknown> };
};

const browser = { accept: 'text/html,*/*;q=0.8' };
const rate = (stars: string) => ({
  method: 'POST',
  headers: { ...browser, 'content-type': 'application/x-www-form-urlencoded' },
  body: `rating=${stars}`,
});

describe('the rating page of a greeting', () => {
  let t: TestKernel;
  afterEach(() => t.stop());

  /** A greeted person, a server, an agent's key, and the link the agent sends. */
  async function greeted(person: Person) {
    t = await createTestKernel({ plugins: [apiKeys(), people(), hello()], now: '2026-04-01T08:00:00Z' });
    const app = createServer(t.kernel, { logRequests: false, title: 'Hello CRM' });
    const { key } = await createApiKey(t.kernel, { name: 'agent', roles: ['admin'] });
    const created = await t.data<Person>('person').create(person);
    await t.settle();
    const [greeting] = (await t.data<Greeting>('greeting').find({ where: { personId: created.id } })).items;
    const linked = await app.request(`/api/hello/greetings/${greeting?.id}/rating-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(linked.status).toBe(201);
    const { path, expiresAt } = (await linked.json()) as { path: string; expiresAt: string };
    return { app, path, expiresAt, greetingId: greeting?.id as string };
  }

  it('is issued only with an API key, as a single-use link for two weeks', async () => {
    const { app, path, expiresAt, greetingId } = await greeted({ name: 'Ada' });
    expect(path).toMatch(/^\/p\/hello\/rate\/[A-Za-z0-9]+\.[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{32}$/);
    expect(expiresAt).toBe('2026-04-15T08:00:00.000Z');
    expect(
      (await app.request(`/api/hello/greetings/${greetingId}/rating-link`, { method: 'POST' })).status,
    ).toBe(401);
  });

  it('shows the form in the person’s language, stores the rating once, then answers 404', async () => {
    const { app, path, greetingId } = await greeted({ name: '李雷', language: 'zh-Hans' });
    const form = await app.request(path, { headers: { ...browser, 'accept-language': 'en-US' } });
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('<html lang="zh-Hans"');
    expect(page).toContain('<h1>李雷，您对我们的问候满意吗？</h1>');
    expect(page).toContain('<label class="choice" for="rating-5">');
    expect((await app.request(path, rate('7'))).status).toBe(400);
    const thanks = await app.request(path, rate('5'));
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain('您给了我们 5 星。');
    expect(await t.data<Greeting>('greeting').get(greetingId)).toMatchObject({
      rating: 5,
      ratedAt: '2026-04-01T08:00:00.000Z',
    });
    const again = await app.request(path, rate('1'));
    expect(again.status).toBe(404);
    expect((await t.data<Greeting>('greeting').get(greetingId)).rating).toBe(5);
  });

  it('falls back to the browser’s language, and stops working after two weeks', async () => {
    const { app, path } = await greeted({ name: 'Ada', language: 'de' });
    const chinese = await app.request(path, { headers: { ...browser, 'accept-language': 'zh-CN' } });
    expect(chinese.headers.get('content-language')).toBe('zh-Hans');
    const english = await (await app.request(path, { headers: browser })).text();
    expect(english).toContain('How did we greet you, Ada?');
    await t.advance('14d');
    const expired = await app.request(path, { headers: browser });
    expect(expired.status).toBe(404);
    expect(await expired.text()).toContain('<h1>This link does not work</h1>');
  });

  it('is in the OpenAPI document with the link-token security scheme', async () => {
    const { app } = await greeted({ name: 'Ada' });
    const doc = (await (await app.request('/openapi.json')).json()) as OpenApi;
    expect(doc.paths['/p/hello/rate/{token}']?.post?.security).toEqual([{ linkToken: [] }]);
    expect(doc.paths['/api/hello/greetings/{id}/rating-link']?.post?.security).toBeUndefined();
    expect(doc.components.securitySchemes.linkToken).toMatchObject({
      type: 'apiKey',
      in: 'query',
      name: 'token',
    });
  });
});
