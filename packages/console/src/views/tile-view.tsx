import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatMetric } from '../format/format.js';
import { useSession } from '../layout/session-context.js';
import { fetchMetric, type Period, periodsAgo } from './metrics.js';

/** Props of {@link MetricTile}. */
export interface MetricTileProps {
  metric: string;
  title: string;
  period: Period;
  params?: Record<string, string | number | boolean>;
}

/** One figure: a metric's value this period, with the previous period's for comparison. */
export function MetricTile({ metric, title, period, params }: MetricTileProps) {
  const { t } = useTranslation();
  const { place, model } = useSession();
  const info = model.metrics.find((candidate) => candidate.id === metric);
  const values = useQuery({
    queryKey: ['metric', metric, period, params],
    queryFn: async ({ signal }) => {
      const now = new Date();
      return Promise.all([
        fetchMetric(metric, period, undefined, params, signal),
        fetchMetric(metric, period, periodsAgo(now, period, 1), params, signal),
      ]);
    },
    staleTime: 60_000,
  });
  const [current, previous] = values.data ?? [];
  const unit = current?.unit ?? info?.unit ?? 'count';
  const delta =
    current?.value != null && previous?.value != null ? current.value - previous.value : undefined;
  const good =
    delta === undefined || delta === 0 ? undefined : delta > 0 === ((info?.better ?? 'higher') === 'higher');
  return (
    <section className="tile" aria-label={title}>
      <h3 className="tile__title">{title}</h3>
      <p className="tile__value">
        {values.isError ? '—' : current ? formatMetric(current.value, unit, place) : '…'}
      </p>
      <p className="tile__period muted">{t(`metric.period_${period}`)}</p>
      {previous ? (
        <p
          className={
            good === undefined
              ? 'tile__delta muted'
              : good
                ? 'tile__delta tile__delta--good'
                : 'tile__delta tile__delta--bad'
          }
        >
          <span aria-hidden="true">{delta === undefined || delta === 0 ? '' : delta > 0 ? '▲ ' : '▼ '}</span>
          {t('metric.previous', { value: formatMetric(previous.value, unit, place) })}
        </p>
      ) : null}
    </section>
  );
}
