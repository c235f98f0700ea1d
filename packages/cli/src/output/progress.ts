import cliProgress from 'cli-progress';
import type { OutputStream } from '../io.js';

/** A progress display: a bar on a terminal, nothing elsewhere. */
export interface Progress {
  /** Sets the position (of `total`) and the values the format shows. */
  update(value: number, payload?: Record<string, unknown>): void;
  setTotal(total: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, setTotal() {}, stop() {} };

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  stream: OutputStream;
  quiet: boolean;
  total: number;
  /** cli-progress format, e.g. `'{bar} {percentage}% | {rows} rows'`. */
  format: string;
  payload?: Record<string, unknown>;
}

/**
 * A progress bar on stderr (cli-progress), shown only when that stream is a terminal and
 * `--quiet` is not set, so piped output and CI logs never fill with bar redraws.
 */
export function createProgress(options: ProgressOptions): Progress {
  if (options.quiet || !options.stream.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: options.stream as unknown as NodeJS.WritableStream,
      format: options.format,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(options.total, 1), 0, options.payload ?? {});
  return {
    update: (value, payload) => bar.update(value, payload ?? {}),
    setTotal: (total) => bar.setTotal(Math.max(total, 1)),
    stop: () => bar.stop(),
  };
}
