import { describe, expect, it } from 'vitest';
import { parseWrk } from './parse.js';

const SUMMARY =
  'WRK_JSON {"requests":100000,"duration_us":5000000,"connect_errors":0,"read_errors":1,"write_errors":0,"timeouts":2,"status_errors":3,"p50_us":900,"p90_us":1500,"p99_us":4200,"max_us":9000,"mean_us":1000.50}';

describe('parseWrk', () => {
  it('reads rate, percentiles, errors and the client CPU from bash times', () => {
    const output = `Running 5s test @ http://127.0.0.1:1\n${SUMMARY}\n0m0.010s 0m0.002s\n0m1.500s 0m1.000s\n`;
    const result = parseWrk(output);
    expect(result.rps).toBe(20_000);
    expect(result.p50).toBe(0.9);
    expect(result.p99).toBe(4.2);
    expect(result.errors).toBe(6);
    expect(result.requests).toBe(100_000);
    expect(result.cpuSeconds).toBeCloseTo(2.5);
    expect(result.cpuShare).toBeCloseTo(0.5);
  });

  it('leaves the CPU share out when the shell did not report it', () => {
    expect(parseWrk(SUMMARY).cpuShare).toBeUndefined();
  });

  it('fails clearly when wrk printed no summary', () => {
    expect(() => parseWrk('unable to connect to 127.0.0.1:1')).toThrow(/wrk printed no summary/);
  });
});
