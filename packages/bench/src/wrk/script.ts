/** What one wrk load sends: the method, fixed headers, and either ids to cycle or POST bodies to make. */
export interface WrkScriptOptions {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** GET: the ids to cycle through, as `/api/customers/<id>`. */
  ids?: readonly string[];
  /** POST: a prefix making e-mails unique across runs against a reused store. */
  run?: string;
  /** The collection path, `/api/customers` by default. */
  path?: string;
  /** GET: whole paths to cycle through instead of ids (a list page with its query). */
  paths?: readonly string[];
}

/** A Lua string literal (double-quoted, escaped) for any JS string. */
export function luaString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

/**
 * wrk's `done()` hook printing one JSON line the harness parses: requests, errors, non-2xx
 * answers, duration and the latency percentiles in microseconds.
 */
const DONE = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,"status_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.2f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
`;

/**
 * The Lua script of one load: GET cycles through `ids` (each wrk thread starting at its own
 * offset), POST makes a new person with a unique e-mail per request. Headers are set once.
 */
export function wrkScript(options: WrkScriptOptions): string {
  const path = options.path ?? '/api/customers';
  const headers = Object.entries(options.headers)
    .map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`)
    .join('\n');
  const head = `wrk.method = ${luaString(options.method)}\n${headers}\nlocal n = 0\n`;
  if (options.method === 'GET') {
    const paths = options.paths ?? (options.ids ?? []).map((id) => `${path}/${id}`);
    if (paths.length === 0) throw new Error('a GET load needs at least one id or path');
    const list = paths.map(luaString).join(',\n');
    return `${head}local paths = {\n${list}\n}
request = function()
  n = n + 1
  return wrk.format(nil, paths[(n % #paths) + 1])
end
${DONE}`;
  }
  const run = options.run ?? '';
  return `${head}local run = ${luaString(run)}
-- Seeded per thread, so two threads (or two loads in one second) never make the same e-mail.
math.randomseed(os.time() + math.floor(os.clock() * 1000000) + tonumber(tostring({}):match('0x(%x+)') or '0', 16))
local thread_tag = tostring(math.random(1, 1000000000))
request = function()
  n = n + 1
  local body = '{"kind":"person","name":"Load ' .. n .. '","email":"load.' .. run .. '.' .. thread_tag .. '.' .. n .. '@example.com"}'
  return wrk.format(nil, ${luaString(path)}, nil, body)
end
${DONE}`;
}
