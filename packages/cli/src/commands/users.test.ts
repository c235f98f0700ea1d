import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { memoryConfig, projectsRemovedAfterAll } from '../test-support/cli-harness.js';
import { serveInProcess } from '../test-support/serve-harness.js';

const newProject = projectsRemovedAfterAll();
const project = (volume: string) => newProject(memoryConfig(volume));
const PASSWORD_LINE = /^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}\n$/;

/** Signs in against a running server; the status of the answer. */
async function signIn(url: string, email: string, password: string): Promise<number> {
  const res = await fetch(new URL('api/auth/sign-in', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

describe('rapport users (direct, on the config store)', () => {
  it('adds a user with a generated password printed once, lists, changes and deactivates them', async () => {
    const p = await project('users-direct');
    const added = await p.run([
      'users',
      'add',
      '-n',
      'Mei Chen',
      '-e',
      'Mei@Example.com',
      '-r',
      'agent',
      '-t',
      'north',
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(PASSWORD_LINE);
    expect(added.stderr).toMatch(
      /^Added Mei@Example.com \([\w-]+\)\. The password above is shown this once\.\n$/,
    );

    const listed = JSON.parse((await p.run(['users', 'list', '--json'])).stdout) as Array<
      Record<string, unknown>
    >;
    expect(listed).toEqual([
      expect.objectContaining({
        email: 'Mei@Example.com',
        roles: ['agent'],
        team: 'north',
        active: true,
        passwordSet: true,
      }),
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/argon2|passwordHash|emailKey/);
    expect(JSON.stringify(listed)).not.toContain(added.stdout.trim());
    const table = (await p.run(['users', 'list'])).stdout;
    expect(table).toMatch(/Mei@Example\.com\s+Mei Chen\s+agent\s+north\s+active\s+never/);

    const changed = await p.run([
      'users',
      'set',
      'mei@example.com',
      '--role',
      'viewer',
      '--role',
      'agent',
      '--no-team',
    ]);
    expect(changed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^changed Mei@Example.com/) });
    const after = JSON.parse((await p.run(['users', 'list', '--json'])).stdout) as Array<
      Record<string, unknown>
    >;
    expect(after[0]).toMatchObject({ roles: ['viewer', 'agent'], team: null });

    const off = await p.run(['users', 'deactivate', 'MEI@example.com']);
    expect(off.stdout).toMatch(/^deactivated Mei@Example.com/);
    expect((await p.run(['users', 'list'])).stdout).toMatch(/inactive/);
    expect((await p.run(['users', 'set', 'mei@example.com', '--active'])).code).toBe(0);
  });

  it('takes a password from stdin, resets one, and explains failures', async () => {
    const p = await project('users-stdin');
    const added = await p.run(
      ['users', 'add', '-n', 'Ann', '-e', 'ann@example.com', '-r', 'viewer', '--password-stdin'],
      {
        stdin: Readable.from(['a chosen passphrase\nignored\n']),
      },
    );
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Added ann@example.com \(/) });
    const weak = await p.run(
      ['users', 'add', '-n', 'B', '-e', 'b@example.com', '-r', 'viewer', '--password-stdin'],
      {
        stdin: Readable.from(['short\n']),
      },
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password must be at least 12 characters long/);
    const taken = await p.run(['users', 'add', '-n', 'A', '-e', 'ANN@example.com', '-r', 'viewer']);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/another user already has this e-mail address.*\(CONFLICT\)/);
    const role = await p.run(['users', 'add', '-n', 'A', '-e', 'c@example.com', '-r', 'wizard']);
    expect(role.stderr).toMatch(/roles names unknown role\(s\) wizard/);
    const reset = await p.run(['users', 'reset-password', 'ann@example.com']);
    expect(reset.stdout).toMatch(PASSWORD_LINE);
    expect(reset.stderr).toMatch(/^New password for ann@example.com/);
    const nothing = await p.run(['users', 'set', 'ann@example.com']);
    expect(nothing.code).toBe(2);
    const unknown = await p.run(['users', 'deactivate', 'nobody@example.com']);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/\(NOT_FOUND\)\n$/) });
  });
});

describe('rapport serve: the first admin user', () => {
  it('creates an admin user on first start and prints the password once; a restart prints nothing', async () => {
    const p = await project('users-first-start');
    const first = await serveInProcess(p);
    let password = '';
    try {
      const out = first.stdout();
      expect(out).toContain('Created an admin user. The password is shown this once; sign in with:');
      expect(out).toContain('  e-mail:   admin@example.com');
      password = /password: (\S+)/.exec(out)?.[1] ?? '';
      expect(`${password}\n`).toMatch(PASSWORD_LINE);
      expect(await signIn(first.url, 'admin@example.com', password)).toBe(200);
    } finally {
      const stopped = await first.stop();
      expect(stopped.stderr).not.toContain(password);
    }
    const second = await serveInProcess(p);
    try {
      expect(second.stdout()).not.toContain('admin user');
      expect(await signIn(second.url, 'admin@example.com', password)).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('uses RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD without printing the password', async () => {
    const p = await project('users-admin-env');
    const env = { RAPPORT_ADMIN_EMAIL: 'boss@example.com', RAPPORT_ADMIN_PASSWORD: 'the boss passphrase' };
    const server = await serveInProcess(p, env);
    try {
      expect(server.stdout()).toContain(
        'Created an admin user boss@example.com with the password of RAPPORT_ADMIN_PASSWORD.',
      );
      expect(server.stdout()).not.toContain(env.RAPPORT_ADMIN_PASSWORD);
      expect(await signIn(server.url, 'boss@example.com', env.RAPPORT_ADMIN_PASSWORD)).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('rapport users --url (through /api/users)', () => {
  it('adds, lists, changes and resets through the server; keys can act as a user', async () => {
    const p = await project('users-http');
    const admin = `rk_UsersHttpAd1_${'d'.repeat(43)}`;
    const server = await serveInProcess(p, {
      RAPPORT_ADMIN_KEY: admin,
      RAPPORT_ADMIN_PASSWORD: 'the admin passphrase',
    });
    try {
      const env = { RAPPORT_URL: server.url, RAPPORT_ADMIN_KEY: admin };
      const added = await p.run(['users', 'add', '-n', 'Rep', '-e', 'rep@example.com', '-r', 'agent'], {
        env,
      });
      expect(added.stdout).toMatch(PASSWORD_LINE);
      expect(await signIn(server.url, 'rep@example.com', added.stdout.trim())).toBe(200);
      const listed = JSON.parse((await p.run(['users', 'list', '--json'], { env })).stdout) as Array<{
        email: string;
      }>;
      expect(listed.map((u) => u.email).sort()).toEqual(['admin@example.com', 'rep@example.com']);
      expect((await p.run(['users', 'set', 'rep@example.com', '-t', 'south'], { env })).code).toBe(0);
      const reset = await p.run(['users', 'reset-password', 'rep@example.com'], { env });
      expect(reset.stdout).toMatch(PASSWORD_LINE);
      expect(await signIn(server.url, 'rep@example.com', added.stdout.trim())).toBe(401);
      const key = JSON.parse(
        (await p.run(['keys', 'create', '-n', 'rep script', '--user', 'rep@example.com', '--json'], { env }))
          .stdout,
      ) as { key: string; roles: string[] };
      expect(key.roles).toEqual(['agent']);
      const me = await fetch(new URL('api/me', server.url), {
        headers: { authorization: `Bearer ${key.key}` },
      });
      expect(((await me.json()) as { user: { email: string } }).user.email).toBe('rep@example.com');
      expect((await p.run(['users', 'deactivate', 'rep@example.com'], { env })).code).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
