import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * A reverse proxy the deployment runs behind, trusted to name the client in a header. Set it
 * only when every request reaches the server through that proxy (the server listens on
 * 127.0.0.1 or a private network), or anyone can claim any address.
 */
export interface TrustedProxy {
  /** The header the proxy sets: `x-forwarded-for`, `x-real-ip`, `cf-connecting-ip`, `fly-client-ip`, ... */
  header: string;
  /**
   * How many trusted proxies append to the header (default 1). The client is the entry that
   * many places from the right: entries further left were sent by the client and prove nothing.
   */
  hops?: number;
  /**
   * The header in which the proxy names the scheme the client used (default
   * `x-forwarded-proto`): `https` there makes session cookies `Secure` and `__Host-` prefixed.
   */
  protoHeader?: string;
}

/** The socket peer's address, when the app runs on `@hono/node-server`. */
function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // another runtime, or `app.request()` in tests
  }
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; other addresses unchanged. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The address of the client of a request: the TCP peer (from `@hono/node-server`), or, with a
 * {@link TrustedProxy}, the address that proxy put in its header. `X-Forwarded-For` is never
 * read unless configured. `unknown` when neither gives a valid IP address.
 */
export function clientAddress(c: Context, proxy: TrustedProxy | undefined): string {
  if (proxy) {
    const entries = (c.req.header(proxy.header) ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const picked = entries[entries.length - (proxy.hops ?? 1)];
    if (picked && isIP(picked)) return unmapped(picked);
  }
  const socket = socketAddress(c);
  return socket && isIP(socket) ? unmapped(socket) : 'unknown';
}

/** Expands an IPv6 address to its eight groups. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right];
}

/**
 * The rate-limit key of an address: an IPv4 address itself, an IPv6 address by its /64 network
 * (one subscriber usually holds a whole /64, so counting single addresses would let one client
 * take 2^64 allowances).
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address.split('%')[0] as string)
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
