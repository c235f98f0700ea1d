import { RapportError, ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { formatError } from './errors.js';
import { memoryConfig, projectsRemovedAfterAll } from './test-support/cli-harness.js';

const project = projectsRemovedAfterAll();

describe('runCli', () => {
  it('prints help and the version with exit 0', async () => {
    const p = await project();
    const help = await p.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: rapport [options] [command]');
    expect(help.stdout).toContain('Exit codes: 0 ok, 1 failure');
    expect((await p.run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await p.run(['import', '--help'])).stdout).toContain('--allow-errors');
  });

  it('exits 2 on usage errors: unknown command or option, missing argument, bad number', async () => {
    const p = await project();
    for (const argv of [
      ['frobnicate'],
      ['export'],
      ['export', 'deal', '--colour'],
      ['serve', '--port', 'x'],
      [],
    ]) {
      const result = await p.run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
    }
    expect((await p.run(['serve', '--port', 'x'])).stderr).toContain(
      "error: option '-p, --port <port>' argument 'x' is invalid. must be a whole number from 0 to 65535.",
    );
  });

  it('exits 1 with one line when there is no config, or the config is wrong', async () => {
    const empty = await project();
    const none = await empty.run(['keys', 'list']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /^error: no rapport.config.ts \(or .mts, .js, .mjs\) in .*; run `rapport init` to create one, or pass --config <file> \(CONFIG_NOT_FOUND\)\n$/,
    );
    const wrong = await project('export const config = { store: 1, plugins: [1], server: { port: -1 } };');
    const invalid = await wrong.run(['seed']);
    expect(invalid.stderr).toBe(
      `error: ${wrong.dir}/rapport.config.ts is not a valid Rapport config (VALIDATION_FAILED): ` +
        'store must be a DataStore or a function returning one (got number 1); ' +
        'plugins[0] must be a plugin made with definePlugin, such as customers() (got number 1); ' +
        'server.port must be an integer from 0 to 65535 (got number -1)\n',
    );
  });

  it('prints the stack only with RAPPORT_DEBUG=1', async () => {
    const p = await project(memoryConfig('debug'));
    const plain = await p.run(['export', 'deal', '--where', '{"nope":1}']);
    expect(plain.stderr.split('\n')).toHaveLength(2);
    const debug = await p.run(['export', 'deal', '--where', '{"nope":1}'], { env: { RAPPORT_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/^error: .*\n.*InvalidQueryError.*\n\s+at /);
  });

  it('finds the config given with --config, relative to the working directory', async () => {
    const p = await project();
    await p.write('prod.config.ts', memoryConfig('by-flag'));
    expect((await p.run(['export', 'note', '--config', 'prod.config.ts'])).stdout).toBe(
      'id,text,createdAt,updatedAt,version\n',
    );
  });
});

describe('formatError', () => {
  it('gives one line with the code and the field errors', () => {
    const error = new ValidationError('the deal is invalid', [
      { path: 'title', rule: 'required', message: 'is required' },
      { path: '', rule: 'x', message: 'the record is odd' },
    ]);
    expect(formatError(error)).toBe(
      'error: the deal is invalid (VALIDATION_FAILED): title is required; the record is odd',
    );
    expect(formatError(new RapportError('NOT_FOUND', 'no deal x'))).toBe('error: no deal x (NOT_FOUND)');
    expect(formatError(new Error('plain'))).toBe('error: plain');
    expect(formatError('text')).toBe('error: text');
  });
});
