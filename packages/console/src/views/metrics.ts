import type { ChartView } from '@rapport/core';
import { api } from '../api/http.js';
import type { ConsoleModel } from '../api/model.js';

/** A metric's value over one period (`GET /api/metrics/:id`). */
export interface MetricValue {
  id: string;
  unit: string;
  value: number | null;
  from: string;
  to: string;
}

/** A calendar unit a metric is computed over. */
export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** One point of a chart: its label and value. */
export interface Point {
  label: string;
  value: number | null;
}

/** A date `back` periods before `now` (`YYYY-MM-DD`), inside that period. */
export function periodsAgo(now: Date, period: Period, back: number): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === 'day') date.setUTCDate(date.getUTCDate() - back);
  if (period === 'week') date.setUTCDate(date.getUTCDate() - 7 * back);
  if (period === 'month') date.setUTCMonth(date.getUTCMonth() - back, 1);
  if (period === 'quarter') date.setUTCMonth(date.getUTCMonth() - 3 * back, 1);
  if (period === 'year') date.setUTCFullYear(date.getUTCFullYear() - back, 0, 1);
  return date.toISOString().slice(0, 10);
}

/** The URL computing a metric for the period of `period` holding `at`. */
export function metricUrl(
  id: string,
  period: Period,
  at: string | undefined,
  params: Record<string, unknown> = {},
): string {
  const query = new URLSearchParams({ period, ...(at ? { at } : {}) });
  for (const [name, value] of Object.entries(params)) query.set(name, String(value));
  return `/api/metrics/${encodeURIComponent(id)}?${query}`;
}

/** Fetches a metric's value for the period holding `at` (default: now). */
export async function fetchMetric(
  id: string,
  period: Period,
  at?: string,
  params?: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<MetricValue> {
  return (await api<MetricValue>(metricUrl(id, period, at, params), signal ? { signal } : {})).data;
}

function labelOf(from: string, period: Period, locale: string): string {
  const date = new Date(from);
  const options: Intl.DateTimeFormatOptions =
    period === 'year'
      ? { year: 'numeric' }
      : period === 'month' || period === 'quarter'
        ? { month: 'short', year: 'numeric' }
        : { month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}

/** The points of a chart's source: a metric over its last periods, an aggregate's groups, or a route's answer. */
export async function chartPoints(
  source: ChartView['source'],
  model: ConsoleModel,
  locale: string,
  signal?: AbortSignal,
): Promise<Point[]> {
  if ('metric' in source) {
    const now = new Date();
    const values = await Promise.all(
      Array.from({ length: source.last }, (_, index) =>
        fetchMetric(
          source.metric,
          source.period,
          periodsAgo(now, source.period, source.last - 1 - index),
          source.params,
          signal,
        ),
      ),
    );
    return values.map((value) => ({ label: labelOf(value.from, source.period, locale), value: value.value }));
  }
  if ('aggregate' in source) {
    const { entity, groupBy, measure, where } = source.aggregate;
    const target = model.entities.find((candidate) => candidate.name === entity);
    if (!target) return [];
    const query = new URLSearchParams({ groupBy: groupBy.join(','), 'measures[value]': measure });
    if (where) query.set('where', JSON.stringify(where));
    const rows = (
      await api<{ rows: Array<Record<string, unknown>> }>(
        `/api/${target.path}/aggregate?${query}`,
        signal ? { signal } : {},
      )
    ).data.rows;
    return rows.map((row) => ({
      label: groupBy.map((path) => String(row[path] ?? '—')).join(' · '),
      value: typeof row.value === 'number' ? row.value : null,
    }));
  }
  const answer = (await api<unknown>(source.route, signal ? { signal } : {})).data;
  return pointsOfRoute(answer);
}

/**
 * The points of a chart route's answer: `{ points: [{ label, value }] }`, an array of them, or
 * `{ labels: [...], values: [...] }`.
 */
export function pointsOfRoute(answer: unknown): Point[] {
  const asPoints = (items: unknown[]): Point[] =>
    items.map((item) => {
      const record = item as { label?: unknown; value?: unknown };
      return {
        label: String(record.label ?? ''),
        value: typeof record.value === 'number' ? record.value : null,
      };
    });
  if (Array.isArray(answer)) return asPoints(answer);
  const object = (answer ?? {}) as { points?: unknown; labels?: unknown; values?: unknown };
  if (Array.isArray(object.points)) return asPoints(object.points);
  if (Array.isArray(object.labels) && Array.isArray(object.values)) {
    const values = object.values;
    return object.labels.map((label, index) => ({
      label: String(label),
      value: typeof values[index] === 'number' ? (values[index] as number) : null,
    }));
  }
  return [];
}
