import type { Context } from 'hono';
import { HttpProblem } from './problem.js';

/** Reads a JSON body, answering 415 for another media type and 400 for malformed JSON. */
export async function readJsonBody(c: Context, accept: string[] = ['application/json']): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!accept.includes(type)) {
    throw new HttpProblem(
      'UNSUPPORTED_MEDIA_TYPE',
      `send the body as ${accept.join(' or ')} (got '${type || 'none'}')`,
    );
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new HttpProblem('BAD_REQUEST', `the body is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
}
