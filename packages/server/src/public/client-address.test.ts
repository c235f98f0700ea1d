import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress, type TrustedProxy } from './client-address.js';

async function addressOf(headers: Record<string, string>, socket: string | undefined, proxy?: TrustedProxy) {
  const app = new Hono().get('/', (c) => c.text(clientAddress(c, proxy)));
  const env = socket ? { incoming: { socket: { remoteAddress: socket } } } : undefined;
  return (await app.request('/', { headers }, env)).text();
}

describe('clientAddress', () => {
  it('is the socket peer unless a proxy is trusted, whatever X-Forwarded-For says', async () => {
    expect(await addressOf({ 'x-forwarded-for': '203.0.113.1' }, '192.0.2.10')).toBe('192.0.2.10');
    expect(await addressOf({}, '::ffff:192.0.2.10')).toBe('192.0.2.10');
    expect(await addressOf({}, undefined)).toBe('unknown');
  });
  it('takes the entry the trusted proxies added, counting hops from the right', async () => {
    const headers = { 'x-forwarded-for': 'spoofed, 203.0.113.1, 198.51.100.9' };
    expect(await addressOf(headers, '10.0.0.1', { header: 'x-forwarded-for' })).toBe('198.51.100.9');
    expect(await addressOf(headers, '10.0.0.1', { header: 'x-forwarded-for', hops: 2 })).toBe('203.0.113.1');
    expect(await addressOf({ 'x-real-ip': '2001:db8::7' }, '10.0.0.1', { header: 'x-real-ip' })).toBe(
      '2001:db8::7',
    );
    expect(await addressOf({ 'x-real-ip': 'not an ip' }, '10.0.0.1', { header: 'x-real-ip' })).toBe(
      '10.0.0.1',
    );
    expect(await addressOf({}, '10.0.0.1', { header: 'x-forwarded-for', hops: 2 })).toBe('10.0.0.1');
  });
  it('counts IPv6 clients by their /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
  });
});
