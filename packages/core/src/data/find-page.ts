import type { FieldPolicy } from '../access/field-policy.js';
import { sortValues } from '../query/compare.js';
import { encodeCursor } from '../query/cursor.js';
import { andWhere, normalizeFind } from '../query/normalize.js';
import { projectFields } from '../query/project.js';
import type { FindQuery, Page, WhereNode } from '../query/types.js';
import type { CollectionSpec, StoredRecord } from '../store/types.js';
import type { QueryLimits } from './repository.js';
import type { TransactionRunner } from './transaction-runner.js';

/**
 * Validates a find query against a collection's schema, adds the caller's record-rule filter,
 * reads one row more than the limit to know whether another page exists, and encodes the
 * keyset cursor from the last row. With a field `policy`, a filter, sort or projection on a
 * field hidden from the caller is refused and hidden fields are left out of the rows.
 */
export async function findPage(
  runner: TransactionRunner,
  collection: CollectionSpec,
  query: FindQuery,
  limits: QueryLimits,
  restriction?: WhereNode,
  policy?: FieldPolicy,
): Promise<Page<StoredRecord>> {
  const { find, fields } = normalizeFind(query, collection.schema, limits);
  policy?.checkFind(find, fields);
  const where = andWhere(find.where, restriction);
  const rows = await runner.read((tx) =>
    tx.find(collection.name, { ...find, ...(where ? { where } : {}), limit: find.limit + 1 }),
  );
  const items = rows.slice(0, find.limit);
  const shown = policy ? items.map((row) => policy.redact(row)) : items;
  const page: Page<StoredRecord> = { items: shown.map((row) => projectFields(row, fields) as StoredRecord) };
  const last = items[items.length - 1];
  if (rows.length > find.limit && last)
    page.nextCursor = encodeCursor(sortValues(last, find.sort), find.sort);
  return page;
}
