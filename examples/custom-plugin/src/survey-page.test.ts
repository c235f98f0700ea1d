import { customers } from '@rapport/plugin-customers';
import { createTestServer, type TestServer } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { nps } from './nps-plugin.js';
import type { NpsResponse } from './response-entity.js';

const browser = { accept: 'text/html,*/*;q=0.8' };
const post = (body: string) => ({
  method: 'POST',
  headers: { ...browser, 'content-type': 'application/x-www-form-urlencoded' },
  body,
});

describe('the public survey page', () => {
  let s: TestServer<'admin' | 'viewer'>;
  afterEach(() => s.stop());

  /** A customer, and the survey link an agent sends them. */
  async function surveyed(customer: Record<string, unknown>) {
    s = await createTestServer({
      plugins: [customers(), nps()],
      keys: { admin: ['admin'], viewer: ['viewer'] },
      now: '2026-04-10T09:00:00Z',
    });
    const created = await s.json<{ id: string }>('POST', '/api/customers', 'admin', customer);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const linked = await s.json<{ path: string; expiresAt: string }>(
      'POST',
      `/api/nps/customers/${created.body.id}/survey-link`,
      'admin',
    );
    expect(linked.status).toBe(201);
    return { customerId: created.body.id, ...linked.body };
  }

  it('asks in the customer’s language, stores one answer, then answers 404', async () => {
    const { customerId, path, expiresAt } = await surveyed({
      name: '李雷',
      kind: 'person',
      objective: { language: 'zh-Hans' },
    });
    expect(path).toMatch(/^\/p\/nps\/survey\/\S+$/);
    expect(expiresAt).toBe('2026-05-10T09:00:00.000Z');
    const form = await s.app.request(path, { headers: browser });
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('<html lang="zh-Hans"');
    expect(page).toContain('<h1>李雷，您向朋友推荐我们的可能性有多大？</h1>');
    expect(page).toContain('for="score-0"');
    expect(page).toContain('for="score-10"');

    const refused = await s.app.request(path, post('score=11&comment=Great'));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('请选择 0 到 10 分。');

    const thanks = await s.app.request(path, post('score=9&comment=Fast+repair'));
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain('您给了我们 9 分');
    const { items } = await s.t.data<NpsResponse>('npsResponse').find({ where: { customerId } });
    expect(items).toEqual([
      expect.objectContaining({ score: 9, comment: 'Fast repair', answeredAt: '2026-04-10T09:00:00.000Z' }),
    ]);
    expect((await s.app.request(path, post('score=0'))).status).toBe(404);
    expect(await s.t.data('npsResponse').count()).toBe(1);
  });

  it('refuses a comment over 2000 characters with the form again, and a link past 30 days', async () => {
    const { path } = await surveyed({ name: 'Ada', kind: 'person' });
    const long = await s.app.request(path, post(`score=7&comment=${'x'.repeat(2001)}`));
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Please shorten your comment to 2000 characters.');
    await s.t.advance('31d');
    expect((await s.app.request(path, { headers: browser })).status).toBe(404);
  });

  it('is issued only to a key that may record answers, for a customer it can see', async () => {
    const { customerId } = await surveyed({ name: 'Ada', kind: 'person' });
    const viewer = await s.json('POST', `/api/nps/customers/${customerId}/survey-link`, 'viewer');
    expect(viewer.status).toBe(403);
    const unknown = await s.json('POST', '/api/nps/customers/nobody/survey-link', 'admin');
    expect(unknown.status).toBe(404);
  });
});
