import { type JsonSchema, type Kernel, type PublicRouteMount, problemResponse } from '@rapport/core';
import { type Json, OPERATION_METHODS } from './openapi-parts.js';

/** The security scheme names public routes use, by the security a mount declares. */
const SCHEME_OF: Record<PublicRouteMount['security'], string> = {
  linkToken: 'linkToken',
  signature: 'requestSignature',
};

/** The security schemes of public routes, for `components.securitySchemes`. */
const PUBLIC_SECURITY_SCHEMES: Json = {
  linkToken: {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description:
      'A link token the server issued for one purpose and one record (`<kid>.<lookup>.<secret>`, URL-safe). It travels in the URL: as the `{token}` path segment of routes that show one, or as the `token` query parameter. A token that is unknown, expired, used, revoked or for something else gets the same 404.',
  },
  requestSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Rapport-Signature',
    description:
      '`v1=<hex HMAC-SHA256>` of `X-Rapport-Timestamp + "." + raw body`, keyed by the secret shared with the sender; the timestamp (Unix seconds) must be within 5 minutes of the server clock. Several `v1=` values may be sent, comma-separated, while the secret rotates.',
  },
};

/** The answers public routes may give besides their own. */
const PUBLIC_RESPONSES: Json = {
  LinkNotFound: {
    description:
      'The link does not work: the same answer for an unknown, expired, used, revoked or foreign token. A page for browsers, a problem document otherwise.',
    content: {
      'text/html': { schema: { type: 'string', maxLength: 100_000 } },
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    },
  },
  TooManyRequests: {
    ...problemResponse(
      'Over the rate limit of the client address or of the token; retry after `Retry-After` seconds.',
    ),
    headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', minimum: 1 } } },
  },
  SignatureRefused: problemResponse(
    'The request signature is missing, malformed, outside the time window or wrong.',
  ),
};

function publicPathItem(item: Json, mount: PublicRouteMount): Json {
  const out: Json = { ...item };
  const refused =
    mount.security === 'signature'
      ? { '401': { $ref: '#/components/responses/SignatureRefused' } }
      : { '404': { $ref: '#/components/responses/LinkNotFound' } };
  for (const method of OPERATION_METHODS) {
    const operation = item[method] as Json | undefined;
    if (!operation) continue;
    out[method] = {
      tags: [mount.plugin],
      security: [{ [SCHEME_OF[mount.security]]: [] }],
      ...operation,
      responses: {
        ...refused,
        '429': { $ref: '#/components/responses/TooManyRequests' },
        ...(operation.responses as Json | undefined),
      },
    };
  }
  return out;
}

/**
 * The path items of the public routes plugins mounted (`/p/<plugin>/...`), each operation tagged
 * with its plugin, secured by a link token or a request signature as the mount declared (unless
 * the operation says otherwise), and answering the public 404 or 401 and the 429; the mounts'
 * schemas go to `addSchemas`.
 */
export function publicPaths(
  kernel: Kernel,
  addSchemas: (schemas: Record<string, JsonSchema>, by: string) => void,
): Json {
  const paths: Json = {};
  for (const mount of kernel.publicRoutes) {
    addSchemas(mount.schemas ?? {}, `plugin '${mount.plugin}'`);
    for (const [path, item] of Object.entries(mount.openapi ?? {})) {
      paths[`${mount.prefix}${path === '/' ? '' : path}`] = publicPathItem(item as Json, mount);
    }
  }
  return paths;
}

/** The security schemes and responses the kernel's public routes refer to (none without public routes). */
export function publicComponents(kernel: Kernel): { securitySchemes: Json; responses: Json } {
  const uses = new Set(kernel.publicRoutes.map((mount) => mount.security));
  const pick = (from: Json, names: string[]) => Object.fromEntries(names.map((name) => [name, from[name]]));
  const schemes = [...uses].map((use) => SCHEME_OF[use]);
  const responses = [
    ...(uses.has('linkToken') ? ['LinkNotFound'] : []),
    ...(uses.has('signature') ? ['SignatureRefused'] : []),
    ...(uses.size > 0 ? ['TooManyRequests'] : []),
  ];
  return {
    securitySchemes: pick(PUBLIC_SECURITY_SCHEMES, schemes),
    responses: pick(PUBLIC_RESPONSES, responses),
  };
}
