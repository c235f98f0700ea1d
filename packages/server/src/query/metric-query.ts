import type { MetricInfo, MetricPeriod } from '@rapport/core';
import { HttpProblem } from '../http/problem.js';
import { METRIC_PERIOD_PARAMETERS, readMetricPeriod } from './metric-period.js';
import { coerceScalar } from './parse-query.js';

/** A metric request read from the query string: its period and its parameters. */
export interface MetricQuery {
  period: MetricPeriod;
  params: Record<string, unknown>;
}

/**
 * Reads the period (`?from=&to=` or `?period=month&at=`, see {@link readMetricPeriod}) and the metric's own parameters (`?ownerId=u1&pipeline=renewals`) from a
 * query string. A parameter the metric does not declare is an `INVALID_QUERY` naming it; values
 * take the type the metric declares, and the kernel checks them against its schema.
 */
export function readMetricQuery(
  params: Record<string, unknown>,
  metric: MetricInfo,
  clock: { now: number; timeZone: string },
): MetricQuery {
  const { from, to, period: unit, at, ...rest } = params;
  const period = readMetricPeriod({ from, to, period: unit, at }, clock.now, clock.timeZone);
  const properties = metric.parameters?.properties ?? {};
  const unknown = Object.keys(rest).filter((name) => !Object.hasOwn(properties, name));
  if (unknown.length > 0) {
    const allowed = [...METRIC_PERIOD_PARAMETERS, ...Object.keys(properties)];
    throw new HttpProblem(
      'INVALID_QUERY',
      `unknown query parameter(s): ${unknown.join(', ')} (allowed for metric '${metric.id}': ${allowed.join(', ')})`,
      { details: { field: unknown[0], rule: 'unknown' } },
    );
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (typeof value !== 'string') {
      throw new HttpProblem('INVALID_QUERY', `metric parameter '${name}' must be a single value`);
    }
    out[name] = coerceScalar(value, properties[name]?.type);
  }
  return { period, params: out };
}
