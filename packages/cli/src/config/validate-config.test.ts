import { memoryStore, ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { crm } from '../test-support/crm-plugin.js';
import { validateConfig } from './validate-config.js';

function problems(value: unknown): Array<{ path: string; message: string }> {
  try {
    validateConfig(value, 'rapport.config.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected a ValidationError');
}

describe('validateConfig', () => {
  it('accepts a store factory or instance, plugins as factories or instances, and every section', () => {
    const config = {
      store: () => memoryStore(),
      plugins: [crm, crm()],
      server: {
        port: 0,
        hostname: '0.0.0.0',
        title: 'ACME',
        docs: false,
        requireIfMatch: true,
        shutdownGraceMs: 100,
        batchResponses: false,
        rateLimit: {
          limit: 600,
          burst: 50,
          policies: { bulk: { limit: 6000 } },
          roles: { integration: 'bulk' },
        },
        cors: { origins: ['https://crm.example.com'], credentials: true },
      },
      access: { roles: { support: ['deal:read'] } },
      query: { defaultLimit: 20, maxLimit: 100 },
      timeZone: 'Europe/Berlin',
      logger: { level: 'warn' },
      async seed() {},
    };
    expect(validateConfig(config, 'x')).toBe(config);
    expect(validateConfig({ store: memoryStore() }, 'x').plugins).toBeUndefined();
  });

  it('names a missing or wrong store', () => {
    expect(problems({ plugins: [] })).toEqual([
      { path: 'store', message: 'is required: a store factory such as () => memoryStore()' },
    ]);
    expect(problems({ store: 'postgres://x' })).toEqual([
      {
        path: 'store',
        message: 'must be a DataStore or a function returning one (got the string "postgres://x")',
      },
    ]);
  });

  it('names each wrong plugin by its index', () => {
    expect(problems({ store: () => memoryStore(), plugins: [crm(), 'sales', {}] })).toEqual([
      {
        path: 'plugins[1]',
        message: 'must be a plugin made with definePlugin, such as customers() (got the string "sales")',
      },
      {
        path: 'plugins[2]',
        message: 'must be a plugin made with definePlugin, such as customers() (got an object)',
      },
    ]);
  });

  it('names wrong and unknown server, access, query and top-level fields all at once', () => {
    expect(
      problems({
        store: () => memoryStore(),
        server: { port: 70_000, host: 'x', docs: 'yes' },
        access: { roles: { support: 'deal:read' } },
        query: { maxLimit: 0 },
        seed: 'demo',
        logger: 'debug',
        stores: {},
      }),
    ).toEqual([
      {
        path: 'stores',
        message:
          'is not a config field (known: store, plugins, server, access, query, outbox, jobs, timeZone, secret, logger, telemetry, seed)',
      },
      { path: 'server.port', message: 'must be an integer from 0 to 65535 (got number 70000)' },
      {
        path: 'server.host',
        message: expect.stringMatching(/^is not a known option \(known: port, hostname,/),
      },
      { path: 'server.docs', message: 'must be false or { cdn?: string } (got the string "yes")' },
      {
        path: 'access.roles.support',
        message: `must be a list of permissions such as ['deal:read'] (got the string "deal:read")`,
      },
      { path: 'query.maxLimit', message: 'must be an integer from 1 to 1000 (got number 0)' },
      { path: 'logger', message: `must be a pino logger or { level: 'info' } (got the string "debug")` },
      { path: 'seed', message: 'must be a function (kernel) => Promise<void> (got the string "demo")' },
    ]);
  });

  it('checks server.metrics and telemetry', () => {
    expect(
      problems({
        store: () => memoryStore(),
        server: { metrics: { token: 'short' } },
        telemetry: { tracing: 'yes', sampling: 1 },
      }),
    ).toEqual([
      { path: 'server.metrics.token', message: 'must be at least 16 characters (got 5)' },
      {
        path: 'telemetry.tracing',
        message: 'must be true, false or an OpenTelemetry Tracer (got the string "yes")',
      },
      { path: 'telemetry.sampling', message: 'is not a known option (known: tracing)' },
    ]);
    expect(problems({ store: () => memoryStore(), server: { metrics: 'on' } })).toEqual([
      { path: 'server.metrics', message: 'must be false or { token?: string } (got the string "on")' },
    ]);
  });

  it('checks server.rateLimit and server.cors field by field', () => {
    expect(
      problems({
        store: () => memoryStore(),
        server: {
          rateLimit: { limit: 0, roles: { agent: 'bulk' } },
          cors: { origins: ['crm.example.com'], maxAgeSeconds: -1 },
        },
      }),
    ).toEqual([
      { path: 'server.rateLimit.limit', message: 'must be a positive integer up to 1000000000, got 0' },
      {
        path: 'server.rateLimit.roles.agent',
        message: `must be 'default', 'off' or a policy name (none defined), got "bulk"`,
      },
      {
        path: 'server.cors.origins.0',
        message:
          'must be an origin such as \'https://crm.example.com\' (scheme and host, no path), got "crm.example.com"',
      },
      { path: 'server.cors.maxAgeSeconds', message: 'must be an integer from 0 to 86400, got -1' },
    ]);
    expect(validateConfig({ store: () => memoryStore(), server: { rateLimit: false } }, 'x').server).toEqual({
      rateLimit: false,
    });
  });

  it('catches a PORT that is not a number (NaN from Number(env.PORT))', () => {
    expect(problems({ store: () => memoryStore(), server: { port: Number('abc') } })).toEqual([
      { path: 'server.port', message: 'must be an integer from 0 to 65535 (got number NaN)' },
    ]);
  });

  it('names a time zone the runtime does not know', () => {
    expect(problems({ store: () => memoryStore(), timeZone: 'Europe/Berlim' })).toEqual([
      {
        path: 'timeZone',
        message:
          "'Europe/Berlim' is not an IANA time zone name (such as 'Europe/Berlin', 'America/New_York' or 'UTC')",
      },
    ]);
    expect(problems({ store: () => memoryStore(), timeZone: '' })).toEqual([
      {
        path: 'timeZone',
        message:
          "must be an IANA time zone name such as 'Europe/Berlin', 'America/New_York' or 'UTC' (got an empty string)",
      },
    ]);
  });

  it('refuses something that is not an object', () => {
    expect(() => validateConfig([], 'rapport.config.ts')).toThrow(
      'rapport.config.ts must export a config object (got an array)',
    );
  });
});

describe('validateConfig: the server secret', () => {
  it('names a secret that cannot be used without quoting it', () => {
    const errors = problems({ store: () => memoryStore(), secret: 'k1:short-secret' });
    expect(errors).toEqual([
      {
        path: 'secret',
        message:
          'the secret of entry 1 is 12 characters long; it needs at least 32 (for example `openssl rand -base64 32`)',
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain('short-secret');
    expect(problems({ store: () => memoryStore(), secret: 42 })).toEqual([
      { path: 'secret', message: 'must be a string (got number)' },
    ]);
  });
});
