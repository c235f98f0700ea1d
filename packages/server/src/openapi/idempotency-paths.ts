import { problemResponse } from '@rapport/core';
import { answersSecrets } from '../auth/secret-answers.js';

type Json = Record<string, unknown>;

/** The `Idempotency-Key` header parameter of POST and PATCH under `/api`. */
export const IDEMPOTENCY_KEY_PARAMETER: Json = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A key of your choosing (1–255 visible ASCII characters, e.g. a UUID): a retry with the same key gets the first successful answer again, marked `Idempotent-Replayed: true`, and writes nothing. Failed answers are not kept. The same key for a different request is a 422.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

/** The 422 of a reused key. */
export const IDEMPOTENCY_KEY_REUSED = problemResponse(
  'The Idempotency-Key was already used for a different request (`IDEMPOTENCY_KEY_REUSED`).',
);

/** Adds the `Idempotency-Key` parameter and its 422 to every POST and PATCH under `/api` (not to routes answering secrets). */
export function withIdempotencyKeys(paths: Json): Json {
  const out: Json = {};
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/api/') || answersSecrets(path)) {
      out[path] = item;
      continue;
    }
    const copy: Json = { ...(item as Json) };
    for (const method of ['post', 'patch']) {
      const operation = copy[method] as Json | undefined;
      if (!operation) continue;
      // A route that documents the header itself (to say more of it) keeps its own.
      const parameters = (operation.parameters as Json[] | undefined) ?? [];
      const documented = parameters.some(
        (p) => p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key',
      );
      copy[method] = {
        ...operation,
        parameters: documented
          ? parameters
          : [...parameters, { $ref: '#/components/parameters/IdempotencyKey' }],
        responses: {
          ...(operation.responses as Json),
          '422': { $ref: '#/components/responses/IdempotencyKeyReused' },
        },
      };
    }
    out[path] = copy;
  }
  return out;
}
