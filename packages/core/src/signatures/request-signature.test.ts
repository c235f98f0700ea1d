import { describe, expect, it } from 'vitest';
import { signRequest, verifyRequestSignature } from './request-signature.js';

const SECRET = 'gateway-shared-secret-0123456789';
const NOW = Date.parse('2026-03-01T09:00:00Z');
const T = NOW / 1000;

describe('signed requests', () => {
  const body = '{"from":"+4915112345678","text":"STOP"}';
  const signed = signRequest({ secret: SECRET, body, timestamp: T });
  const verify = (overrides: Partial<Parameters<typeof verifyRequestSignature>[0]> = {}) =>
    verifyRequestSignature({ secrets: SECRET, body, now: NOW, ...signed, ...overrides });

  it('signs timestamp + "." + body with HMAC-SHA256 and checks it', () => {
    expect(signed.headers).toEqual({
      'x-rapport-timestamp': String(T),
      'x-rapport-signature': expect.stringMatching(/^v1=[0-9a-f]{64}$/),
    });
    expect(verify()).toEqual({ ok: true, timestamp: T });
    expect(verify({ body: Buffer.from(body) })).toEqual({ ok: true, timestamp: T });
  });

  it('refuses a changed body, another secret, a missing or malformed header', () => {
    expect(verify({ body: body.replace('STOP', 'STAY') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify({ secrets: 'another-secret-of-enough-length!!' })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verify({ timestamp: String(T + 1) })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(verify({ timestamp: '' })).toEqual({ ok: false, reason: 'missing' });
    expect(verify({ signature: 'sha256=abc' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verify({ timestamp: '1e9' })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts five minutes either way, and nothing beyond', () => {
    expect(verify({ now: NOW + 300_000 }).ok).toBe(true);
    expect(verify({ now: NOW - 300_000 }).ok).toBe(true);
    expect(verify({ now: NOW + 301_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verify({ now: NOW - 301_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(verify({ now: NOW + 60_000, toleranceSeconds: 30 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('checks every secret and every signature while either side rotates', () => {
    const next = 'the-next-shared-secret-987654321';
    expect(verify({ secrets: [next, SECRET] }).ok).toBe(true);
    const byNext = signRequest({ secret: next, body, timestamp: T }).signature;
    expect(verify({ signature: `${byNext}, ${signed.signature}` }).ok).toBe(true);
    expect(verify({ signature: byNext })).toEqual({ ok: false, reason: 'mismatch' });
  });
});
