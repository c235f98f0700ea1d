import type { EntityRecord } from '../entities/define-entity.js';
import type { FindQuery } from '../query/types.js';
import type { Repository } from './repository.js';

/**
 * Every record a query matches, page by page (500 a page, keyset cursors), as one array. For
 * bounded sets — a batch's interests, a customer's members — not for a whole collection.
 *
 * @example
 * ```ts
 * const interests = await findAll(kernel.data('campaignInterest', { actor }), {
 *   where: { customerId: { in: ids } },
 *   fields: ['customerId', 'topic'],
 * });
 * ```
 */
export async function findAll<T>(
  repository: Repository<T>,
  query: Omit<FindQuery, 'cursor' | 'limit'> = {},
): Promise<Array<EntityRecord<T>>> {
  const items: Array<EntityRecord<T>> = [];
  let cursor: string | undefined;
  do {
    const page = await repository.find({ ...query, limit: 500, ...(cursor ? { cursor } : {}) });
    items.push(...(page.items as Array<EntityRecord<T>>));
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
