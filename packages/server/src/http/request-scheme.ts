import type { Context } from 'hono';
import type { TrustedProxy } from '../public/client-address.js';

/**
 * Whether the client reached the server over https: the request URL's scheme (a TLS server, or
 * `app.request('https://…')`), or, behind a {@link TrustedProxy}, what that proxy wrote in its
 * scheme header (`X-Forwarded-Proto`, the entry `hops` places from the right). The header is
 * never read unless a proxy is configured, so a client cannot claim https on its own.
 */
export function isHttps(c: Context, proxy: TrustedProxy | undefined): boolean {
  if (proxy) {
    const entries = (c.req.header(proxy.protoHeader ?? 'x-forwarded-proto') ?? '')
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean);
    const picked = entries[entries.length - (proxy.hops ?? 1)] ?? entries[entries.length - 1];
    if (picked) return picked === 'https';
  }
  return c.req.url.startsWith('https:');
}
