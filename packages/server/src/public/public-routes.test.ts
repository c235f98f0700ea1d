import { Writable } from 'node:stream';
import { LINKS, signRequest } from '@rapport/core';
import { compileErrors, validate } from '@readme/openapi-parser';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../create-server.js';
import { PAGE_STYLE, PAGE_STYLE_SOURCE } from '../pages/page-style.js';
import { bootPublicServer, type PublicFixture, RATE, type Visit } from '../test-support/public-fixture.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Status, the headers that matter and the body: what a client could compare between answers. */
async function shape(res: Response) {
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    language: res.headers.get('content-language'),
    body: await res.text(),
  };
}

describe('public routes', () => {
  let f: PublicFixture;
  afterEach(() => f?.t.stop());

  it('serve a page under /p/<plugin> without an API key, while /api still needs one', async () => {
    f = await bootPublicServer();
    const token = await f.link(await f.visit());
    const page = await f.browse(`/p/feedback/rate/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await f.app.request('/api/visits')).status).toBe(401);
    expect((await f.browse(`/api/feedback/rate/${token}`)).status).toBe(401);
  });

  it('send the page security headers: no scripts, only the kit stylesheet, no framing, referrer or cache', async () => {
    f = await bootPublicServer();
    const res = await f.browse(`/p/feedback/rate/${await f.link(await f.visit())}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(
      `default-src 'none'; style-src ${PAGE_STYLE_SOURCE}; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(csp).not.toContain('unsafe-inline');
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-robots-tag': 'noindex, nofollow',
    });
    const body = await res.text();
    expect(body).not.toMatch(/<script|\son\w+=/i);
    // The inline stylesheet is exactly the one the CSP hash allows.
    expect(body).toContain(`<style>${PAGE_STYLE}</style>`);
    expect([...body.matchAll(/<style>/g)]).toHaveLength(1);
  });

  it('render an accessible form: lang, landmarks, one h1, a legend, a label for every field', async () => {
    f = await bootPublicServer();
    const body = await (await f.browse(`/p/feedback/rate/${await f.link(await f.visit())}`)).text();
    expect(body).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(body).toMatch(/<header>.*ACME Repairs.*<\/header><main>/);
    expect([...body.matchAll(/<h1>/g)]).toHaveLength(1);
    expect(body).toContain('<title>How was your visit, Ada? – ACME Repairs</title>');
    expect(body).toContain('<fieldset><legend>Your rating</legend>');
    const ids = [...body.matchAll(/<(?:input|textarea)[^>]* id="([^"]+)"/g)].map((m) => m[1]);
    const labelled = [...body.matchAll(/<label[^>]* for="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(6);
    expect(labelled.sort()).toEqual([...ids].sort());
    expect(body).toContain('<form method="post">');
    expect(PAGE_STYLE).toContain(':focus-visible{outline:3px solid');
  });

  it('shows the customer’s language first, then the browser’s, then the default', async () => {
    f = await bootPublicServer();
    const english = await f.link(await f.visit());
    const chinese = await f.link(await f.visit({ customer: '王芳', language: 'zh-CN' }));
    const byBrowser = await (
      await f.browse(`/p/feedback/rate/${english}`, { language: 'zh-CN,zh;q=0.9,en;q=0.5' })
    ).text();
    expect(byBrowser).toContain('<html lang="zh-Hans"');
    expect(byBrowser).toContain('Ada，您对本次服务满意吗？');
    const byRecord = await f.browse(`/p/feedback/rate/${chinese}`, { language: 'en-GB' });
    expect(byRecord.headers.get('content-language')).toBe('zh-Hans');
    expect(await byRecord.text()).toContain('<legend>您的评分</legend>');
    const fallback = await (await f.browse(`/p/feedback/rate/${english}`, { language: 'zh-TW, de' })).text();
    expect(fallback).toContain('<html lang="en"');
    expect(fallback).toContain('2 stars');
  });

  it('escapes every value it renders', async () => {
    f = await bootPublicServer();
    const token = await f.link(await f.visit({ customer: '<img src=x onerror=alert(1)>' }));
    const body = await (await f.browse(`/p/feedback/rate/${token}`)).text();
    expect(body).not.toContain('<img');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('uses a single-use token once: the rating is stored, a second post gets the 404 page', async () => {
    f = await bootPublicServer();
    const id = await f.visit();
    const token = await f.link(id);
    const missing = await f.browse(`/p/feedback/rate/${token}`, form({ rating: '9' }));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain(
      '<p class="error" id="rating-error">Choose a rating from 1 to 5.</p>',
    );
    const sent = await f.browse(`/p/feedback/rate/${token}`, form({ rating: '4', comment: 'quick' }));
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Your rating of 4 helps us.');
    expect(await f.t.data<Visit>('visit').get(id)).toMatchObject({ rating: 4, comment: 'quick' });
    const again = await f.browse(`/p/feedback/rate/${token}`, form({ rating: '1' }));
    expect(again.status).toBe(404);
    expect((await f.t.data<Visit>('visit').get(id)).rating).toBe(4);
    const audit = await f.t.kernel.audit({ where: { recordId: id, action: 'update' } }, { actor: f.t.admin });
    expect(audit.items[0]?.actorId).toMatch(/^link:/);
  });

  it('lets one of 20 concurrent posts of one token through', async () => {
    f = await bootPublicServer({ publicRoutes: { rateLimits: { perToken: { limit: 100, burst: 100 } } } });
    const token = await f.link(await f.visit());
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => f.browse(`/p/feedback/rate/${token}`, form({ rating: '5' }))),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([200, ...Array(19).fill(404)]);
  });

  it('answers every refused token with the same 404, as a page or a problem document', async () => {
    f = await bootPublicServer();
    const visit = await f.visit();
    const used = await f.link(visit);
    await f.browse(`/p/feedback/rate/${used}`, form({ rating: '3' }));
    const revoked = await f.link(visit);
    await f.t.kernel.resolve(LINKS).revoke(revoked);
    const expired = await f.link(visit, '1m');
    const valid = await f.link(visit);
    const [kid, lookup, secret] = valid.split('.') as [string, string, string];
    await f.t.clock.advance(60_000);
    const paths = {
      used: `/p/feedback/rate/${used}`,
      revoked: `/p/feedback/rate/${revoked}`,
      expired: `/p/feedback/rate/${expired}`,
      unknown: `/p/feedback/rate/${kid}.AAAAAAAAAAAA.${secret}`,
      'wrong secret': `/p/feedback/rate/${kid}.${lookup}.${'x'.repeat(32)}`,
      malformed: '/p/feedback/rate/hello',
      'unknown path': `/p/feedback/nothing/${valid}`,
    };
    for (const accept of ['text/html', 'application/json']) {
      const answers = await Promise.all(
        Object.values(paths).map(async (path) => shape(await f.browse(path, { headers: { accept } }))),
      );
      for (const [index, why] of Object.keys(paths).entries()) {
        expect(answers[index], why).toEqual(answers[0]);
      }
      expect(answers[0]?.status).toBe(404);
    }
    const json = await f.browse(paths.used, { headers: { accept: 'application/json' } });
    expect(await json.json()).toEqual({
      type: 'https://rapport.dev/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'this link is not valid or has expired',
      code: 'NOT_FOUND',
    });
    const page = await (await f.browse(paths.expired, { language: 'zh-CN' })).text();
    expect(page).toContain('<h1>此链接无法使用</h1>');
    expect((await f.browse(`/p/feedback/rate/${valid}`)).status).toBe(200);
  });

  it('limits checks per token: 429 with Retry-After, while other tokens still work', async () => {
    f = await bootPublicServer({
      publicRoutes: { rateLimits: { perToken: { limit: 3, windowMs: 60_000, burst: 3 } } },
    });
    const id = await f.visit();
    const token = await f.link(id);
    const [kid, lookup] = token.split('.') as [string, string];
    const guesses = Array.from(
      { length: 3 },
      (_, i) => `/p/feedback/rate/${kid}.${lookup}.${String(i).repeat(32)}`,
    );
    for (const guess of guesses) expect((await f.browse(guess)).status).toBe(404);
    const limited = await f.browse(`/p/feedback/rate/${token}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(limited.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await limited.text()).toContain('Please wait 20 seconds and try again.');
    expect((await f.browse(`/p/feedback/rate/${await f.link(id)}`)).status).toBe(200);
    await f.t.clock.advance(20_000);
    expect((await f.browse(`/p/feedback/rate/${token}`)).status).toBe(200);
  });

  it('limits requests per client address; X-Forwarded-For counts only behind a configured proxy', async () => {
    const perClient = { limit: 2, windowMs: 60_000, burst: 2 };
    f = await bootPublicServer({ publicRoutes: { rateLimits: { perClient } } });
    const path = `/p/feedback/rate/${await f.link(await f.visit())}`;
    const from = (address: string, forwarded: string) =>
      f.browse(path, { address, headers: { 'x-forwarded-for': forwarded, accept: 'application/json' } });
    expect((await from('192.0.2.1', '198.51.100.1')).status).toBe(200);
    expect((await from('192.0.2.1', '198.51.100.2')).status).toBe(200);
    const refused = await from('192.0.2.1', '198.51.100.3');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await from('192.0.2.9', '198.51.100.1')).status).toBe(200);
    await f.t.stop();

    f = await bootPublicServer({
      publicRoutes: { rateLimits: { perClient }, trustedProxy: { header: 'x-forwarded-for', hops: 1 } },
    });
    const proxied = `/p/feedback/rate/${await f.link(await f.visit())}`;
    const via = (forwarded: string) =>
      f.browse(proxied, { address: '10.0.0.5', headers: { 'x-forwarded-for': forwarded } });
    expect((await via('203.0.113.7, 198.51.100.1')).status).toBe(200);
    expect((await via('203.0.113.8, 198.51.100.1')).status).toBe(200);
    expect((await via('203.0.113.9, 198.51.100.1')).status).toBe(429); // the client cannot choose the last entry
    expect((await via('198.51.100.2')).status).toBe(200);
  });

  it('checks signed callbacks and hands the handler the raw body', async () => {
    f = await bootPublicServer();
    const secret = 'gateway-secret-for-visit-callbacks';
    const id = await f.visit({ inbound: [secret] });
    const body = JSON.stringify({ text: 'Danke – super!' });
    const post = (headers: Record<string, string>, path = `/p/feedback/inbound/${id}`, text = body) =>
      f.app.request(path, {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const now = Math.floor(f.t.clock.now() / 1000);
    const signed = signRequest({ secret, body, timestamp: now }).headers;
    const ok = await post(signed);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      received: 'Danke – super!',
      bytes: Buffer.byteLength(body),
      same: true,
    });
    const refusals = [
      await post(signed, undefined, body.replace('super', 'mies')),
      await post(signRequest({ secret, body, timestamp: now - 301 }).headers),
      await post(signRequest({ secret: 'someone-else-entirely-0123456789', body, timestamp: now }).headers),
      await post({}),
      await post(signed, '/p/feedback/inbound/no-such-visit'),
    ];
    const shapes = await Promise.all(refusals.map(shape));
    for (const each of shapes) expect(each).toEqual(shapes[0]);
    expect(shapes[0]?.status).toBe(401);
    expect(JSON.parse(shapes[0]?.body ?? '{}')).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('logs public paths with the link token redacted', async () => {
    const lines: string[] = [];
    const logger = pino(
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    f = await bootPublicServer({ logRequests: true }, { logger });
    const token = await f.link(await f.visit());
    await f.browse(`/p/feedback/rate/${token}`);
    await f.browse(`/p/feedback/rate/${token}`, form({ rating: '2' }));
    await f.browse(`/p/feedback/rate/${token}`, form({ rating: '2' }));
    const output = lines.join('');
    expect(output).toContain('"path":"/p/feedback/rate/[link]"');
    expect(output).not.toContain(token.split('.')[2]);
  });

  it('lists public routes in the OpenAPI document with their security schemes', async () => {
    f = await bootPublicServer();
    const doc = await (await f.app.request('/openapi.json')).json();
    const result = await validate(structuredClone(doc));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['apiKey', 'linkToken', 'requestSignature']);
    const page = doc.paths['/p/feedback/rate/{token}'].get;
    expect(page).toMatchObject({
      tags: ['feedback'],
      security: [{ linkToken: [] }],
      responses: {
        '200': expect.anything(),
        '404': { $ref: '#/components/responses/LinkNotFound' },
        '429': { $ref: '#/components/responses/TooManyRequests' },
      },
    });
    expect(doc.paths['/p/feedback/rate/{token}'].get.responses['401']).toBeUndefined();
    expect(doc.components.responses.TooManyRequests.headers['Retry-After']).toBeDefined();
  });

  it('refuses to start with a catalogue whose locales disagree, naming the plugin, locale and key', async () => {
    f = await bootPublicServer();
    const kernel = {
      ...f.t.kernel,
      entities: f.t.kernel.entities,
      publicRoutes: [
        {
          plugin: 'broken',
          prefix: '/p/broken',
          app: {},
          security: 'linkToken' as const,
          messages: {
            defaultLocale: 'en',
            messages: {
              en: { a: 'A', b: '{n, plural, one {#}}' },
              'zh-Hans': { a: '甲', c: '丙' },
              zh_CN: {},
            },
          },
        },
      ],
    };
    expect(() => createServer(kernel as never)).toThrow(
      "the page messages of plugin 'broken' are not usable: en 'b' is not an ICU message",
    );
    try {
      createServer(kernel as never);
    } catch (error) {
      expect((error as { details: { problems: string[] } }).details.problems).toEqual([
        expect.stringMatching(/^en 'b' is not an ICU message/),
        "zh-Hans lacks 'b'",
        "zh-Hans has 'c', which en lacks",
        "'zh_CN' is not a canonical BCP 47 locale",
      ]);
    }
    expect(RATE).toBe('feedback.rate');
  });
});
