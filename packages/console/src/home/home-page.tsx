import type { DashboardView } from '@rapport/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { metricTitle } from '../format/format.js';
import { localText } from '../i18n/i18n.js';
import { PageTitle } from '../layout/page-title.js';
import { useSession } from '../layout/session-context.js';
import { ChartBlock } from '../views/chart-view.js';
import { DashboardBlock } from '../views/dashboard-view.js';
import { MetricTile } from '../views/tile-view.js';
import { MyWork } from './my-work.js';

function storageKey(user: string | undefined): string {
  return `rapport.console.home.${user ?? 'key'}`;
}

function chosen(user: string | undefined): string[] | undefined {
  try {
    const stored = localStorage.getItem(storageKey(user));
    const parsed = stored ? (JSON.parse(stored) as unknown) : undefined;
    return Array.isArray(parsed)
      ? parsed.filter((item): item is string => typeof item === 'string')
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The home dashboard: metric tiles the person chooses from the metric registry (remembered in
 * this browser per person), a chart of the first one over the last six months, then the
 * dashboards plugins declare.
 */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const { model, me } = useSession();
  const userId = me.user?.id;
  const available = model.metrics.map((metric) => metric.id);
  const [metrics, setMetrics] = useState<string[]>(() =>
    (chosen(userId) ?? available.slice(0, 4)).filter((id) => available.includes(id)),
  );
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...metrics, id] : metrics.filter((metric) => metric !== id);
    setMetrics(next);
    try {
      localStorage.setItem(storageKey(userId), JSON.stringify(next));
    } catch {
      // The choice then lasts for this page only.
    }
  };
  const dashboards = model.views.filter((view): view is DashboardView => view.kind === 'dashboard');
  const first = metrics[0];
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      {available.length === 0 ? <p>{t('home.noMetrics')}</p> : null}
      {available.length > 0 ? (
        <details className="metric-chooser">
          <summary>{t('home.choose')}</summary>
          <fieldset>
            <legend className="visually-hidden">{t('home.choose')}</legend>
            {model.metrics.map((metric) => (
              <div key={metric.id} className="field--check">
                <input
                  id={`metric-${metric.id}`}
                  type="checkbox"
                  checked={metrics.includes(metric.id)}
                  onChange={(event) => toggle(metric.id, event.target.checked)}
                />
                <label htmlFor={`metric-${metric.id}`}>
                  {metricTitle(metric.id)}
                  {metric.description ? <span className="muted"> — {metric.description}</span> : null}
                </label>
              </div>
            ))}
          </fieldset>
        </details>
      ) : null}
      <MyWork />
      <section aria-label={t('home.metrics')} className="tiles">
        {metrics.map((id) => (
          <MetricTile key={id} metric={id} title={metricTitle(id)} period="month" />
        ))}
      </section>
      {first ? (
        <div className="charts">
          <ChartBlock
            view={{
              id: `home.${first}`,
              kind: 'chart',
              chart: 'line',
              title: `${metricTitle(first)} — ${t('home.trend')}`,
              source: { metric: first, period: 'month', last: 6 },
            }}
          />
        </div>
      ) : null}
      {dashboards.map((dashboard) => (
        <section key={dashboard.id} aria-label={localText(dashboard.title, i18n.language)}>
          <h2>{localText(dashboard.title, i18n.language)}</h2>
          <DashboardBlock view={dashboard} />
        </section>
      ))}
    </>
  );
}
