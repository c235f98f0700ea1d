import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyRequestSignature } from '@rapport/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { RapportEnv } from '../http/env.js';
import { SignatureRefusedError } from './public-problems.js';

/** A shared secret, several while it is rotated, or `undefined` when the caller is unknown. */
export type SignatureSecrets = string | readonly string[] | undefined;

/** The signature check of one public request, as `c.var.signature`. */
export interface RequestSignature {
  /**
   * Checks `X-Rapport-Timestamp` and `X-Rapport-Signature` against the raw body and `secrets`,
   * and returns the raw body (also on `c.var.rawBody`; `c.req.text()` and `c.req.json()` still
   * work). Throws the one 401 for a missing, malformed, stale or wrong signature, and for
   * `undefined` secrets (an unknown channel) after the same work.
   */
  verify(secrets: SignatureSecrets, options?: { toleranceSeconds?: number }): Promise<Uint8Array>;
}

/** A secret no sender knows: an unknown caller is checked against it, so it costs the same. */
const NOBODY = `unknown-sender-${crypto.randomUUID()}`;

/** {@link RequestSignature} for a request, on the kernel clock. */
export function requestSignature(c: Context, now: () => number): RequestSignature {
  return {
    async verify(secrets, options = {}) {
      const body = new Uint8Array(await c.req.arrayBuffer());
      const check = verifyRequestSignature({
        secrets: secrets === undefined || secrets.length === 0 ? NOBODY : secrets,
        timestamp: c.req.header(TIMESTAMP_HEADER),
        signature: c.req.header(SIGNATURE_HEADER),
        body,
        now: now(),
        ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
      });
      if (!check.ok || secrets === undefined || secrets.length === 0) {
        c.get('logger')?.info(
          { reason: check.ok ? 'unknown sender' : check.reason },
          'signed request refused',
        );
        throw new SignatureRefusedError();
      }
      c.set('rawBody', body);
      return body;
    },
  };
}

/** Options of {@link requireSignature}. */
export interface RequireSignatureOptions<E extends RapportEnv = RapportEnv> {
  /** The secret(s) of the sender of this request (look the channel up by a path parameter). */
  secret(c: Context<E>): SignatureSecrets | Promise<SignatureSecrets>;
  /** Accepted distance of the timestamp from now, either way (default 300 s). */
  toleranceSeconds?: number;
}

/**
 * Middleware that lets only correctly signed requests through (see `signRequest` in
 * `@rapport/core` for the sender's side) and leaves the raw body on `c.var.rawBody`.
 *
 * @example
 * ```ts
 * app.post('/inbound/:channel', requireSignature({ secret: (c) => secretOf(c.req.param('channel')) }), handler);
 * ```
 */
export function requireSignature<E extends RapportEnv = RapportEnv>(
  options: RequireSignatureOptions<E>,
): MiddlewareHandler<E> {
  return async function signedRequest(c, next) {
    const kernel = c.get('kernel');
    const secrets = await options.secret(c);
    await requestSignature(c as unknown as Context, () => kernel.clock.now()).verify(secrets, {
      ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
    });
    await next();
  };
}
