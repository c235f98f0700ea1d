import type { ChartView, DashboardView, TileView } from '@rapport/core';
import { useTranslation } from 'react-i18next';
import { viewById } from '../api/model.js';
import { localText } from '../i18n/i18n.js';
import { useSession } from '../layout/session-context.js';
import { ChartBlock } from './chart-view.js';
import { MetricTile } from './tile-view.js';

/** A tile view as a metric tile. */
export function TileBlock({ view }: { view: TileView }) {
  const { i18n } = useTranslation();
  return (
    <MetricTile
      metric={view.metric}
      title={localText(view.title, i18n.language)}
      period={view.period}
      {...(view.params ? { params: view.params } : {})}
    />
  );
}

/** A page of tiles and charts, in the order the dashboard lists them (those the caller may see). */
export function DashboardBlock({ view }: { view: DashboardView }) {
  const { model } = useSession();
  const items = view.items
    .map((id) => viewById(model, id))
    .filter((item): item is TileView | ChartView => item?.kind === 'tile' || item?.kind === 'chart');
  const tiles = items.filter((item): item is TileView => item.kind === 'tile');
  const charts = items.filter((item): item is ChartView => item.kind === 'chart');
  return (
    <>
      {tiles.length > 0 ? (
        <div className="tiles">
          {tiles.map((tile) => (
            <TileBlock key={tile.id} view={tile} />
          ))}
        </div>
      ) : null}
      <div className="charts">
        {charts.map((chart) => (
          <ChartBlock key={chart.id} view={chart} />
        ))}
      </div>
    </>
  );
}
