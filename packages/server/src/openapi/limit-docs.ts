import { count, problemResponse } from '@rapport/core';
import type { CorsOptions } from '../http/cors.js';
import type { ApiRateLimitOptions } from '../http/key-rate-limit.js';
import type { Json } from './openapi-parts.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const header = (description: string, schema: Json = count): Json => ({ description, schema });

/** `components.headers` of a rate-limited API. */
export const RATE_LIMIT_HEADER_COMPONENTS: Json = {
  'RateLimit-Limit': header("Requests per window of the key's policy."),
  'RateLimit-Remaining': header('Requests the key may still make right now.'),
  'RateLimit-Reset': header("Seconds until the key's allowance is full again."),
  'RateLimit-Policy': header('The policy: `<limit>;w=<window seconds>;burst=<burst>`.', {
    type: 'string',
    maxLength: 100,
    pattern: '^\\d+;w=\\d+;burst=\\d+$',
  }),
  'Retry-After': header('On a 429: whole seconds until a request would be allowed.'),
};

const headerRef = (name: string): Json => ({ $ref: `#/components/headers/${name}` });

/** The `RateLimit-*` headers every answer of a limited key carries. */
const LIMIT_HEADERS: Json = Object.fromEntries(
  ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy'].map((name) => [
    name,
    headerRef(name),
  ]),
);

/** `components.responses.TooManyRequests`: the 429 problem with `Retry-After`. */
export const TOO_MANY_REQUESTS: Json = {
  ...problemResponse('The key is over its rate limit (`RATE_LIMITED`): wait `Retry-After` seconds.'),
  headers: { 'Retry-After': headerRef('Retry-After'), ...LIMIT_HEADERS },
};

/** A response object with the `RateLimit-*` headers added (a `$ref` is left alone: its component gets them). */
export function withLimitHeaders(response: Json): Json {
  if ('$ref' in response) return response;
  return { ...response, headers: { ...LIMIT_HEADERS, ...(response.headers as Json | undefined) } };
}

/**
 * The path items with every `/api` operation answering 429 and every answer but the 401 (which
 * comes before the key is known) stating the `RateLimit-*` headers.
 */
export function withRateLimits(paths: Json): Json {
  const out: Json = {};
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/api/')) {
      out[path] = item;
      continue;
    }
    const limited: Json = { ...(item as Json) };
    for (const method of METHODS) {
      const operation = limited[method] as Json | undefined;
      if (!operation) continue;
      const responses: Json = {};
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        responses[status] = status === '401' ? response : withLimitHeaders(response as Json);
      }
      responses['429'] = { $ref: '#/components/responses/TooManyRequests' };
      limited[method] = { ...operation, responses };
    }
    out[path] = limited;
  }
  return out;
}

const windowText = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);

/** A sentence of the document's description: the rate limits. */
export function rateLimitText(options: ApiRateLimitOptions | false): string {
  if (options === false) return 'Rate limits: none.';
  const policy = `${options.limit} requests per ${windowText(options.windowMs ?? 60_000)}, ${options.burst ?? options.limit} at once`;
  return `Rate limits: each API key may make ${policy} (per server process; admin keys are not limited unless configured); every answer to a limited key carries \`RateLimit-Limit\`, \`RateLimit-Remaining\`, \`RateLimit-Reset\` and \`RateLimit-Policy\`, and a key over its limit gets 429 \`RATE_LIMITED\` with \`Retry-After\`.`;
}

/** A sentence of the document's description: the CORS policy. */
export function corsText(options: CorsOptions | undefined): string {
  if (!options)
    return 'CORS: no origin is allowed (no `Access-Control-Allow-Origin`); call the API from a server, or configure `cors`.';
  const origins = options.origins.includes('*') ? 'any origin' : options.origins.join(', ');
  return `CORS: browsers may call \`/api\` and read \`/openapi.json\` from ${origins}${options.credentials ? ', with credentials' : ', without credentials'}; preflights are answered without a key.`;
}
