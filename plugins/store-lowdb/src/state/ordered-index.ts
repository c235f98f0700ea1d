import { canonicalJson, type StoredRecord } from '@rapport/core';
import { compareValues, type PathReader, pathReader } from '@rapport/core/store-kit';

/** One entry of an ordered list: the record's value of the ordering field (`null` when missing) and its id. */
interface Slot {
  value: unknown;
  id: string;
}

/** The query language's order of values (`compareValues`), then ids by code unit. */
function compareSlots(a: Slot, b: Slot): number {
  const byValue = compareValues(a.value, b.value);
  if (byValue !== 0) return byValue;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Where a page starts: strictly after this value and id, in the walk's directions. */
export interface WalkStart {
  value: unknown;
  id: string;
}

/**
 * The ids under one leading key, sorted by the ordering field's value then by id. Additions in
 * order (the common case: `createdAt` grows) append; others mark the list unsorted, and it is
 * sorted once before it is next read, so building an index over a whole collection costs one
 * sort per key rather than one insertion each.
 */
class OrderedList {
  #slots: Slot[] = [];
  #sorted = true;

  get size(): number {
    return this.#slots.length;
  }

  add(slot: Slot): void {
    const last = this.#slots[this.#slots.length - 1];
    if (this.#sorted && last !== undefined && compareSlots(last, slot) > 0) this.#sorted = false;
    this.#slots.push(slot);
  }

  /** Removes the slot equal to `slot`; false when it is not there. */
  remove(slot: Slot): boolean {
    const slots = this.#ordered();
    let low = 0;
    let high = slots.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const result = compareSlots(slots[middle] as Slot, slot);
      if (result === 0) {
        slots.splice(middle, 1);
        return true;
      }
      if (result < 0) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  #ordered(): Slot[] {
    if (!this.#sorted) {
      this.#slots.sort(compareSlots);
      this.#sorted = true;
    }
    return this.#slots;
  }

  /** The first position whose value is not below `value` (`strict`: above it). */
  #bound(value: unknown, strict: boolean): number {
    const slots = this.#ordered();
    let low = 0;
    let high = slots.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const result = compareValues((slots[middle] as Slot).value, value);
      if (result < 0 || (strict && result === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The ids whose value equals `value` in the query language's order (`compareValues` 0). */
  equalIds(value: unknown): string[] {
    const from = this.#bound(value, false);
    const to = this.#bound(value, true);
    return this.#slots.slice(from, to).map((slot) => slot.id);
  }

  /** Every id, in ascending order. */
  ids(): string[] {
    return this.#ordered().map((slot) => slot.id);
  }

  /**
   * The ids in the order of a sort on the value (`valueDesc`) then the id (`idDesc`), each
   * direction on its own, starting strictly after `start` when given. Runs of equal values are
   * read in the id's direction, so `-createdAt` (newest first, ties by ascending id) walks the
   * list from its end one run at a time.
   */
  *walk(valueDesc: boolean, idDesc: boolean, start?: WalkStart): Generator<string> {
    const slots = this.#ordered();
    const step = valueDesc ? -1 : 1;
    let at = valueDesc ? slots.length - 1 : 0;
    if (start) at = valueDesc ? this.#bound(start.value, true) - 1 : this.#bound(start.value, false);
    while (at >= 0 && at < slots.length) {
      // The run of equal values at `at`: [first, last] in ascending positions.
      const value = (slots[at] as Slot).value;
      let first = at;
      let last = at;
      if (valueDesc)
        while (first > 0 && compareValues((slots[first - 1] as Slot).value, value) === 0) first -= 1;
      else
        while (last < slots.length - 1 && compareValues((slots[last + 1] as Slot).value, value) === 0)
          last += 1;
      const sameAsStart = start !== undefined && compareValues(value, start.value) === 0;
      for (let i = idDesc ? last : first; i >= first && i <= last; i += idDesc ? -1 : 1) {
        const id = (slots[i] as Slot).id;
        if (sameAsStart && (idDesc ? id >= (start as WalkStart).id : id <= (start as WalkStart).id)) continue;
        yield id;
      }
      at = valueDesc ? first + step : last + step;
    }
  }
}

/**
 * The ordered companion of a two-field lookup index (`['ownerId', 'createdAt']`): per key of the
 * leading field, the ids sorted by the second field, so a page filtered on the first and sorted
 * on the second reads its records in order and stops after `limit` matches instead of fetching,
 * matching and ranking every record under the key. Kept with the lookup index it belongs to, so
 * commits, journal replay and reloads keep it right exactly as they keep that index.
 */
export class OrderedIndex {
  /** The leading field and the ordering field. */
  readonly fields: readonly [string, string];
  readonly #lead: PathReader;
  readonly #order: PathReader;
  readonly #lists = new Map<string, OrderedList>();

  constructor(fields: readonly [string, string]) {
    this.fields = fields;
    this.#lead = pathReader(fields[0]);
    this.#order = pathReader(fields[1]);
  }

  #slot(record: StoredRecord): Slot {
    return { value: this.#order(record) ?? null, id: record.id };
  }

  add(record: StoredRecord): void {
    const key = canonicalJson(this.#lead(record));
    let list = this.#lists.get(key);
    if (!list) {
      list = new OrderedList();
      this.#lists.set(key, list);
    }
    list.add(this.#slot(record));
  }

  remove(record: StoredRecord): void {
    const key = canonicalJson(this.#lead(record));
    const list = this.#lists.get(key);
    if (list?.remove(this.#slot(record)) && list.size === 0) this.#lists.delete(key);
  }

  /** How many records hold this value of the leading field. */
  sizeOf(leadValue: unknown): number {
    return this.#lists.get(canonicalJson(leadValue))?.size ?? 0;
  }

  /** The ids of the records holding this value of the leading field. */
  idsOf(leadValue: unknown): string[] {
    return this.#lists.get(canonicalJson(leadValue))?.ids() ?? [];
  }

  /**
   * The ids holding `leadValue` and `value`: for a scalar (or null, or missing) the run of equal
   * values, found by binary search; for an object or an array, whose `eq` ignores key order where
   * the list's order does not, every id under the leading value (a superset: callers filter).
   */
  equalIds(leadValue: unknown, value: unknown): string[] {
    const list = this.#lists.get(canonicalJson(leadValue));
    if (!list) return [];
    return value !== null && typeof value === 'object' ? list.ids() : list.equalIds(value ?? null);
  }

  /** The ids under a leading value in a sort's order (see {@link OrderedList.walk}). */
  walk(leadValue: unknown, valueDesc: boolean, idDesc: boolean, start?: WalkStart): Iterable<string> {
    return this.#lists.get(canonicalJson(leadValue))?.walk(valueDesc, idDesc, start) ?? [];
  }
}
