import type { MetricValue } from 'prom-client';

/** One labelled series of a {@link HotHistogram}, bound once and observed with a few additions. */
export interface HotSeries {
  /** Records one observation (seconds, for a latency). */
  observe(value: number): void;
}

interface SeriesState {
  labels: Record<string, string>;
  /** Observations per bucket (not cumulative); the last slot is above the largest bound. */
  buckets: number[];
  sum: number;
  count: number;
}

/** What a Prometheus registry asks of a metric: its figures on each scrape. */
export interface RegisteredMetric {
  name: string;
  help: string;
  type: 'histogram' | 'counter';
  get(): Promise<{
    name: string;
    help: string;
    type: string;
    values: MetricValue<string>[];
    aggregator: 'sum';
  }>;
  reset(): void;
}

/**
 * A histogram for the hot path — every request, every store call. prom-client's own histogram
 * validates and hashes the labels of each observation, even through a bound child (about a
 * microsecond each); here a series is bound once and an observation is a bucket search and three
 * additions. prom-client still formats it: {@link metrics} are what the registry serves, the
 * histogram and, when `countedAs` is given, a counter of the same observations (a request
 * counter that costs nothing more).
 */
export class HotHistogram {
  readonly #series: SeriesState[] = [];
  readonly #bound = new Map<string, HotSeries>();
  readonly #bounds: readonly number[];
  readonly #name: string;

  /** What to register: the histogram and the optional counter. */
  readonly metrics: RegisteredMetric[];

  constructor(spec: {
    name: string;
    help: string;
    buckets: readonly number[];
    countedAs?: { name: string; help: string };
  }) {
    this.#name = spec.name;
    this.#bounds = [...spec.buckets].sort((a, b) => a - b);
    const reset = () => {
      for (const series of this.#series) {
        series.buckets.fill(0);
        series.sum = 0;
        series.count = 0;
      }
    };
    const metric = (
      name: string,
      help: string,
      type: 'histogram' | 'counter',
      values: () => MetricValue<string>[],
    ) => ({
      name,
      help,
      type,
      get: async () => ({ name, help, type, values: values(), aggregator: 'sum' as const }),
      reset,
    });
    this.metrics = [metric(spec.name, spec.help, 'histogram', () => this.#histogramValues())];
    const counted = spec.countedAs;
    if (counted) {
      this.metrics.push(
        metric(counted.name, counted.help, 'counter', () =>
          this.#series.map(({ labels, count }) => ({ labels, value: count })),
        ),
      );
    }
  }

  /**
   * The series of `labels`: the same one for the same labels. Finding it costs a key and a map
   * lookup, so bind it once and keep it where observations are made.
   */
  series(labels: Record<string, string>): HotSeries {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
    const known = this.#bound.get(key);
    if (known) return known;
    const made = this.#make(labels);
    this.#bound.set(key, made);
    return made;
  }

  #make(labels: Record<string, string>): HotSeries {
    const state: SeriesState = {
      labels,
      buckets: new Array(this.#bounds.length + 1).fill(0),
      sum: 0,
      count: 0,
    };
    this.#series.push(state);
    const bounds = this.#bounds;
    return {
      observe(value: number) {
        let i = 0;
        while (i < bounds.length && value > (bounds[i] as number)) i += 1;
        state.buckets[i] = (state.buckets[i] as number) + 1;
        state.sum += value;
        state.count += 1;
      },
    };
  }

  #histogramValues(): MetricValue<string>[] {
    const values: MetricValue<string>[] = [];
    for (const { labels, buckets, sum, count } of this.#series) {
      let cumulative = 0;
      for (const [i, bound] of this.#bounds.entries()) {
        cumulative += buckets[i] as number;
        values.push(sample(`${this.#name}_bucket`, { le: bound, ...labels }, cumulative));
      }
      values.push(sample(`${this.#name}_bucket`, { le: '+Inf', ...labels }, count));
      values.push(sample(`${this.#name}_sum`, labels, sum));
      values.push(sample(`${this.#name}_count`, labels, count));
    }
    return values;
  }
}

function sample(
  metricName: string,
  labels: Record<string, string | number>,
  value: number,
): MetricValue<string> {
  return { metricName, labels, value } as MetricValue<string>;
}
