import {
  type FieldError,
  MAX_PAGE_SIZE,
  parseSecretKeyring,
  timeZoneProblem,
  ValidationError,
} from '@rapport/core';
import {
  corsOptionProblems,
  metricsOptionProblems,
  rateLimitOptionProblems,
  sessionOptionProblems,
  signInThrottleProblems,
} from '@rapport/server';
import type { RapportConfig } from './define-config.js';

type Check = (value: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? undefined
      : `must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`} (got ${describe(value)})`;
const string: Check = (value) =>
  typeof value === 'string' && value.length > 0
    ? undefined
    : `must be a non-empty string (got ${describe(value)})`;
const boolean: Check = (value) =>
  typeof value === 'boolean' ? undefined : `must be true or false (got ${describe(value)})`;

/** `createServer` options and the listen options, with what each must be. */
const SERVER_FIELDS: Record<string, Check> = {
  port: integer(0, 65_535),
  hostname: string,
  shutdownGraceMs: integer(0),
  title: string,
  version: string,
  bodyLimitBytes: integer(1, 104_857_600),
  requestTimeoutMs: integer(1),
  maxQueryParameters: integer(1),
  requireIfMatch: boolean,
  keyCacheMs: integer(0),
  logRequests: boolean,
  batchResponses: boolean,
  // Checked field by field below, with the server's own rules.
  rateLimit: () => undefined,
  cors: () => undefined,
  sessions: () => undefined,
  signInThrottle: () => undefined,
  trustedProxy: (value) =>
    isObject(value) &&
    typeof value.header === 'string' &&
    (value.hops === undefined || (Number.isInteger(value.hops) && (value.hops as number) >= 1)) &&
    (value.protoHeader === undefined || typeof value.protoHeader === 'string')
      ? undefined
      : `must be { header: string, hops?: positive integer, protoHeader?: string } (got ${describe(value)})`,
  docs: (value) =>
    value === false || (isObject(value) && (value.cdn === undefined || typeof value.cdn === 'string'))
      ? undefined
      : `must be false or { cdn?: string } (got ${describe(value)})`,
  metrics: (value) =>
    value === false || (isObject(value) && (value.token === undefined || typeof value.token === 'string'))
      ? undefined
      : `must be false or { token?: string } (got ${describe(value)})`,
};

const TELEMETRY_FIELDS: Record<string, Check> = {
  tracing: (value) =>
    typeof value === 'boolean' || (isObject(value) && typeof value.startActiveSpan === 'function')
      ? undefined
      : `must be true, false or an OpenTelemetry Tracer (got ${describe(value)})`,
};

function isStore(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.open === 'function' &&
    typeof value.transaction === 'function' &&
    typeof value.close === 'function'
  );
}

function isPlugin(value: unknown): boolean {
  const definition = (value as { definition?: unknown } | null)?.definition;
  return (
    (typeof value === 'function' || isObject(value)) &&
    isObject(definition) &&
    typeof definition.id === 'string' &&
    typeof definition.register === 'function'
  );
}

function checkPlugins(value: unknown, errors: FieldError[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    errors.push({
      path: 'plugins',
      rule: 'type',
      message: `must be an array of plugins (got ${describe(value)})`,
    });
    return;
  }
  value.forEach((plugin, i) => {
    if (!isPlugin(plugin)) {
      errors.push({
        path: `plugins[${i}]`,
        rule: 'plugin',
        message: `must be a plugin made with definePlugin, such as customers() (got ${describe(plugin)})`,
      });
    }
  });
}

function checkSection(
  section: string,
  value: unknown,
  fields: Record<string, Check>,
  errors: FieldError[],
): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    errors.push({ path: section, rule: 'type', message: `must be an object (got ${describe(value)})` });
    return;
  }
  for (const [key, field] of Object.entries(value)) {
    const check = fields[key];
    if (!check) {
      errors.push({
        path: `${section}.${key}`,
        rule: 'unknown',
        message: `is not a known option (known: ${Object.keys(fields).join(', ')})`,
      });
      continue;
    }
    if (field === undefined) continue;
    const problem = check(field);
    if (problem) errors.push({ path: `${section}.${key}`, rule: 'type', message: problem });
  }
}

function checkRoles(value: unknown, errors: FieldError[]): void {
  if (value === undefined) return;
  if (!isObject(value)) {
    errors.push({ path: 'access', rule: 'type', message: `must be an object (got ${describe(value)})` });
    return;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'roles')
      errors.push({
        path: `access.${key}`,
        rule: 'unknown',
        message: 'is not a known option (known: roles)',
      });
  }
  const roles = value.roles;
  if (roles === undefined) return;
  if (!isObject(roles)) {
    errors.push({
      path: 'access.roles',
      rule: 'type',
      message: `must map role names to permission lists (got ${describe(roles)})`,
    });
    return;
  }
  for (const [role, permissions] of Object.entries(roles)) {
    if (!Array.isArray(permissions) || !permissions.every((p) => typeof p === 'string')) {
      errors.push({
        path: `access.roles.${role}`,
        rule: 'type',
        message: `must be a list of permissions such as ['deal:read'] (got ${describe(permissions)})`,
      });
    }
  }
}

/** Why a server secret cannot be used (never quoting it), or `undefined` when it can. */
export function checkSecret(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    return `must be a string (got ${typeof value === 'object' ? 'an object' : typeof value})`;
  try {
    parseSecretKeyring(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const KNOWN = [
  'store',
  'plugins',
  'server',
  'access',
  'query',
  'outbox',
  'jobs',
  'timeZone',
  'secret',
  'logger',
  'telemetry',
  'seed',
];

/**
 * Checks the shape of a loaded config and returns it typed; every problem is listed in one
 * `ValidationError` (code `VALIDATION_FAILED`) whose field errors name the wrong field.
 */
export function validateConfig(value: unknown, source: string): RapportConfig {
  const errors: FieldError[] = [];
  if (!isObject(value)) {
    throw new ValidationError(`${source} must export a config object (got ${describe(value)})`, [
      {
        path: '',
        rule: 'type',
        message: 'export `config` (or a default export) made with defineConfig({ store, plugins })',
      },
    ]);
  }
  for (const key of Object.keys(value)) {
    if (!KNOWN.includes(key)) {
      errors.push({
        path: key,
        rule: 'unknown',
        message: `is not a config field (known: ${KNOWN.join(', ')})`,
      });
    }
  }
  if (value.store === undefined) {
    errors.push({
      path: 'store',
      rule: 'required',
      message: 'is required: a store factory such as () => memoryStore()',
    });
  } else if (typeof value.store !== 'function' && !isStore(value.store)) {
    errors.push({
      path: 'store',
      rule: 'type',
      message: `must be a DataStore or a function returning one (got ${describe(value.store)})`,
    });
  }
  checkPlugins(value.plugins, errors);
  checkSection('server', value.server, SERVER_FIELDS, errors);
  if (isObject(value.server)) {
    errors.push(
      ...rateLimitOptionProblems(value.server.rateLimit, 'server.rateLimit'),
      ...corsOptionProblems(value.server.cors, 'server.cors'),
      ...[
        ...sessionOptionProblems(value.server.sessions as never),
        ...signInThrottleProblems(value.server.signInThrottle as never),
        ...(isObject(value.server.metrics) ? metricsOptionProblems(value.server.metrics as never) : []),
      ].map((problem) => ({ ...problem, path: `server.${problem.path}` })),
    );
  }
  checkRoles(value.access, errors);
  checkSection(
    'query',
    value.query,
    { defaultLimit: integer(1, MAX_PAGE_SIZE), maxLimit: integer(1, MAX_PAGE_SIZE) },
    errors,
  );
  checkSection('jobs', value.jobs, { timer: boolean, tickMs: integer(1) }, errors);
  checkSection('telemetry', value.telemetry, TELEMETRY_FIELDS, errors);
  if (value.outbox !== undefined && !isObject(value.outbox)) {
    errors.push({
      path: 'outbox',
      rule: 'type',
      message: `must be an object (got ${describe(value.outbox)})`,
    });
  }
  const secretProblem = checkSecret(value.secret);
  if (secretProblem) errors.push({ path: 'secret', rule: 'secret', message: secretProblem });
  const zoneProblem = value.timeZone === undefined ? undefined : timeZoneProblem(value.timeZone);
  if (zoneProblem) errors.push({ path: 'timeZone', rule: 'timeZone', message: zoneProblem });
  const logger = value.logger;
  if (logger !== undefined) {
    const isPino = isObject(logger) && typeof logger.child === 'function';
    const isLevel =
      isObject(logger) &&
      Object.keys(logger).every((k) => k === 'level') &&
      (logger.level === undefined || typeof logger.level === 'string');
    if (!isPino && !isLevel) {
      errors.push({
        path: 'logger',
        rule: 'type',
        message: `must be a pino logger or { level: 'info' } (got ${describe(logger)})`,
      });
    }
  }
  if (value.seed !== undefined && typeof value.seed !== 'function') {
    errors.push({
      path: 'seed',
      rule: 'type',
      message: `must be a function (kernel) => Promise<void> (got ${describe(value.seed)})`,
    });
  }
  if (errors.length > 0) {
    throw new ValidationError(`${source} is not a valid Rapport config`, errors);
  }
  return value as unknown as RapportConfig;
}
