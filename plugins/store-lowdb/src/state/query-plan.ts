import type { JsonValue, StoreFindQuery, WhereNode } from '@rapport/core';
import type { CollectionState } from './collection-state.js';
import { tupleKey } from './index-key.js';
import { groupIds, groupSize, type IdGroup, type LookupIndex } from './indexes.js';
import type { OrderedIndex } from './ordered-index.js';

/** Index probes beyond this many key combinations are not worth it; the query scans instead. */
const MAX_PROBES = 1_000;

/** The `eq`/`in`/`exists: false` conditions every matching record must meet, by field: the values allowed. */
function equalityConditions(where: WhereNode): Map<string, JsonValue[]> {
  const conditions = new Map<string, JsonValue[]>();
  const visit = (node: WhereNode): void => {
    if (node.kind === 'and') {
      for (const item of node.items) visit(item);
      return;
    }
    if (node.kind !== 'cmp') return;
    let values: JsonValue[] | undefined;
    if (node.op === 'eq') values = [node.value];
    else if (node.op === 'in' && Array.isArray(node.value)) values = node.value;
    // `exists: false` matches missing or null, exactly as `eq: null`: the index key `null`.
    else if (node.op === 'exists' && node.value === false) values = [null];
    if (!values) return;
    const known = conditions.get(node.field);
    if (!known || values.length < known.length) conditions.set(node.field, values);
  };
  visit(where);
  return conditions;
}

/** Every combination of one value per field (the keys to probe), or `undefined` past the limit. */
function combinations(lists: JsonValue[][]): JsonValue[][] | undefined {
  let total = 1;
  for (const list of lists) total *= list.length;
  if (total > MAX_PROBES) return undefined;
  let combos: JsonValue[][] = [[]];
  for (const list of lists) combos = combos.flatMap((combo) => list.map((value) => [...combo, value]));
  return combos;
}

/**
 * The ids of the only records that can match `where`, found through the primary key or an index
 * when the where requires `eq`/`in` values on indexed fields (at the top level or inside a
 * top-level `and`); `undefined` when every record must be scanned. Callers still filter the
 * candidates with the full where. Of several usable indexes, the one giving fewest ids wins.
 */
export function candidateIds(
  collection: CollectionState,
  where: WhereNode | undefined,
): string[] | undefined {
  if (!where) return undefined;
  const conditions = equalityConditions(where);
  if (conditions.size === 0) return undefined;
  let best: string[] | undefined;
  const consider = (ids: string[]): void => {
    if (!best || ids.length < best.length) best = ids;
  };

  const idValues = conditions.get('id');
  if (idValues)
    consider([...new Set(idValues.filter((value): value is string => typeof value === 'string'))]);

  for (const index of collection.uniques) {
    const lists = index.fields.map((field) => conditions.get(field));
    if (lists.some((list) => !list || list.some((value) => value === null))) continue;
    const combos = combinations(lists as JsonValue[][]);
    if (!combos) continue;
    const ids = new Set<string>();
    for (const combo of combos) {
      const id = index.ids.get(tupleKey(combo));
      if (id !== undefined) ids.add(id);
    }
    consider([...ids]);
  }

  // A primary-key or unique probe leaving at most one candidate cannot be beaten meaningfully.
  if (best && best.length <= 1) return best;
  for (const index of collection.lookups) {
    const leadOnly = orderedLeadValues(index, conditions);
    if (leadOnly) {
      const ordered = leadOnly.index;
      const size = leadOnly.values.reduce<number>((total, value) => total + ordered.sizeOf(value), 0);
      if (!best || size < best.length) consider(leadOnly.values.flatMap((value) => ordered.idsOf(value)));
      continue;
    }
    const sets = lookupSets(index, conditions);
    if (!sets) continue;
    const size = sets.reduce((total, ids) => total + groupSize(ids), 0);
    if (best && best.length <= size) continue;
    consider(sets.flatMap((ids) => [...groupIds(ids)]));
  }
  return best;
}

/**
 * The ordered companion of a two-field index and the leading field's values, when the conditions
 * name the leading field only: its flat lists are cheaper to read than the second level's many
 * groups. `undefined` otherwise.
 */
function orderedLeadValues(
  index: LookupIndex,
  conditions: Map<string, JsonValue[]>,
): { index: OrderedIndex; values: JsonValue[] } | undefined {
  const ordered = index.ordered;
  const leading = conditions.get(index.fields[0] as string);
  if (!ordered || !leading || conditions.has(index.fields[1] as string) || leading.length > MAX_PROBES)
    return undefined;
  return { index: ordered, values: distinct(leading, (value) => tupleKey([value])) };
}

/** Leading values an ordered walk takes at most (one walk each). */
const MAX_WALKS = 32;

/** How a find reads an ordered index: the index, the leading values to walk, and the directions. */
export interface OrderedPlan {
  index: OrderedIndex;
  leads: JsonValue[];
  valueDesc: boolean;
  idDesc: boolean;
}

/**
 * The ordered walk for a find whose where requires `eq`/`in` values of a two-field index's
 * leading field and whose sort is that index's second field then `id`
 * (`where ownerId = x, sort -createdAt`): the page is read in order from the index and stops
 * after `limit` matches. `undefined` when that does not apply, or when the primary key or a
 * unique index names the candidates (a handful of records, cheaper still).
 */
export function orderedPlan(collection: CollectionState, query: StoreFindQuery): OrderedPlan | undefined {
  const { where, sort, after } = query;
  if (!where || sort.length !== 2 || sort[1]?.field !== 'id') return undefined;
  if (after && (after.length !== 2 || typeof after[1] !== 'string')) return undefined;
  const field = sort[0]?.field as string;
  const conditions = equalityConditions(where);
  if (conditions.has('id')) return undefined;
  for (const unique of collection.uniques) {
    if (unique.fields.every((name) => conditions.get(name)?.every((value) => value !== null)))
      return undefined;
  }
  for (const lookup of collection.lookups) {
    const index = lookup.ordered;
    if (!index || index.fields[1] !== field) continue;
    const leading = conditions.get(index.fields[0]);
    if (!leading || leading.length > MAX_WALKS) continue;
    return {
      index,
      leads: distinct(leading, (value) => tupleKey([value])),
      valueDesc: sort[0]?.direction === 'desc',
      idDesc: sort[1]?.direction === 'desc',
    };
  }
  return undefined;
}

/**
 * The id groups a lookup index answers for the conditions: exact tuples when every field has one,
 * else every tuple under the leading field's values; `undefined` when the leading field has none.
 */
function lookupSets(index: LookupIndex, conditions: Map<string, JsonValue[]>): IdGroup[] | undefined {
  const lists = index.fields.map((field) => conditions.get(field));
  if (lists.every((list) => list !== undefined)) {
    const combos = combinations(lists as JsonValue[][]);
    if (combos) {
      return distinct(combos, tupleKey).flatMap((combo) => {
        const ids = index.exact(combo);
        return ids === undefined ? [] : [ids];
      });
    }
  }
  const leading = lists[0];
  if (!leading || leading.length > MAX_PROBES) return undefined;
  return distinct(leading, (value) => tupleKey([value])).flatMap((value) => [...index.leading(value)]);
}

/** The items whose `keyOf` was not seen before, in order. */
function distinct<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
