import type { ChartView } from '@rapport/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMetric } from '../format/format.js';
import { localText } from '../i18n/i18n.js';
import { useSession } from '../layout/session-context.js';
import { chartPoints, type Point } from './metrics.js';

const UplotChart = lazy(async () => ({ default: (await import('./uplot-chart.js')).UplotChart }));

const PIE_COLOURS = ['#0b57d0', '#b3261e', '#146c2e', '#7d5260', '#8a5a00', '#005f73', '#5b3f8c', '#3d4450'];

function PieChart({ points, label }: { points: Point[]; label: string }) {
  const total = points.reduce((sum, point) => sum + Math.max(point.value ?? 0, 0), 0) || 1;
  let angle = 0;
  const slices = points.map((point, index) => {
    const share = Math.max(point.value ?? 0, 0) / total;
    const start = angle;
    angle += share * 2 * Math.PI;
    const large = share > 0.5 ? 1 : 0;
    const [x1, y1] = [50 + 45 * Math.sin(start), 50 - 45 * Math.cos(start)];
    const [x2, y2] = [50 + 45 * Math.sin(angle), 50 - 45 * Math.cos(angle)];
    const d =
      share >= 0.9999
        ? 'M50 5 A45 45 0 1 1 49.99 5 Z'
        : `M50 50 L${x1} ${y1} A45 45 0 ${large} 1 ${x2} ${y2} Z`;
    return <path key={point.label} d={d} fill={PIE_COLOURS[index % PIE_COLOURS.length]} />;
  });
  return (
    <div className="pie">
      <svg viewBox="0 0 100 100" role="img" aria-label={label} width="180" height="180">
        {slices}
      </svg>
      <ul className="legend">
        {points.map((point, index) => (
          <li key={point.label}>
            <span
              className="swatch"
              style={{ background: PIE_COLOURS[index % PIE_COLOURS.length] }}
              aria-hidden="true"
            />
            {point.label}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A chart of a metric over periods, an aggregate or a route, with its numbers in a table for everyone. */
export function ChartBlock({ view }: { view: ChartView }) {
  const { t, i18n } = useTranslation();
  const { model, place } = useSession();
  const title = localText(view.title, i18n.language);
  const points = useQuery({
    queryKey: ['chart', view.id, place.locale],
    queryFn: ({ signal }) => chartPoints(view.source, model, place.locale, signal),
    staleTime: 60_000,
  });
  const metricUnit =
    'metric' in view.source
      ? model.metrics.find((metric) => metric.id === (view.source as { metric: string }).metric)?.unit
      : undefined;
  const unit = points.data?.unit ?? metricUnit ?? 'count';
  const format = useCallback((value: number) => formatMetric(value, unit, place), [unit, place]);
  const data = points.data?.points ?? [];
  const series =
    'route' in view.source && view.source.points
      ? view.source.points.series.map((item) => localText(item.title, i18n.language))
      : [t('chart.value')];
  return (
    <section className="card chart-card" aria-label={title}>
      <h3>{title}</h3>
      {points.isError ? (
        <p role="alert">{t('errors.generic', { message: (points.error as Error).message })}</p>
      ) : view.chart === 'pie' ? (
        <PieChart points={data} label={title} />
      ) : (
        <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
          <UplotChart points={data} series={series} kind={view.chart} label={title} format={format} />
        </Suspense>
      )}
      <details>
        <summary>{t('chart.data')}</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('chart.label')}</th>
              {series.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((point) => (
              <tr key={point.label}>
                <td>{point.label}</td>
                {(point.values ?? [point.value]).map((value, index) => (
                  <td key={series[index] ?? index}>{value === null ? '—' : format(value)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
