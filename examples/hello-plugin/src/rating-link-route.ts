import { jsonResponse, LINKS, problemResponse } from '@rapport/core';
import type { RapportEnv } from '@rapport/server';
import { Hono } from 'hono';
import { HELLO_RATE } from './rating-page.js';

/**
 * `POST /api/hello/greetings/:id/rating-link` (with an API key that may read the greeting): issues
 * a single-use link token for rating it and answers the page's path, for whoever sends it to the
 * person (a channel plugin, an agent). The token is shown this once; only its HMAC is stored.
 */
export function ratingLinkRoutes(): Hono<RapportEnv> {
  return new Hono<RapportEnv>().post('/greetings/:id/rating-link', async (c) => {
    const kernel = c.get('kernel');
    const greeting = await kernel.data('greeting', { actor: c.get('actor') }).get(c.req.param('id'));
    const link = await kernel.resolve(LINKS).issue({ purpose: HELLO_RATE, recordId: greeting.id });
    return c.json({ path: `/p/hello/rate/${link.token}`, expiresAt: link.expiresAt }, 201);
  });
}

/** The OpenAPI path item of {@link ratingLinkRoutes}. */
export const RATING_LINK_OPENAPI = {
  '/greetings/{id}/rating-link': {
    post: {
      operationId: 'helloRatingLink',
      summary: 'A single-use link for the greeted person to rate the greeting',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '201': jsonResponse('The page path with its token, shown this once.', {
          type: 'object',
          properties: {
            path: { type: 'string', description: '`/p/hello/rate/<token>`: prefix it with the public URL.' },
            expiresAt: { type: 'string', format: 'date-time' },
          },
          required: ['path', 'expiresAt'],
          additionalProperties: false,
        }),
        '404': problemResponse('No such greeting, or one the key may not see.'),
      },
    },
  },
};

/** The OpenAPI path item of the public rating page. */
export const RATING_PAGE_OPENAPI = {
  '/{token}': {
    get: {
      operationId: 'helloRatingPage',
      summary: 'The rating form (HTML)',
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The form.', content: { 'text/html': { schema: { type: 'string' } } } },
      },
    },
    post: {
      operationId: 'helloRate',
      summary: 'Stores the rating and uses the link up',
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              properties: { rating: { type: 'integer', minimum: 1, maximum: 5 } },
              required: ['rating'],
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The thank-you page.',
          content: { 'text/html': { schema: { type: 'string' } } },
        },
        '400': {
          description: 'The form again, with the problem.',
          content: { 'text/html': { schema: { type: 'string' } } },
        },
      },
    },
  },
};
