import { dateTime, jsonResponse, LINKS, problemResponse, ref } from '@rapport/core';
import { pluginRoutes, type RapportEnv, useService } from '@rapport/server';
import type { Hono } from 'hono';
import { NPS_SURVEY } from './survey-page.js';

/**
 * `POST /api/nps/customers/:id/survey-link` (a key that may read the customer and create
 * `npsResponse` records): issues a single-use link for the customer to answer the survey, and
 * answers the page's path. The token is shown this once; only its HMAC is stored.
 */
export function surveyLinkRoutes(): Hono<RapportEnv> {
  return pluginRoutes().post('/customers/:id/survey-link', async (c) => {
    const kernel = c.get('kernel');
    const actor = c.get('actor');
    kernel.access.assert(actor, 'npsResponse', 'create');
    const customer = await kernel.data('customer', { actor }).get(c.req.param('id'));
    const link = await useService(c, LINKS).issue({ purpose: NPS_SURVEY, recordId: customer.id });
    return c.json({ path: `/p/nps/survey/${link.token}`, expiresAt: link.expiresAt }, 201);
  });
}

/** The OpenAPI path item of {@link surveyLinkRoutes}. */
export const SURVEY_LINK_OPENAPI = {
  '/customers/{id}/survey-link': {
    post: {
      operationId: 'npsSurveyLink',
      summary: 'A single-use link for the customer to answer the NPS survey',
      parameters: [{ name: 'id', in: 'path', required: true, schema: ref }],
      responses: {
        '201': jsonResponse('The page path with its token, shown this once.', {
          type: 'object',
          properties: {
            path: { type: 'string', maxLength: 300, description: '`/p/nps/survey/<token>`.' },
            expiresAt: dateTime,
          },
          required: ['path', 'expiresAt'],
          additionalProperties: false,
        }),
        '403': problemResponse('The key may not create `npsResponse` records.'),
        '404': problemResponse('No such customer, or one the key may not see.'),
      },
    },
  },
};
