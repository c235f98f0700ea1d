// Adds up the vitest JSON results every package wrote (.vitest/results.json) and prints one
// closing line: "Tests: N passed, N failed, N skipped". Exits 1 when a test failed or none ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
for (const group of ['packages', 'plugins', 'examples']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const file = join(group, name, '.vitest', 'results.json');
    if (!existsSync(file)) continue;
    const result = JSON.parse(readFileSync(file, 'utf8'));
    const passed = result.numPassedTests ?? 0;
    const failed = result.numFailedTests ?? 0;
    const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
    totals.passed += passed;
    totals.failed += failed;
    totals.skipped += skipped;
    rows.push(`  ${`${group}/${name}`.padEnd(32)} ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
console.log(`\nTest summary by package:\n${rows.join('\n')}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
