/** One wrk load's figures. */
export interface WrkResult {
  /** Requests per second over the load's duration. */
  rps: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  /** Socket errors, timeouts and non-2xx/3xx answers. */
  errors: number;
  requests: number;
  /** CPU seconds wrk itself used (user + system), when the shell reported them. */
  cpuSeconds?: number;
  /** wrk's CPU use as a share of one core over the load (1 = a saturated core). */
  cpuShare?: number;
}

interface WrkJson {
  requests: number;
  duration_us: number;
  connect_errors: number;
  read_errors: number;
  write_errors: number;
  timeouts: number;
  status_errors: number;
  p50_us: number;
  p99_us: number;
}

/** Seconds of a bash `times` figure such as `0m1.250s`. */
function seconds(figure: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(figure);
  if (!match) throw new Error(`not a bash time: '${figure}'`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Reads wrk's output: the `WRK_JSON` line the generated `done()` prints, and, when wrk ran
 * under `bash -c 'wrk …; times'`, the children's user and system CPU times on the last line.
 */
export function parseWrk(output: string): WrkResult {
  const line = output.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${output.slice(-2_000)}`);
  const json = JSON.parse(line.slice('WRK_JSON '.length)) as WrkJson;
  const durationS = json.duration_us / 1e6;
  const result: WrkResult = {
    rps: json.requests / durationS,
    p50: json.p50_us / 1_000,
    p99: json.p99_us / 1_000,
    errors: json.connect_errors + json.read_errors + json.write_errors + json.timeouts + json.status_errors,
    requests: json.requests,
  };
  const times = output
    .trim()
    .split('\n')
    .filter((l) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(l.trim()));
  const children = times[times.length - 1];
  if (children) {
    const [user, system] = children.trim().split(' ') as [string, string];
    result.cpuSeconds = seconds(user) + seconds(system);
    result.cpuShare = result.cpuSeconds / durationS;
  }
  return result;
}
