import { type Attributes, type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RapportError } from '../errors.js';
import { HotHistogram } from './hot-histogram.js';

/** Options of a kernel's telemetry ({@link KernelConfig.telemetry}). */
export interface TelemetryOptions {
  /**
   * OpenTelemetry tracing, off by default. `true` takes the tracer of the process-wide
   * OpenTelemetry API (whatever SDK the deployment registered, e.g. with `--import` of its own
   * setup); a `Tracer` is used as it is (tests pass one with an in-memory exporter). With tracing
   * off no span is ever started, so it costs nothing.
   */
  tracing?: boolean | Tracer;
}

/** Names and help of an instrument; `labelNames` bound what it may be labelled with. */
export interface InstrumentSpec<L extends string = string> {
  /** A Prometheus metric name: `rapport_<plugin>_<what>_<unit>`, counters ending in `_total`. */
  name: string;
  help: string;
  labelNames?: readonly L[];
}

/** A histogram's spec: its buckets (seconds, by default {@link LATENCY_BUCKETS}). */
export interface HistogramSpec<L extends string = string> extends InstrumentSpec<L> {
  buckets?: readonly number[];
}

/** A gauge's spec: `collect` runs on each scrape to set its value (it may be async). */
export interface GaugeSpec<L extends string = string> extends InstrumentSpec<L> {
  collect?: (this: Gauge<L>) => void | Promise<void>;
}

/** Latency buckets in seconds, from 1 ms to 10 s: fine enough for a CRM request or a store call. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Kernel metrics are named `rapport_…`; a plugin's should be `rapport_<plugin>_…`. */
const METRIC_NAME = /^rapport_[a-z][a-z0-9_]*$/;

type Instrument = Counter<string> | Histogram<string> | Gauge<string> | HotHistogram;

/** A {@link Telemetry.hotHistogram}'s spec: `countedAs` names a counter of its observations. */
export interface HotHistogramSpec extends Omit<HistogramSpec, 'labelNames'> {
  countedAs?: Omit<InstrumentSpec, 'labelNames'>;
}

/**
 * Operational telemetry of one kernel: a Prometheus registry of its own (never prom-client's
 * global one, so two kernels in a process or a test never share figures) and, when tracing is on,
 * an OpenTelemetry tracer. The server serves the registry at `GET /metrics`. Plugins record their
 * own outcomes through the `TELEMETRY` token or `kernel.telemetry`; asking twice for an
 * instrument of the same name and kind returns the same one.
 *
 * @example
 * ```ts
 * const deliveries = ctx.resolve(TELEMETRY).counter({
 *   name: 'rapport_webhooks_deliveries_total',
 *   help: 'Webhook deliveries by outcome.',
 *   labelNames: ['outcome'],
 * });
 * deliveries.inc({ outcome: 'delivered' });
 * ```
 */
export class Telemetry {
  /** The Prometheus registry: `await registry.metrics()` is the exposition text. */
  readonly registry = new Registry();
  /** The tracer, or `undefined` when tracing is off. */
  readonly tracer: Tracer | undefined;
  readonly #instruments = new Map<string, Instrument>();

  constructor(options: TelemetryOptions = {}) {
    const { tracing } = options;
    this.tracer = tracing === true ? trace.getTracer('@rapport/core') : tracing || undefined;
  }

  /** A counter (only goes up): runs, deliveries, failures. */
  counter<L extends string = string>(spec: InstrumentSpec<L>): Counter<L> {
    return this.#instrument(spec, Counter, () => new Counter<L>(this.#config(spec))) as Counter<L>;
  }

  /** A histogram of durations (seconds) or sizes. */
  histogram<L extends string = string>(spec: HistogramSpec<L>): Histogram<L> {
    return this.#instrument(
      spec,
      Histogram,
      () => new Histogram<L>({ ...this.#config(spec), buckets: [...(spec.buckets ?? LATENCY_BUCKETS)] }),
    ) as Histogram<L>;
  }

  /** A gauge (goes up and down), set by the caller or by `collect` on each scrape. */
  gauge<L extends string = string>(spec: GaugeSpec<L>): Gauge<L> {
    return this.#instrument(
      spec,
      Gauge,
      () => new Gauge<L>({ ...this.#config(spec), ...(spec.collect ? { collect: spec.collect } : {}) }),
    ) as Gauge<L>;
  }

  /**
   * A histogram for code that runs on every request (see {@link HotHistogram}): bind each series
   * once with `series(labels)` and keep it; an observation then costs a few additions. With
   * `countedAs`, a counter of the same observations is served beside it.
   */
  hotHistogram(spec: HotHistogramSpec): HotHistogram {
    if (spec.countedAs) this.#checkName(spec.countedAs.name);
    const made = this.#instrument(spec, HotHistogram, () => {
      if (spec.countedAs && this.#instruments.has(spec.countedAs.name)) {
        throw new RapportError('INVALID_METRIC', `metric '${spec.countedAs.name}' is already defined`, {
          details: { name: spec.countedAs.name },
        });
      }
      const histogram = new HotHistogram({ ...spec, buckets: spec.buckets ?? LATENCY_BUCKETS });
      for (const metric of histogram.metrics) this.registry.registerMetric(metric as never);
      if (spec.countedAs) this.#instruments.set(spec.countedAs.name, histogram);
      return histogram;
    });
    return made as HotHistogram;
  }

  /**
   * Runs `fn` inside a span named `name` (a child of the active span) when tracing is on; marks
   * the span failed when `fn` throws. With tracing off it only calls `fn`.
   */
  span<R>(name: string, attributes: Attributes, fn: (span?: Span) => Promise<R>): Promise<R> {
    const tracer = this.tracer;
    if (!tracer) return fn();
    return tracer.startActiveSpan(name, { attributes }, async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  #config<L extends string>(spec: InstrumentSpec<L>) {
    return {
      name: spec.name,
      help: spec.help,
      labelNames: [...(spec.labelNames ?? [])],
      registers: [this.registry],
    };
  }

  #instrument(
    spec: InstrumentSpec,
    kind: abstract new (...args: never[]) => Instrument,
    make: () => Instrument,
  ): Instrument {
    this.#checkName(spec.name);
    const existing = this.#instruments.get(spec.name);
    if (existing) {
      if (!(existing instanceof kind)) {
        throw new RapportError(
          'INVALID_METRIC',
          `metric '${spec.name}' is already defined as a ${existing.constructor.name.toLowerCase()}`,
          { details: { name: spec.name } },
        );
      }
      return existing;
    }
    const made = make();
    this.#instruments.set(spec.name, made);
    return made;
  }

  #checkName(name: string): void {
    if (!METRIC_NAME.test(name)) {
      throw new RapportError(
        'INVALID_METRIC',
        `metric name '${name}' must match ${METRIC_NAME} (rapport_<plugin>_<what>, lower case)`,
        { details: { name } },
      );
    }
  }
}
