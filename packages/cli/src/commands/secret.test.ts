import { describe, expect, it } from 'vitest';
import { memoryConfig, projectsRemovedAfterAll } from '../test-support/cli-harness.js';

const project = projectsRemovedAfterAll();
const NEW = `${'n'.repeat(20)}EwSecretValue1234`;
const OLD = `${'o'.repeat(20)}LdSecretValue5678`;

describe('rapport secret', () => {
  it('lists, rotates and retires the keys of a generated secret, never showing a secret', async () => {
    const p = await project(memoryConfig('secret-stored'));
    const listed = await p.run(['secret', 'list', '--json']);
    expect(listed.code).toBe(0);
    const first = JSON.parse(listed.stdout) as {
      source: string;
      keys: Array<{ kid: string; current: boolean }>;
    };
    expect(first.source).toBe('store');
    expect(first.keys).toEqual([expect.objectContaining({ current: true })]);
    const old = first.keys[0]?.kid as string;

    const rotated = await p.run(['secret', 'rotate', '--json']);
    const next = JSON.parse(rotated.stdout) as { kid: string };
    expect(next.kid).not.toBe(old);
    const table = await p.run(['secret', 'list']);
    expect(table.stdout).toContain('source: the store (generated)');
    expect(table.stdout.indexOf(next.kid)).toBeLessThan(table.stdout.indexOf(old));
    expect(table.stdout).toMatch(new RegExp(`${old}.*verifies\\n`));

    const current = await p.run(['secret', 'retire', next.kid]);
    expect(current).toMatchObject({ code: 1 });
    expect(current.stderr).toContain('signs new tokens; rotate first');
    expect(await p.run(['secret', 'retire', old])).toMatchObject({ code: 0, stdout: `retired ${old}\n` });
    const after = JSON.parse((await p.run(['secret', 'list', '--json'])).stdout) as {
      keys: Array<{ kid: string }>;
    };
    expect(after.keys.map((key) => key.kid)).toEqual([next.kid]);
  });

  it('reads RAPPORT_SECRET, and says to rotate it there', async () => {
    const p = await project(memoryConfig('secret-env'));
    const env = { RAPPORT_SECRET: `k2:${NEW},k1:${OLD}` };
    const listed = await p.run(['secret', 'list'], { env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('source: RAPPORT_SECRET');
    expect(listed.stdout).toMatch(/k2 .*signs and verifies\n.*k1 .*verifies\n/s);
    const rotate = await p.run(['secret', 'rotate'], { env });
    expect(rotate.code).toBe(1);
    expect(rotate.stderr).toContain('rotate it there by putting a new kid:secret pair first');
    for (const output of [listed.stdout, listed.stderr, rotate.stdout, rotate.stderr]) {
      expect(output).not.toContain(NEW);
      expect(output).not.toContain(OLD);
    }
  });

  it('refuses a RAPPORT_SECRET or config secret that cannot be used, without quoting it', async () => {
    const p = await project(memoryConfig('secret-bad'));
    const bad = await p.run(['secret', 'list'], { env: { RAPPORT_SECRET: 'k1:tooShortToSign' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('RAPPORT_SECRET');
    expect(bad.stderr).toContain('needs at least 32');
    expect(bad.stderr).not.toContain('tooShortToSign');
    const inFile = await project(memoryConfig('secret-file', "secret: 'x:y',"));
    const refused = await inFile.run(['secret', 'list']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('secret');
    expect(refused.stderr).not.toContain("'x:y'");
  });
});
