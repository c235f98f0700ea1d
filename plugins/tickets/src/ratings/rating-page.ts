import { ConflictError, type Kernel, RapportError } from '@rapport/core';
import { LinkNotFoundError, type PublicEnv } from '@rapport/server';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { customerTicket } from '../progress/progress-view.js';
import { TICKETS } from '../service.js';
import { RATING_PURPOSE } from './rate-ticket.js';

const SCORES = ['1', '2', '3', '4', '5'];
const MAX_COMMENT = 2_000;

async function form(c: Context<PublicEnv>, kernel: Kernel, ticketId: string, refused = false) {
  const { ticket, language, firstName } = await customerTicket(kernel, ticketId);
  const page = c.var.pages.page(language);
  const intro = page.t('intro', {
    name: firstName ?? 'none',
    subject: ticket.subject,
    reference: ticket.reference ?? '',
  });
  return page.render({
    title: page.t('title'),
    ...(refused ? { status: 400 } : {}),
    body: html`<p>${intro}</p>${page.form({
      submit: page.t('send'),
      body: html`${page.choice({
        name: 'score',
        legend: page.t('question'),
        choices: SCORES.map((value) => ({ value, label: page.t('score', { score: value }) })),
        required: true,
        ...(refused ? { error: page.t('pick') } : {}),
      })}${page.textArea({ name: 'comment', label: page.t('comment'), hint: page.t('commentHint'), maxLength: MAX_COMMENT })}`,
    })}`,
  });
}

/**
 * The rating page at `/p/tickets/rate/<token>` (the link of the resolved notification), in the
 * customer's language: GET shows a 1–5 choice and a comment field (scanners fetch links, so GET
 * records nothing); POST records the rating once — the link is single-use, so of concurrent
 * submissions one is recorded and the rest get the server's one 404, as a wrong or expired token
 * does. A score without 1–5 shows the form again with a sentence; a low score reopens the ticket.
 */
export function ratingRoutes(): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  app.get('/:token', async (c) => {
    const grant = await c.var.links.verify({ purpose: RATING_PURPOSE });
    return form(c, c.var.kernel, grant.recordId);
  });
  app.post('/:token', async (c) => {
    const kernel = c.var.kernel;
    const grant = await c.var.links.verify({ purpose: RATING_PURPOSE });
    const body = await c.req.parseBody();
    const score =
      typeof body.score === 'string' && SCORES.includes(body.score) ? Number(body.score) : undefined;
    if (score === undefined) return form(c, kernel, grant.recordId, true);
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, MAX_COMMENT) : '';
    const token = c.var.links.token() as string;
    try {
      await kernel.resolve(TICKETS).rate(token, { score, ...(comment ? { comment } : {}) });
    } catch (error) {
      if (error instanceof RapportError && error.code === 'LINK_INVALID') throw new LinkNotFoundError();
      if (!(error instanceof ConflictError)) throw error;
      // rated already through an earlier link (resolved, reopened, resolved again): one rating per ticket
      const page = c.var.pages.page((await customerTicket(kernel, grant.recordId)).language);
      return page.message({ title: page.t('thanks'), text: page.t('already') });
    }
    const { ticket, language } = await customerTicket(kernel, grant.recordId);
    const page = c.var.pages.page(language);
    const text = page.t('thanksText', { score: String(score) });
    return page.message({
      title: page.t('thanks'),
      text: ticket.status === 'reopened' ? `${text} ${page.t('reopened')}` : text,
    });
  });
  return app;
}

const HTML = { 'text/html': { schema: { type: 'string', maxLength: 100_000 } } };
const TOKEN = { name: 'token', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } };

/** OpenAPI path items of the rating page, relative to `/p/tickets/rate`. */
export const RATING_OPENAPI: Record<string, unknown> = {
  '/{token}': {
    get: {
      operationId: 'ticketsRatingPage',
      summary: 'The rating form of a resolved ticket, in the customer’s language (records nothing)',
      parameters: [TOKEN],
      responses: { '200': { description: 'An HTML page.', content: HTML } },
    },
    post: {
      operationId: 'ticketsRate',
      summary: 'Records the customer’s 1–5 rating and comment, once (the link is single-use)',
      parameters: [TOKEN],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              properties: {
                score: { type: 'string', enum: SCORES },
                comment: { type: 'string', maxLength: MAX_COMMENT },
              },
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '200': { description: 'An HTML page thanking the customer.', content: HTML },
        '400': { description: 'The form again, asking for a score from 1 to 5.', content: HTML },
      },
    },
  },
};
