import type { Repository } from '../data/repository.js';
import type { Token } from '../di/tokens.js';
import { NotFoundError, ValidationError } from '../errors.js';

/** The period a metric is computed over, as epoch milliseconds (from inclusive, to exclusive). */
export interface MetricPeriod {
  from: number;
  to: number;
}

/** What `compute` receives beside the period. */
export interface MetricContext {
  /** Repositories acting as the system. */
  data<T = Record<string, unknown>>(entity: string): Repository<T>;
  /** Resolves a service from the kernel container. */
  resolve<T>(token: Token<T>): T;
  now(): number;
}

/** A named metric a plugin publishes (the BSC plugin binds KPIs to these). */
export interface MetricDefinition {
  /** `<plugin>.<name>`, e.g. `sales.winRate`. */
  id: string;
  /** `count`, `ratio`, `percent`, `days`, `EUR`, ... */
  unit: string;
  /** Which direction is good. */
  better: 'higher' | 'lower';
  description?: string;
  compute(period: MetricPeriod, context: MetricContext): Promise<number | null>;
}

/** A computed metric value. */
export interface MetricValue {
  id: string;
  unit: string;
  value: number | null;
  from: string;
  to: string;
}

/** The metrics every plugin published; computes them on demand. */
export class MetricsRegistry {
  readonly #metrics = new Map<string, MetricDefinition & { plugin: string }>();
  readonly #context: () => MetricContext;

  constructor(context: () => MetricContext) {
    this.#context = context;
  }

  /** Adds a metric; returns a message when it cannot (bad id, duplicate). */
  add(plugin: string, metric: MetricDefinition): string | undefined {
    if (!metric.id.startsWith(`${plugin}.`)) return `metric id '${metric.id}' must start with '${plugin}.'`;
    const existing = this.#metrics.get(metric.id);
    if (existing) return `metric '${metric.id}' is already defined by '${existing.plugin}'`;
    this.#metrics.set(metric.id, { ...metric, plugin });
    return undefined;
  }

  /** Every metric's description. */
  list(): Array<Omit<MetricDefinition, 'compute'> & { plugin: string }> {
    return [...this.#metrics.values()].map(({ compute: _compute, ...rest }) => rest);
  }

  /** Computes one metric over a period. */
  async compute(id: string, period: MetricPeriod): Promise<MetricValue> {
    const metric = this.#metrics.get(id);
    if (!metric) throw new NotFoundError(`metric '${id}' is not defined`, { details: { metric: id } });
    if (!Number.isFinite(period.from) || !Number.isFinite(period.to) || period.from >= period.to) {
      throw new ValidationError('the metric period needs from < to', [
        { path: 'from', rule: 'range', message: 'must be a time before to' },
      ]);
    }
    const value = await metric.compute(period, this.#context());
    return {
      id,
      unit: metric.unit,
      value,
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
    };
  }
}
