import type { RapportEnv } from '../http/env.js';
import type { PageKit } from '../pages/page-kit.js';
import type { RequestLinks } from './request-links.js';
import type { RequestSignature } from './signed-requests.js';

/**
 * The Hono environment of public routes (`ctx.routes.public`): no actor (no API key), but the
 * link tokens of the request, the page kit, the signature check, and the client's address.
 *
 * @example
 * ```ts
 * const app = new Hono<PublicEnv>().get('/:token', async (c) => {
 *   const grant = await c.var.links.verify({ purpose: 'tickets.csat' }); // the one 404 otherwise
 *   const page = c.var.pages.page(customer.language);
 *   return page.message({ title: page.t('csat.title'), text: page.t('csat.thanks') });
 * });
 * ```
 */
export interface PublicEnv {
  Variables: Omit<RapportEnv['Variables'], 'actor'> & {
    links: RequestLinks;
    pages: PageKit;
    signature: RequestSignature;
    /** The client address rate limits count by (see `TrustedProxy`); `unknown` when there is none. */
    clientAddress: string;
    /** The raw body of a request whose signature was verified. */
    rawBody: Uint8Array;
  };
}
