import { defineEntity, definePlugin, LINKS, type MessageCatalogue } from '@rapport/core';
import { createTestKernel, type TestKernel } from '@rapport/core/testing';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { apiKeys } from '../auth/api-key-entity.js';
import { createServer, type ServerOptions } from '../create-server.js';
import type { RapportEnv } from '../http/env.js';
import type { PublicEnv } from '../public/public-env.js';

/** A visit a customer can rate. */
export interface Visit {
  customer: string;
  language?: string;
  rating?: number;
  comment?: string;
  /** Secrets of the (fake) gateway channel that posts inbound messages. */
  inbound?: string[];
}

export const VisitEntity = defineEntity<Visit>({
  name: 'visit',
  plural: 'visits',
  schema: {
    type: 'object',
    properties: {
      customer: { type: 'string', maxLength: 100 },
      language: { type: 'string', maxLength: 20 },
      rating: { type: 'integer', minimum: 1, maximum: 5 },
      comment: { type: 'string', maxLength: 500 },
      inbound: { type: 'array', items: { type: 'string' }, writeOnly: true },
    },
    required: ['customer'],
  },
});

export const RATE = 'feedback.rate';

export const FEEDBACK_MESSAGES: MessageCatalogue = {
  defaultLocale: 'en',
  messages: {
    en: {
      title: 'How was your visit, {name}?',
      question: 'Your rating',
      star: '{n, plural, one {# star} other {# stars}}',
      comment: 'Anything to add?',
      send: 'Send rating',
      thanks: 'Thank you',
      thanksText: 'Your rating of {n} helps us.',
      missing: 'Choose a rating from 1 to 5.',
    },
    'zh-Hans': {
      title: '{name}，您对本次服务满意吗？',
      question: '您的评分',
      star: '{n} 星',
      comment: '还有其他意见吗？',
      send: '提交评分',
      thanks: '谢谢',
      thanksText: '您的 {n} 分评价对我们很有帮助。',
      missing: '请选择 1 到 5 的评分。',
    },
  },
};

/** A plugin with a rating page guarded by a single-use link token, and a signed gateway callback. */
export const feedback = definePlugin({
  id: 'feedback',
  version: '1.0.0',
  register(ctx) {
    ctx.entities.define(VisitEntity);
    ctx.links.purpose(RATE, { use: 'single', ttl: '7d' });
    const pages = new Hono<PublicEnv>();
    const visitOf = (c: { var: PublicEnv['Variables'] }, id: string) =>
      c.var.kernel.data<Visit>('visit', { actor: { id: 'system', kind: 'system', roles: [] } }).get(id);
    const form = (page: ReturnType<PublicEnv['Variables']['pages']['page']>, name: string, error?: string) =>
      page.render({
        title: page.t('title', { name }),
        status: error ? 400 : 200,
        body: page.form({
          submit: page.t('send'),
          body: html`${page.choice({
            name: 'rating',
            legend: page.t('question'),
            choices: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: page.t('star', { n }) })),
            required: true,
            ...(error ? { error } : {}),
          })}${page.textArea({ name: 'comment', label: page.t('comment'), maxLength: 500 })}`,
        }),
      });
    pages.get('/:token', async (c) => {
      const grant = await c.var.links.verify({ purpose: RATE });
      const visit = await visitOf(c, grant.recordId);
      return form(c.var.pages.page(visit.language), visit.customer);
    });
    pages.post('/:token', async (c) => {
      const body = await c.req.parseBody();
      const rating = Number(body.rating);
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
        const grant = await c.var.links.verify({ purpose: RATE });
        const visit = await visitOf(c, grant.recordId);
        const page = c.var.pages.page(visit.language);
        return form(page, visit.customer, page.t('missing'));
      }
      const kernel = c.var.kernel;
      const visit = await kernel.transaction(async (tx) => {
        const grant = await c.var.links.consume({ purpose: RATE });
        return tx
          .data<Visit>('visit', { actor: grant.actor })
          .update(grant.recordId, { rating, ...(body.comment ? { comment: String(body.comment) } : {}) });
      });
      const page = c.var.pages.page(visit.language);
      return page.message({ title: page.t('thanks'), text: page.t('thanksText', { n: rating }) });
    });
    ctx.routes.public(pages, {
      path: 'rate',
      messages: FEEDBACK_MESSAGES,
      openapi: {
        '/{token}': {
          get: {
            operationId: 'feedbackRatePage',
            summary: 'The rating page',
            parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {
              '200': { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } },
            },
          },
        },
      },
    });

    const inbound = new Hono<PublicEnv>().post('/:visit', async (c) => {
      const visit = await c.var.kernel
        .data<Visit>('visit', { actor: { id: 'system', kind: 'system', roles: [] } })
        .get(c.req.param('visit'))
        .catch(() => undefined);
      const raw = await c.var.signature.verify(visit?.inbound);
      const message = (await c.req.json()) as { text: string };
      return c.json({ received: message.text, bytes: raw.length, same: c.var.rawBody === raw });
    });
    ctx.routes.public(inbound, { path: 'inbound', security: 'signature' });
  },
});

/** A server over a test kernel with the feedback plugin; `get`/`post` send as a browser would. */
export interface PublicFixture {
  t: TestKernel;
  app: Hono<RapportEnv>;
  visit(input?: Partial<Visit>): Promise<string>;
  link(recordId: string, ttl?: `${number}${'s' | 'm' | 'h' | 'd'}`): Promise<string>;
  browse(path: string, init?: RequestInit & { language?: string; address?: string }): Promise<Response>;
}

export async function bootPublicServer(
  options: ServerOptions = {},
  kernel: Parameters<typeof createTestKernel>[0] = {},
): Promise<PublicFixture> {
  const t = await createTestKernel({
    plugins: [apiKeys(), feedback()],
    now: '2026-03-01T09:00:00Z',
    ...kernel,
  });
  const app = createServer(t.kernel, { logRequests: false, title: 'ACME Repairs', ...options });
  return {
    t,
    app,
    visit: async (input = {}) => (await t.data<Visit>('visit').create({ customer: 'Ada', ...input })).id,
    link: async (recordId, ttl) =>
      (await t.kernel.resolve(LINKS).issue({ purpose: RATE, recordId, ...(ttl ? { ttl } : {}) })).token,
    browse: async (path, init = {}) => {
      const { language, address, headers, ...rest } = init;
      return app.request(
        path,
        {
          ...rest,
          headers: {
            accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
            ...(language ? { 'accept-language': language } : {}),
            ...(headers as Record<string, string> | undefined),
          },
        },
        address ? { incoming: { socket: { remoteAddress: address } } } : undefined,
      );
    },
  };
}
