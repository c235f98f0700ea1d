import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Point } from './metrics.js';

/** Props of {@link UplotChart}. */
export interface UplotChartProps {
  points: Point[];
  kind: 'line' | 'bar';
  /** The accessible name of the chart image. */
  label: string;
  format(value: number): string;
}

/** A line or bar chart drawn by uPlot (loaded only on pages that show a chart). */
export function UplotChart({ points, kind, label, format }: UplotChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const xs = points.map((_, index) => index);
    const ys = points.map((point) => point.value);
    const width = Math.max(element.clientWidth, 280);
    const plot = new uPlot(
      {
        width,
        height: 220,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [
          { values: (_, ticks) => ticks.map((tick) => points[tick]?.label ?? ''), stroke: '#3d4450' },
          { values: (_, ticks) => ticks.map((tick) => format(tick)), size: 70, stroke: '#3d4450' },
        ],
        series: [
          {},
          {
            stroke: '#0b57d0',
            width: 2,
            fill: kind === 'bar' ? 'rgba(11,87,208,0.35)' : 'rgba(11,87,208,0.08)',
            ...(kind === 'bar'
              ? { paths: uPlot.paths.bars?.({ size: [0.6, 60] }), points: { show: false } }
              : {}),
          },
        ],
      },
      [xs, ys],
      element,
    );
    return () => plot.destroy();
  }, [points, kind, format]);
  return <div ref={holder} className="chart" role="img" aria-label={label} />;
}
