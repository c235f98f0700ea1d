import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootUserServer, type UserServer } from '../test-support/user-fixture.js';
import { unboundedOpenApiPaths } from './unbounded-paths.js';

describe('OpenAPI document with users', () => {
  let s: UserServer;
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document
  let doc: any;
  beforeAll(async () => {
    s = await bootUserServer();
    doc = await (await s.app.request('/openapi.json')).json();
  });
  afterAll(() => s.t.stop());

  it('is valid, and documents sign-in, /api/me and /api/users with the session cookie', async () => {
    const result = await validate(structuredClone(doc));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/sign-in',
        '/api/auth/sign-out',
        '/api/me',
        '/api/me/password',
        '/api/users',
        '/api/users/{id}',
        '/api/users/{id}/password',
      ]),
    );
    expect(doc.paths['/api/auth/sign-in'].post.security).toEqual([]);
    expect(doc.security).toEqual([{ apiKey: [] }, { session: [] }]);
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'rapport_session',
    });
    expect(doc.components.schemas.SignedIn.required).toEqual(['user', 'csrfToken']);
    expect(Object.keys(doc.components.schemas.UserProfile.properties)).toEqual([
      'id',
      'name',
      'email',
      'roles',
      'team',
      'language',
      'timeZone',
    ]);
  });

  it('never mentions a password hash, and bounds every value of the user routes', () => {
    expect(JSON.stringify(doc)).not.toMatch(/passwordHash|emailKey/);
    const unbounded = unboundedOpenApiPaths(doc).filter((line) =>
      /User|SignIn|SignedIn|Password|Me\b/.test(line),
    );
    expect(unbounded).toEqual([]);
  });

  it('does not list users where the users plugin is missing, but still documents /api/me', async () => {
    const { bootServer } = await import('../test-support/fixture.js');
    const f = await bootServer();
    // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document
    const plain: any = await (await f.app.request('/openapi.json')).json();
    expect(plain.paths['/api/users']).toBeUndefined();
    expect(plain.paths['/api/me']).toBeDefined();
    expect(plain.components.schemas.Me.properties.user).toMatchObject({ type: 'null' });
    const result = await validate(structuredClone(plain));
    expect(result.valid).toBe(true);
    await f.t.stop();
  });
});
