import { type Actor, fieldError, RapportError, ValidationError } from '@rapport/core';
import type { Customer } from '../entities/customer.js';
import { IDENTITY_FIELDS, normaliseIdentity } from '../identity/identity-taps.js';
import type { CustomersContext } from '../service.js';

/** One row an import refused, and why. */
export interface RejectedRow {
  /** 1-based position among the data rows (the CSV header is not a row). */
  row: number;
  /** The error's stable code: `VALIDATION_FAILED`, `CONFLICT`, `FORBIDDEN`, ... */
  code: string;
  /** A sentence a person can act on. */
  reason: string;
  /** The offending field, when one is to blame. */
  field?: string;
  /** For a duplicate of a stored customer: that customer's id. */
  existingId?: string;
  /** For a duplicate of an earlier row of the same import: that row. */
  duplicateOfRow?: number;
}

/** What an import did. */
export interface ImportReport {
  total: number;
  created: number;
  /** Ids of the created customers, in row order. */
  createdIds: string[];
  rejected: RejectedRow[];
  /** True when nothing was written (every row checked, then rolled back). */
  dryRun: boolean;
}

class Rollback extends Error {}

function rejection(row: number, error: unknown): RejectedRow {
  if (!(error instanceof RapportError)) throw error;
  const details = error.details as { field?: unknown; existingId?: unknown };
  const field =
    error instanceof ValidationError
      ? error.errors[0]?.path
      : typeof details.field === 'string'
        ? details.field
        : undefined;
  return {
    row,
    code: error.code,
    reason: error.message,
    ...(field ? { field } : {}),
    ...(typeof details.existingId === 'string' ? { existingId: details.existingId } : {}),
  };
}

/**
 * Imports customers row by row, acting as `actor` (who needs `customer:import` and
 * `customer:create`). Every row goes through the same rules as a single create — schema,
 * phone and e-mail normalisation, uniqueness — in its own transaction, so a bad row never stops
 * the good ones. Rows are deduplicated on phone and e-mail against stored customers (the
 * rejection names the existing customer) and against earlier rows of the same import (it names
 * the row). With `dryRun`, each row is written and rolled back: the report is what a real import
 * would do, and nothing is stored.
 */
export async function importCustomers(
  context: CustomersContext,
  actor: Actor,
  rows: readonly unknown[],
  options: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  const kernel = context.kernel;
  kernel.access.assert(actor, 'customer', 'import');
  kernel.access.assert(actor, 'customer', 'create');
  const max = context.options.importMaxRows;
  if (rows.length > max) {
    throw fieldError(
      'import',
      '',
      'customers.import',
      `holds ${rows.length} rows; at most ${max} per import (option importMaxRows)`,
    );
  }
  const dryRun = options.dryRun ?? false;
  const report: ImportReport = { total: rows.length, created: 0, createdIds: [], rejected: [], dryRun };
  const seen = new Map<string, number>();
  for (const [index, input] of rows.entries()) {
    const row = index + 1;
    try {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw fieldError('customer', '', 'customers.import', 'must be an object of customer fields');
      }
      const identity = normaliseIdentity('customer', input as Customer, context.options.defaultRegion);
      const duplicate = IDENTITY_FIELDS.find(
        (field) => identity[field] && seen.has(`${field}:${identity[field]}`),
      );
      if (duplicate) {
        const first = seen.get(`${duplicate}:${identity[duplicate]}`) as number;
        report.rejected.push({
          row,
          code: 'CONFLICT',
          reason: `${duplicate} ${identity[duplicate]} already appears in row ${first} of this import`,
          field: duplicate,
          duplicateOfRow: first,
        });
        continue;
      }
      let id = '';
      await kernel
        .transaction(async (tx) => {
          id = (await tx.data<Customer>('customer', { actor }).create(input as Customer)).id;
          if (dryRun) throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
      for (const field of IDENTITY_FIELDS) if (identity[field]) seen.set(`${field}:${identity[field]}`, row);
      report.created += 1;
      if (!dryRun) report.createdIds.push(id);
    } catch (error) {
      report.rejected.push(rejection(row, error));
    }
  }
  return report;
}
