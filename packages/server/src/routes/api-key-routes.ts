import { Hono } from 'hono';
import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys.js';
import type { RapportEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import { readJsonBody } from '../http/read-json.js';

/**
 * Key administration over HTTP (admins only: `apiKey` is a privileged resource):
 * `GET /api/api-keys` (no hashes), `POST /api/api-keys` `{ name, roles, attributes?, userId? }` → 201
 * `{ key, record }` (the key is shown once), `DELETE /api/api-keys/:id` revokes (id or key id).
 */
export function apiKeyRoutes(): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  app.get('/', async (c) => c.json({ items: await listApiKeys(c.get('kernel'), c.get('actor')) }));
  app.post('/', async (c) => {
    const body = (await readJsonBody(c)) as Record<string, unknown>;
    if (
      typeof body !== 'object' ||
      body === null ||
      typeof body.name !== 'string' ||
      !Array.isArray(body.roles) ||
      (body.userId !== undefined && typeof body.userId !== 'string')
    ) {
      throw new HttpProblem(
        'BAD_REQUEST',
        'send { "name": "...", "roles": ["..."], "attributes"?: {...}, "userId"?: "<user id or e-mail>" }',
      );
    }
    const { key, record } = await createApiKey(c.get('kernel'), {
      name: body.name,
      roles: body.roles as string[],
      ...(body.attributes ? { attributes: body.attributes as Record<string, string> } : {}),
      ...(typeof body.userId === 'string' ? { userId: body.userId } : {}),
      actor: c.get('actor'),
    });
    const { hash: _hash, ...visible } = record;
    return c.json({ key, record: visible }, 201);
  });
  app.delete('/:id', async (c) => {
    const { hash: _hash, ...visible } = await revokeApiKey(
      c.get('kernel'),
      c.req.param('id'),
      c.get('actor'),
    );
    return c.json(visible);
  });
  return app;
}
