import type { JsonSchema } from '../entities/json-schema.js';

/**
 * A plugin's messages for the pages it shows people, by locale (BCP 47: `en`, `zh-Hans`), in ICU
 * MessageFormat (`Thanks, {name}!`, `{count, plural, one {# day} other {# days}}`). Every locale
 * has the keys of `defaultLocale`; the server checks that when it is created.
 */
export interface MessageCatalogue {
  /** The locale used when neither the page nor the browser asks for one the catalogue has. */
  defaultLocale: string;
  messages: Record<string, Record<string, string>>;
}

/**
 * How callers prove they may use a public route, as the OpenAPI document states it:
 * `linkToken`, a token the kernel issued (in the `{token}` path segment or the `token` query
 * parameter); `signature`, a request signed with a shared secret (`X-Rapport-Signature`).
 */
export type PublicRouteSecurity = 'linkToken' | 'signature';

/** Options of `ctx.routes.public`. */
export interface PublicMountOptions {
  /** Below `/p/<plugin>`: `'rate'` mounts at `/p/<plugin>/rate`. Lower-case segments of letters, digits and `-`. */
  path?: string;
  /** The security of the routes' operations in the OpenAPI document, unless one says otherwise (default `linkToken`). */
  security?: PublicRouteSecurity;
  /** OpenAPI 3.1 path items documenting the routes, keyed by path relative to the mount. */
  openapi?: Record<string, unknown>;
  /** Reusable schemas of those path items (`#/components/schemas/<name>`). */
  schemas?: Record<string, JsonSchema>;
  /** The messages of the pages these routes render with the server's page kit. */
  messages?: MessageCatalogue;
}

/** Public routes a plugin mounts outside `/api`, with no API key; `app` is a Hono app. */
export interface PublicRouteMount {
  plugin: string;
  /** The mount point, always `/p/<plugin>` or `/p/<plugin>/<path>`. */
  prefix: string;
  app: unknown;
  security: PublicRouteSecurity;
  openapi?: Record<string, unknown>;
  schemas?: Record<string, JsonSchema>;
  messages?: MessageCatalogue;
}

const PATH = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/** The mount of `ctx.routes.public`, or a message saying why it cannot be mounted. */
export function publicRouteMount(
  plugin: string,
  app: unknown,
  options: PublicMountOptions,
  mounted: readonly PublicRouteMount[],
): PublicRouteMount | string {
  const { path } = options;
  if (path !== undefined && !PATH.test(path)) {
    return `public route path '${path}' must be lower-case segments of letters, digits and - (such as 'rate' or 'csat/form')`;
  }
  const prefix = path === undefined ? `/p/${plugin}` : `/p/${plugin}/${path}`;
  if (mounted.some((mount) => mount.prefix === prefix))
    return `public routes are already mounted at ${prefix}`;
  const security = options.security ?? 'linkToken';
  if (security !== 'linkToken' && security !== 'signature') {
    return `public routes at ${prefix}: security must be 'linkToken' or 'signature'`;
  }
  return {
    plugin,
    prefix,
    app,
    security,
    ...(options.openapi ? { openapi: options.openapi } : {}),
    ...(options.schemas ? { schemas: options.schemas } : {}),
    ...(options.messages ? { messages: options.messages } : {}),
  };
}
