import type { PublicEnv } from '@rapport/server';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { PROGRESS_PURPOSE } from './progress-links.js';
import { type ProgressEntry, readProgress } from './progress-view.js';

/** A time in the page's locale and the deployment's zone. */
function formatter(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone,
  });
}

/**
 * The progress page at `/p/tickets/progress/<token>`: the ticket's status, the promised date and
 * whether it will be met, and its history — status changes and public replies, never internal
 * notes, an agent shown by first name only — in the customer's language (English or Simplified
 * Chinese). The link is reusable until it expires; a wrong, revoked or expired token gets the
 * server's one 404.
 */
export function progressRoutes(): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  app.get('/:token', async (c) => {
    const grant = await c.var.links.verify({ purpose: PROGRESS_PURPOSE });
    const kernel = c.var.kernel;
    const view = await readProgress(kernel, grant.recordId);
    const page = c.var.pages.page(view.language);
    const at = formatter(page.locale, kernel.timeZone, true);
    const day = formatter(page.locale, 'UTC', false);
    const status = (value: string) => page.t('status', { status: value });
    const entry = (e: ProgressEntry) =>
      e.kind === 'status'
        ? html`<li><span class="muted">${at.format(Date.parse(e.at))}</span> · ${page.t('movedTo', { status: status(e.status) })}</li>`
        : html`<li><span class="muted">${at.format(Date.parse(e.at))}</span> · <strong>${
            e.from === 'you' ? page.t('fromYou') : page.t('fromUs', { name: e.firstName ?? 'none' })
          }</strong>${e.body.split(/\r?\n/).map((line) => html`<br>${line}`)}</li>`;
    const outlook = view.outlook === 'none' ? '' : page.t('outlook', { outlook: view.outlook });
    return page.render({
      title: page.t('title', { reference: view.reference }),
      body: html`<p>${page.t('hello', { name: view.firstName ?? 'none' })} ${page.t('intro', { subject: view.subject })}</p>
<dl><dt>${page.t('statusLabel')}</dt><dd>${status(view.status)}</dd>${
        view.promisedBy
          ? html`<dt>${page.t('promisedLabel')}</dt><dd>${day.format(Date.parse(`${view.promisedBy}T00:00:00Z`))}</dd>`
          : ''
      }</dl>${outlook ? html`<p>${outlook}</p>` : ''}
<h2>${page.t('history')}</h2>${
        view.entries.length === 0
          ? html`<p class="muted">${page.t('empty')}</p>`
          : html`<ol>${view.entries.map(entry)}</ol>`
      }${view.truncated ? html`<p class="muted">${page.t('truncated')}</p>` : ''}`,
    });
  });
  return app;
}

/** OpenAPI path items of the progress page, relative to `/p/tickets/progress`. */
export const PROGRESS_OPENAPI: Record<string, unknown> = {
  '/{token}': {
    get: {
      operationId: 'ticketsProgressPage',
      summary:
        "A ticket's progress for its customer (status, promised date, public history), in their language",
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } }],
      responses: {
        '200': {
          description: 'An HTML page.',
          content: { 'text/html': { schema: { type: 'string', maxLength: 1_000_000 } } },
        },
      },
    },
  },
};
