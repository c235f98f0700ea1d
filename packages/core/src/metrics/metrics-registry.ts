import type { AccessControl } from '../access/access-control.js';
import { type Actor, SYSTEM_ACTOR } from '../access/actor.js';
import { assertPermission } from '../access/permissions.js';
import type { Repository } from '../data/repository.js';
import type { Token } from '../di/tokens.js';
import type { JsonSchema, JsonSchemaObject } from '../entities/json-schema.js';
import type { SchemaCheck } from '../entities/schema-validator.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { JsonValue } from '../query/types.js';

/** The period a metric is computed over, as epoch milliseconds (from inclusive, to exclusive). */
export interface MetricPeriod {
  from: number;
  to: number;
}

/** What `compute` receives beside the period. */
export interface MetricContext {
  /**
   * Repositories acting as the caller: their permissions and record rules apply, so a metric
   * counts exactly what the caller's lists and aggregates show. For a metric declared with
   * `access: { permission }`, repositories acting as the system.
   */
  data<T = Record<string, unknown>>(entity: string): Repository<T>;
  /** Who asked. */
  actor: Actor;
  /** The metric's parameters, checked against its `parameters` schema (defaults applied). */
  params: Readonly<Record<string, JsonValue>>;
  /** Resolves a service from the kernel container. */
  resolve<T>(token: Token<T>): T;
  now(): number;
  /** The deployment's IANA time zone: local dates of the period's bounds are taken in it. */
  timeZone: string;
}

/** The parameters of a metric: scalar properties (string, integer, number, boolean), some required. */
export interface MetricParameters {
  properties: Record<string, JsonSchema>;
  required?: string[];
}

/**
 * Who may read a metric and as whom it is computed:
 * - `'caller'` (the default): computed through the caller's own repositories, so permissions
 *   and record rules apply to every read it makes (a rep's pipeline value is their deals' value);
 * - `{ permission }`: a figure that cannot be scoped to the caller (a company-wide ratio, a
 *   snapshot); computed as the system, and readable only with that `resource:action` permission.
 */
export type MetricAccess = 'caller' | { permission: string };

/** A named metric a plugin publishes (the BSC plugin binds KPIs to these). */
export interface MetricDefinition {
  /** `<plugin>.<name>`, e.g. `sales.winRate`. */
  id: string;
  /** `count`, `ratio`, `percent`, `days`, `EUR`, ... */
  unit: string;
  /** Which direction is good. */
  better: 'higher' | 'lower';
  description?: string;
  /** Default `'caller'`; see {@link MetricAccess}. */
  access?: MetricAccess;
  /**
   * The parameters that narrow the metric (`ownerId`, `pipeline`, ...): an object schema of
   * scalar properties. Unknown parameters are refused; the caller's record rules apply on top.
   */
  parameters?: MetricParameters;
  compute(period: MetricPeriod, context: MetricContext): Promise<number | null>;
}

/** A computed metric value. */
export interface MetricValue {
  id: string;
  unit: string;
  value: number | null;
  from: string;
  to: string;
  /** The parameters it was computed with (defaults applied). */
  params: Record<string, JsonValue>;
}

/** How a metric is described to callers (`GET /api/metrics`). */
export type MetricInfo = Omit<MetricDefinition, 'compute' | 'access'> & {
  plugin: string;
  access: MetricAccess;
};

/** Options of {@link MetricsRegistry.compute}. */
export interface ComputeOptions {
  actor: Actor;
  params?: Record<string, unknown>;
}

/** What the registry needs from the kernel. */
export interface MetricsRegistryDeps {
  access: AccessControl;
  compileSchema(schema: JsonSchemaObject): SchemaCheck;
  repository(entity: string, actor: Actor): Repository;
  resolve<T>(token: Token<T>): T;
  now(): number;
  timeZone: string;
}

interface RegisteredMetric extends MetricDefinition {
  plugin: string;
  checkParams: SchemaCheck;
}

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

/** Problems with a `parameters` schema: it must be an object of scalar properties. */
function parameterProblems(schema: JsonSchemaObject): string[] {
  if (schema.type !== 'object') return ["parameters must be a schema of type 'object'"];
  const problems: string[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const type = (property as { type?: unknown }).type;
    if (typeof type !== 'string' || !SCALAR_TYPES.has(type)) {
      problems.push(`parameter '${name}' must be a string, integer, number or boolean`);
    }
  }
  return problems;
}

/** What a running kernel shows of its metrics: their descriptions and their values. */
export type MetricsView = Pick<MetricsRegistry, 'list' | 'describe' | 'compute'>;

/**
 * The metrics every plugin published. Computes them on demand as the caller: a metric reads
 * through the caller's repositories unless it declares a permission of its own.
 */
export class MetricsRegistry {
  readonly #metrics = new Map<string, RegisteredMetric>();
  readonly #deps: MetricsRegistryDeps;

  constructor(deps: MetricsRegistryDeps) {
    this.#deps = deps;
  }

  /** Adds a metric; returns a message when it cannot (bad id, duplicate, bad parameters). */
  add(plugin: string, metric: MetricDefinition): string | undefined {
    if (!metric.id.startsWith(`${plugin}.`)) return `metric id '${metric.id}' must start with '${plugin}.'`;
    const existing = this.#metrics.get(metric.id);
    if (existing) return `metric '${metric.id}' is already defined by '${existing.plugin}'`;
    const parameters: JsonSchemaObject = {
      type: 'object',
      additionalProperties: false,
      properties: metric.parameters?.properties ?? {},
      ...(metric.parameters?.required ? { required: metric.parameters.required } : {}),
    };
    const problems = parameterProblems(parameters);
    if (problems.length > 0) return `metric '${metric.id}': ${problems.join('; ')}`;
    if (typeof metric.access === 'object') {
      try {
        assertPermission(metric.access.permission);
      } catch (cause) {
        return `metric '${metric.id}': access.permission ${(cause as Error).message}`;
      }
    }
    let checkParams: SchemaCheck;
    try {
      checkParams = this.#deps.compileSchema(parameters);
    } catch (cause) {
      return `metric '${metric.id}': parameters do not compile: ${(cause as Error).message}`;
    }
    this.#metrics.set(metric.id, {
      ...metric,
      parameters: {
        properties: parameters.properties,
        ...(parameters.required ? { required: parameters.required as string[] } : {}),
      },
      plugin,
      checkParams,
    });
    return undefined;
  }

  /** Every metric's description. */
  list(): MetricInfo[] {
    return [...this.#metrics.values()].map(({ compute: _c, checkParams: _p, access, ...rest }) => ({
      ...rest,
      access: access ?? 'caller',
    }));
  }

  /** One metric's description; `NOT_FOUND` when no plugin defines it. */
  describe(id: string): MetricInfo {
    const info = this.list().find((metric) => metric.id === id);
    if (!info) throw new NotFoundError(`metric '${id}' is not defined`, { details: { metric: id } });
    return info;
  }

  /**
   * Computes one metric over a period, as `actor`. Needs `metric:read`, and the metric's own
   * permission when it has one; a caller-scoped metric's reads need the caller's entity
   * permissions too (a 403 names the one missing).
   */
  async compute(id: string, period: MetricPeriod, options: ComputeOptions): Promise<MetricValue> {
    const { actor } = options;
    if (!actor) throw new TypeError(`metrics.compute('${id}') needs { actor }`);
    const { access } = this.#deps;
    access.assert(actor, 'metric', 'read');
    const metric = this.#metrics.get(id);
    if (!metric) throw new NotFoundError(`metric '${id}' is not defined`, { details: { metric: id } });
    if (!Number.isFinite(period.from) || !Number.isFinite(period.to) || period.from >= period.to) {
      throw new ValidationError('the metric period needs from < to', [
        { path: 'from', rule: 'range', message: 'must be a time before to' },
      ]);
    }
    const scoped = metric.access === undefined || metric.access === 'caller';
    if (!scoped) {
      const [resource, action] = (metric.access as { permission: string }).permission.split(':') as [
        string,
        string,
      ];
      if (!access.can(actor, resource, action)) {
        throw new ForbiddenError(
          `metric '${id}' is computed over the whole deployment and needs permission '${resource}:${action}'`,
          { details: { permission: `${resource}:${action}`, metric: id } },
        );
      }
    }
    const params = this.#checkParams(metric, options.params ?? {});
    const readAs = scoped ? actor : SYSTEM_ACTOR;
    const value = await metric
      .compute(period, {
        data: (entity) => this.#deps.repository(entity, readAs) as never,
        actor,
        params,
        resolve: (token) => this.#deps.resolve(token),
        now: () => this.#deps.now(),
        timeZone: this.#deps.timeZone,
      })
      .catch((error: unknown) => {
        throw explainForbidden(error, id);
      });
    return {
      id,
      unit: metric.unit,
      value,
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      params,
    };
  }

  #checkParams(metric: RegisteredMetric, raw: Record<string, unknown>): Record<string, JsonValue> {
    const params = { ...raw };
    const errors = metric.checkParams(params);
    if (errors.length > 0) {
      const list = errors.map((e) => `${e.path || '(parameters)'} ${e.message}`).join('; ');
      throw new ValidationError(`invalid parameters for metric '${metric.id}': ${list}`, errors);
    }
    return params as Record<string, JsonValue>;
  }
}

/** A 403 from a metric's reads, reworded to say which metric needed the permission. */
function explainForbidden(error: unknown, metric: string): unknown {
  if (!(error instanceof ForbiddenError)) return error;
  const permission = error.details.permission;
  if (typeof permission !== 'string') return error;
  return new ForbiddenError(`metric '${metric}' reads records the caller may not read: ${error.message}`, {
    details: { ...error.details, metric },
    cause: error,
  });
}
