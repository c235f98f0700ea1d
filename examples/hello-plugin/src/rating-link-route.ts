import { dateTime, integerBetween, jsonResponse, LINKS, problemResponse, ref } from '@rapport/core';
import type { RapportEnv } from '@rapport/server';
import { pluginRoutes, useService } from '@rapport/server';
import type { Hono } from 'hono';
import { HELLO_RATE } from './rating-page.js';

/**
 * `POST /api/hello/greetings/:id/rating-link` (with an API key that may read the greeting and has
 * `greeting:link`): issues
 * a single-use link token for rating it and answers the page's path, for whoever sends it to the
 * person (a channel plugin, an agent). The token is shown this once; only its HMAC is stored.
 */
export function ratingLinkRoutes(): Hono<RapportEnv> {
  return pluginRoutes().post('/greetings/:id/rating-link', async (c) => {
    const kernel = c.get('kernel');
    const actor = c.get('actor');
    kernel.access.assert(actor, 'greeting', 'link');
    const greeting = await kernel.data('greeting', { actor }).get(c.req.param('id'));
    const link = await useService(c, LINKS).issue({ purpose: HELLO_RATE, recordId: greeting.id });
    return c.json({ path: `/p/hello/rate/${link.token}`, expiresAt: link.expiresAt }, 201);
  });
}

/** The OpenAPI path item of {@link ratingLinkRoutes}. */
export const RATING_LINK_OPENAPI = {
  '/greetings/{id}/rating-link': {
    post: {
      operationId: 'helloRatingLink',
      summary: 'A single-use link for the greeted person to rate the greeting',
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref }],
      responses: {
        '201': jsonResponse('The page path with its token, shown this once.', {
          type: 'object',
          properties: {
            path: {
              type: 'string',
              maxLength: 300,
              description: '`/p/hello/rate/<token>`: prefix it with the public URL.',
            },
            expiresAt: dateTime,
          },
          required: ['path', 'expiresAt'],
          additionalProperties: false,
        }),
        '403': problemResponse('The key lacks `greeting:link`.'),
        '404': problemResponse('No such greeting, or one the key may not see.'),
      },
    },
  },
};

const LINK_TOKEN = { type: 'string', minLength: 1, maxLength: 200 };
const HTML = { type: 'string', maxLength: 100_000 };

/** The OpenAPI path item of the public rating page. */
export const RATING_PAGE_OPENAPI = {
  '/{token}': {
    get: {
      operationId: 'helloRatingPage',
      summary: 'The rating form (HTML)',
      parameters: [{ name: 'token', in: 'path', required: true, schema: LINK_TOKEN }],
      responses: {
        '200': { description: 'The form.', content: { 'text/html': { schema: HTML } } },
      },
    },
    post: {
      operationId: 'helloRate',
      summary: 'Stores the rating and uses the link up',
      parameters: [{ name: 'token', in: 'path', required: true, schema: LINK_TOKEN }],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              properties: { rating: integerBetween(1, 5) },
              required: ['rating'],
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The thank-you page.',
          content: { 'text/html': { schema: HTML } },
        },
        '400': {
          description: 'The form again, with the problem.',
          content: { 'text/html': { schema: HTML } },
        },
      },
    },
  },
};
