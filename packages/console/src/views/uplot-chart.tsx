import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Point } from './metrics.js';

/** Props of {@link UplotChart}. */
export interface UplotChartProps {
  points: Point[];
  /** The names of the series (one, unless the points carry `values`). */
  series?: string[];
  kind: 'line' | 'bar';
  /** The accessible name of the chart image. */
  label: string;
  format(value: number): string;
}

/** A line or bar chart drawn by uPlot (loaded only on pages that show a chart). */
const COLOURS = ['#0b57d0', '#146c2e', '#8a5a00', '#b3261e', '#5b3f8c', '#005f73'];

/** A colour with an alpha, from `#rrggbb`. */
function tint(colour: string, alpha: number): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(colour.slice(at, at + 2), 16));
  return `rgba(${r},${g},${b},${alpha})`;
}

export function UplotChart({ points, series = [], kind, label, format }: UplotChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const xs = points.map((_, index) => index);
    const count = Math.max(1, ...points.map((point) => point.values?.length ?? 1));
    const columns = Array.from({ length: count }, (_, index) =>
      points.map((point) =>
        point.values ? (point.values[index] ?? null) : index === 0 ? point.value : null,
      ),
    );
    // Bars of several series stand side by side within each label's slot.
    const slot = 0.7 / count;
    const width = Math.max(element.clientWidth, 280);
    const plot = new uPlot(
      {
        width,
        height: 220,
        // With several series the legend names their colours; values are in the table below.
        legend: { show: count > 1, live: false },
        cursor: { show: false },
        scales: {
          x:
            kind === 'bar'
              ? { time: false, range: () => [-0.5, Math.max(points.length - 0.5, 0.5)] }
              : { time: false },
          // Bars grow from zero.
          ...(kind === 'bar' ? { y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } } : {}),
        },
        axes: [
          { values: (_, ticks) => ticks.map((tick) => points[tick]?.label ?? ''), stroke: '#3d4450' },
          { values: (_, ticks) => ticks.map((tick) => format(tick)), size: 90, stroke: '#3d4450' },
        ],
        series: [
          { label: '' },
          ...columns.map((_, index) => {
            const colour = COLOURS[index % COLOURS.length] as string;
            return {
              label: series[index] ?? '',
              stroke: colour,
              width: 2,
              fill: kind === 'bar' ? tint(colour, 0.45) : tint(colour, 0.08),
              ...(kind === 'bar'
                ? {
                    paths: uPlot.paths.bars?.(
                      count > 1
                        ? {
                            disp: {
                              // Side by side within each label's slot, in x-scale units.
                              x0: { unit: 1, values: () => xs.map((x) => x - 0.35 + index * slot) },
                              size: { unit: 1, values: () => xs.map(() => slot * 0.9) },
                            },
                          }
                        : { size: [0.6, 60] },
                    ),
                    points: { show: false },
                  }
                : {}),
            };
          }),
        ],
      },
      [xs, ...columns],
      element,
    );
    return () => plot.destroy();
  }, [points, series, kind, format]);
  return <div ref={holder} className="chart" role="img" aria-label={label} />;
}
