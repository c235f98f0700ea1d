import type { ChartView, RoutePoints } from '@rapport/core';
import { api } from '../api/http.js';
import type { ConsoleModel } from '../api/model.js';
import { valueAt } from '../schema/value-at.js';

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

/** One point of a chart: its label and value (the first series'), and every series' value. */
export interface Point {
  label: string;
  value: number | null;
  /** One value per series, for a chart of several (a route's `points.series`). */
  values?: Array<number | null>;
}

/** A chart's points, and the unit of their values when the source says it. */
export interface ChartData {
  points: Point[];
  unit?: string;
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
): Promise<ChartData> {
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
    return {
      points: values.map((value) => ({
        label: labelOf(value.from, source.period, locale),
        value: value.value,
      })),
      ...(values[0] ? { unit: values[0].unit } : {}),
    };
  }
  if ('aggregate' in source) {
    const { entity, groupBy, measure, where } = source.aggregate;
    const target = model.entities.find((candidate) => candidate.name === entity);
    if (!target) return { points: [] };
    const query = new URLSearchParams({ groupBy: groupBy.join(','), 'measures[value]': measure });
    if (where) query.set('where', JSON.stringify(where));
    const rows = (
      await api<{ rows: Array<Record<string, unknown>> }>(
        `/api/${target.path}/aggregate?${query}`,
        signal ? { signal } : {},
      )
    ).data.rows;
    return {
      points: rows.map((row) => ({
        label: groupBy.map((path) => String(row[path] ?? '—')).join(' · '),
        value: typeof row.value === 'number' ? row.value : null,
      })),
    };
  }
  const answer = (await api<unknown>(source.route, signal ? { signal } : {})).data;
  return source.points ? readRoutePoints(answer, source.points) : { points: pointsOfRoute(answer) };
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/**
 * The points of a route answer of its own shape, read as the view's `points` say: the array at
 * `items`, each item's `label`, one value per series, and the unit (`$currency` read from the answer).
 */
export function readRoutePoints(answer: unknown, spec: RoutePoints): ChartData {
  const items = spec.items ? valueAt(answer, spec.items) : answer;
  const points = (Array.isArray(items) ? (items as unknown[]) : []).map((item) => {
    const values = spec.series.map((series) => numberOrNull(valueAt(item, series.value)));
    return { label: String(valueAt(item, spec.label) ?? ''), value: values[0] ?? null, values };
  });
  const unit = spec.unit?.startsWith('$') ? valueAt(answer, spec.unit.slice(1)) : spec.unit;
  return { points, ...(typeof unit === 'string' ? { unit } : {}) };
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
