import { describe, expect, it } from 'vitest';
import { memoryConfig, projectsRemovedAfterAll } from '../test-support/cli-harness.js';
import { serveInProcess } from '../test-support/serve-harness.js';
import { parseAttributes } from './keys.js';

const newProject = projectsRemovedAfterAll();
const project = (volume: string) => newProject(memoryConfig(volume));

describe('rapport keys (direct, on the config store)', () => {
  it('creates a key (printed once on stdout), lists it without secrets, and revokes it by key id', async () => {
    const p = await project('keys-direct');
    const created = await p.run([
      'keys',
      'create',
      '--name',
      'billing sync',
      '--role',
      'agent',
      '--role',
      'viewer',
      '--attr',
      'team=north',
    ]);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^rk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const keyId = key.slice(3, 15);
    expect(created.stderr).toContain(
      `Created key ${keyId} (billing sync; roles agent, viewer). The key above is shown this once.`,
    );

    const listed = await p.run(['keys', 'list', '--json']);
    const keys = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      keyId,
      name: 'billing sync',
      roles: ['agent', 'viewer'],
      attributes: { team: 'north' },
    });
    expect(keys[0]?.createdBy).toMatch(/^cli:/);
    expect(JSON.stringify(keys)).not.toContain(key.slice(16));
    expect(keys[0]).not.toHaveProperty('hash');

    const table = await p.run(['keys', 'list']);
    expect(table.stdout).toMatch(
      new RegExp(`${keyId}\\s+billing sync\\s+agent,viewer\\s+team=north\\s+\\S+\\s+active`),
    );

    const revoked = await p.run(['keys', 'revoke', keyId]);
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${keyId} (billing sync)\n` });
    expect((await p.run(['keys', 'list'])).stdout).toMatch(/revoked \d{4}-/);
  });

  it('prints { key, id } with --json, and revokes by record id', async () => {
    const p = await project('keys-json');
    const created = JSON.parse(
      (await p.run(['keys', 'create', '-n', 'ops', '-r', 'admin', '--json'])).stdout,
    ) as { key: string; id: string };
    expect(created.key).toMatch(/^rk_/);
    const revoked = JSON.parse((await p.run(['keys', 'revoke', created.id, '--json'])).stdout) as {
      revokedAt?: string;
    };
    expect(revoked.revokedAt).toBeDefined();
  });

  it('explains failures: unknown role, unknown key, missing option, bad attribute', async () => {
    const p = await project('keys-errors');
    const role = await p.run(['keys', 'create', '--name', 'x', '--role', 'wizard']);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(
      /^error: unknown role\(s\): wizard \(VALIDATION_FAILED\): roles must name existing roles \(admin, manager, agent, viewer\)\n$/,
    );
    const missing = await p.run(['keys', 'revoke', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/\(NOT_FOUND\)\n$/);
    const noRole = await p.run(['keys', 'create', '--name', 'x']);
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toContain('error: give the key a --role (or a --user to act as)');
    const attr = await p.run(['keys', 'create', '--name', 'x', '--role', 'admin', '--attr', 'north']);
    expect(attr).toMatchObject({
      code: 2,
      stderr: 'error: --attr "north" must look like name=value (e.g. team=north)\n',
    });
  });

  it('parses attributes', () => {
    expect(parseAttributes(['team=north', 'region = eu = west'])).toEqual({
      team: 'north',
      region: 'eu = west',
    });
    expect(parseAttributes([])).toBeUndefined();
  });
});

describe('rapport keys --url (through the admin routes)', () => {
  it('creates, lists and revokes with an admin key; a non-admin key is refused', async () => {
    const p = await project('keys-http');
    const admin = `rk_KeysHttpAdm1_${'c'.repeat(43)}`;
    const server = await serveInProcess(p, { RAPPORT_ADMIN_KEY: admin });
    try {
      const env = { RAPPORT_URL: server.url, RAPPORT_ADMIN_KEY: admin };
      const created = JSON.parse(
        (await p.run(['keys', 'create', '-n', 'viewer', '-r', 'viewer', '--json'], { env })).stdout,
      ) as {
        key: string;
        keyId: string;
      };
      const list = JSON.parse((await p.run(['keys', 'list', '--json'], { env })).stdout) as Array<{
        keyId: string;
        name: string;
      }>;
      expect(list.map((k) => k.name)).toEqual(['admin (RAPPORT_ADMIN_KEY)', 'viewer']);
      const refused = await p.run(['keys', 'list', '--admin-key', created.key], { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/\(FORBIDDEN\)\n$/);
      expect((await p.run(['keys', 'revoke', created.keyId], { env })).stdout).toBe(
        `revoked ${created.keyId} (viewer)\n`,
      );
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });
});
