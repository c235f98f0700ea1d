import { assertJsonTextDepth } from '@rapport/core';
import type { Context } from 'hono';
import { HttpProblem } from './problem.js';

/**
 * Reads a JSON body, answering 415 for another media type, 400 for malformed JSON and 400
 * (`VALIDATION_FAILED`, rule `maxDepth`) for a body nesting deeper than `MAX_JSON_DEPTH` levels:
 * that is checked on the text, before it is parsed, so nothing ever walks a too-deep value.
 */
export async function readJsonBody(c: Context, accept: string[] = ['application/json']): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!accept.includes(type)) {
    throw new HttpProblem(
      'UNSUPPORTED_MEDIA_TYPE',
      `send the body as ${accept.join(' or ')} (got '${type || 'none'}')`,
    );
  }
  const text = await c.req.text();
  assertJsonTextDepth(text, { what: 'the body' });
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new HttpProblem('BAD_REQUEST', `the body is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
}
