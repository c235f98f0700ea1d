import type { HeapReport } from './heap-child.js';

/** One measured phase of the heap suite. */
export interface HeapPhase {
  size: number;
  label: string;
  /** The child's figures, or why it failed. */
  report: HeapReport | { error: string };
}

const MB = 1024 * 1024;
const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** The heap figures as a markdown table: heap used, bytes per customer and per record, time, folder size. */
export function heapTable(phases: readonly HeapPhase[]): string {
  const lines = [
    '| customers | records (customers + audit) | phase | heap used | heap bytes / customer (with its audit) | heap bytes / record | time | data folder |',
    '|---:|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const { size, label, report } of phases) {
    if ('error' in report) {
      lines.push(
        `| ${int(size)} | – | ${label} | failed: ${report.error.replaceAll('|', '/')} | – | – | – | – |`,
      );
      continue;
    }
    const grown = report.after.heapUsed - report.before.heapUsed;
    const records = report.customers + report.auditRecords;
    const folder = Object.values(report.files).reduce((sum, bytes) => sum + bytes, 0);
    lines.push(
      `| ${int(report.customers)} | ${int(records)} | ${label} | ${(report.after.heapUsed / MB).toFixed(0)} MB ` +
        `| ${int(grown / Math.max(1, report.customers))} | ${int(grown / Math.max(1, records))} ` +
        `| ${(report.ms / 1_000).toFixed(1)} s | ${(folder / MB).toFixed(0)} MB |`,
    );
  }
  return lines.join('\n');
}
