import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header with the signing time: Unix seconds. */
export const TIMESTAMP_HEADER = 'x-rapport-timestamp';
/** The header with the signature(s): `v1=<hex HMAC-SHA256>`, several separated by commas. */
export const SIGNATURE_HEADER = 'x-rapport-signature';
/** How far the signing time may be from now, either way, by default: 5 minutes. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** What {@link signRequest} needs. */
export interface SignRequestInput {
  secret: string;
  /** The exact bytes sent as the body. */
  body: string | Uint8Array;
  /** Unix seconds (default: now). */
  timestamp?: number;
}

/** What {@link verifyRequestSignature} needs. */
export interface VerifySignatureInput {
  /** The shared secret, or several while it is being rotated (any of them may have signed). */
  secrets: string | readonly string[];
  /** The `X-Rapport-Timestamp` header as received. */
  timestamp: string | undefined;
  /** The `X-Rapport-Signature` header as received. */
  signature: string | undefined;
  /** The raw body bytes as received, before any parsing. */
  body: string | Uint8Array;
  /** Now, in epoch milliseconds (the kernel clock). */
  now: number;
  /** Accepted distance between the timestamp and now, in seconds (default 300). */
  toleranceSeconds?: number;
}

/** Why a signature was refused (for logs; the caller gets one answer for every reason). */
export type SignatureRefusal = 'missing' | 'malformed' | 'stale' | 'mismatch';

/** The answer of {@link verifyRequestSignature}. */
export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: SignatureRefusal };

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v1=([0-9a-f]{64})$/;

function mac(secret: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/**
 * Signs a request the way {@link verifyRequestSignature} checks it: HMAC-SHA256 keyed by the
 * shared secret over `timestamp + "." + body`, sent as `X-Rapport-Timestamp: <unix seconds>`
 * and `X-Rapport-Signature: v1=<hex>`.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ from: '+4915112345678', text: 'STOP' });
 * const { headers } = signRequest({ secret, body });
 * await fetch(url, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
 * ```
 */
export function signRequest(input: SignRequestInput): {
  timestamp: string;
  signature: string;
  headers: Record<string, string>;
} {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v1=${mac(input.secret, timestamp, input.body).toString('hex')}`;
  return { timestamp, signature, headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature } };
}

/**
 * Checks a signed inbound request (a gateway's callback): the timestamp is within the tolerance
 * of now (both directions, against replays of old requests and clocks set ahead), and one of
 * the `v1=` signatures is the HMAC-SHA256 of `timestamp + "." + body` under one of the secrets.
 * Every signature is compared with every secret in constant time, with no early exit.
 *
 * @example
 * ```ts
 * const check = verifyRequestSignature({
 *   secrets: channel.secret, body: rawBody, now: kernel.clock.now(),
 *   timestamp: c.req.header('x-rapport-timestamp'), signature: c.req.header('x-rapport-signature'),
 * });
 * if (!check.ok) return unauthorised();
 * ```
 */
export function verifyRequestSignature(input: VerifySignatureInput): SignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  const given = signature
    .split(',')
    .map((part) => SIGNATURE.exec(part.trim())?.[1])
    .filter((hex): hex is string => hex !== undefined)
    .slice(0, 8);
  if (!TIMESTAMP.test(timestamp) || given.length === 0) return { ok: false, reason: 'malformed' };
  const seconds = Number(timestamp);
  const tolerance = input.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(input.now / 1000 - seconds) > tolerance) return { ok: false, reason: 'stale' };
  const secrets = typeof input.secrets === 'string' ? [input.secrets] : input.secrets;
  let matched = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = mac(secret, timestamp, input.body);
    for (const hex of given) {
      if (timingSafeEqual(expected, Buffer.from(hex, 'hex'))) matched = true;
    }
  }
  return matched ? { ok: true, timestamp: seconds } : { ok: false, reason: 'mismatch' };
}
