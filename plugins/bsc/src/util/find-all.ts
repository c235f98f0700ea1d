import type { EntityRecord, Repository, Where } from '@rapport/core';

/** Every record matching `where`, page by page (a scorecard's objectives, KPIs, links, readings). */
export async function findAll<T>(repository: Repository<T>, where: Where): Promise<Array<EntityRecord<T>>> {
  const items: Array<EntityRecord<T>> = [];
  let cursor: string | undefined;
  do {
    const page = await repository.find({
      where,
      limit: 1000,
      sort: ['createdAt', 'id'],
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
