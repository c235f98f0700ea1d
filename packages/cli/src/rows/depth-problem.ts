import { jsonDepthExcess, jsonDepthFieldError } from '@rapport/core';
import type { RowProblem } from './source-row.js';

/**
 * The problem of a row nesting deeper than `MAX_JSON_DEPTH` levels (the row being level 1), found
 * without recursion; `undefined` for a row within the limit. Checked as the file is read, so such
 * a row fails alone, before the kernel or the HTTP client (whose `JSON.stringify` recurses) walks it.
 */
export function depthProblem(record: Record<string, unknown>): RowProblem | undefined {
  const excess = jsonDepthExcess(record);
  if (!excess) return undefined;
  const error = jsonDepthFieldError(excess);
  return { code: 'VALIDATION_FAILED', message: `the row ${error.message}`, errors: [error] };
}
