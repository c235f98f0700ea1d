import { assertKnownParameters, HttpProblem, queryParams } from '@rapport/server';
import type { Context } from 'hono';
import type { ReportFilters } from '../reports/report-query.js';

const FILTERS = ['pipeline', 'from', 'to', 'ownerId', 'currency'] as const;

/**
 * The report filters of the query string (`pipeline`, `from`, `to`, `ownerId`, `currency`, and
 * the report's own `extra` ones), read as the entity routes read theirs: any other parameter,
 * or one given twice or as brackets, is a 400 naming it.
 */
export function reportFilters(
  c: Context,
  extra: readonly string[] = [],
): ReportFilters & Record<string, string> {
  const params = queryParams(c.req.url, { maxParameters: 20 });
  assertKnownParameters(params, [...FILTERS, ...extra]);
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string') {
      throw new HttpProblem('INVALID_QUERY', `${key} must be a single value`, { details: { field: key } });
    }
    if (value !== '') filters[key] = value;
  }
  return filters;
}
