import { lookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { hostOf, type TargetPolicy } from './target-policy.js';

/** What {@link safePost} needs. */
export interface SafePostInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  policy: TargetPolicy;
  /** The whole exchange's limit: connect, send and answer. */
  timeoutMs: number;
  /** Bytes of the answer read before the connection is cut. */
  maxResponseBytes: number;
  /** Bytes of the answer kept. */
  keepBytes: number;
}

/** The answer of {@link safePost}. */
export interface SafePostAnswer {
  status: number;
  /** The answer's first `keepBytes` bytes as text. */
  body: string;
  /** Whether the answer was longer than `maxResponseBytes` (reading stopped there). */
  truncated: boolean;
}

/**
 * Resolves a host the way `dns.lookup` does, then refuses it when any of its addresses is
 * refused by the policy — so a name with one public and one private address is refused, and the
 * address connected to is the one checked (no second lookup a rebinding DNS server could answer
 * differently).
 */
function guardedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      try {
        for (const { address } of addresses) policy.assert(hostname, address);
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs a body to a URL that may be anyone's: the host's every address is checked against the
 * policy before connecting (an IP literal directly), redirects are not followed, the exchange
 * has a time limit, and at most `maxResponseBytes` of the answer are read.
 */
export async function safePost(input: SafePostInput): Promise<SafePostAnswer> {
  const url = new URL(input.url);
  const host = hostOf(url);
  if (isIP(host)) input.policy.assert(host, host);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SafePostAnswer>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
      lookup: guardedLookup(input.policy),
      agent: false,
    });
    const timer = setTimeout(
      () =>
        req.destroy(
          Object.assign(new Error(`no answer within ${input.timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        ),
      input.timeoutMs,
    );
    const finish = (answer: SafePostAnswer | Error) => {
      clearTimeout(timer);
      if (answer instanceof Error) reject(answer);
      else resolve(answer);
    };
    req.on('error', finish);
    req.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () => {
        const body = Buffer.concat(chunks).subarray(0, input.keepBytes).toString('utf8');
        finish({ status: response.statusCode ?? 0, body, truncated });
      };
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > input.maxResponseBytes) {
          truncated = true;
          response.destroy();
          req.destroy();
          done();
          return;
        }
        if (chunks.reduce((n, c) => n + c.length, 0) < input.keepBytes) chunks.push(chunk);
      });
      response.on('end', done);
      response.on('error', (error) => finish(error));
    });
    req.end(input.body);
  });
}
