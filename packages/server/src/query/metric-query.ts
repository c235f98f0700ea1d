import type { MetricInfo, MetricPeriod } from '@rapport/core';
import { HttpProblem } from '../http/problem.js';
import { readPeriod } from './parse-query.js';

/** A metric request read from the query string: its period and its parameters. */
export interface MetricQuery {
  period: MetricPeriod;
  params: Record<string, unknown>;
}

/** Converts a query-string value to the parameter's declared scalar type (left as is when it does not convert). */
function coerceParameter(value: unknown, type: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (type === 'integer' || type === 'number') {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/**
 * Reads `?from=&to=` and the metric's own parameters (`?ownerId=u1&pipeline=renewals`) from a
 * query string. Values take the type the metric declares; the kernel checks them against its
 * schema, so an unknown parameter is a 400 naming it.
 */
export function readMetricQuery(
  params: Record<string, unknown>,
  metric: MetricInfo,
  now: number,
): MetricQuery {
  const { from, to, ...rest } = params;
  const period = readPeriod(
    { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) },
    now,
  );
  const properties = metric.parameters?.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (typeof value !== 'string') {
      throw new HttpProblem('INVALID_QUERY', `metric parameter '${name}' must be a single value`);
    }
    out[name] = coerceParameter(value, Object.hasOwn(properties, name) ? properties[name]?.type : undefined);
  }
  return { period, params: out };
}
