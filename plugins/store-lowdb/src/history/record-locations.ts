/** Where one record's JSON lies on disk. */
export interface RecordLocation {
  file: number;
  offset: number;
  length: number;
}

/** A copy of every location at one moment (for compactions and scans), in slot order. */
export interface LocationList {
  count: number;
  ids: readonly (string | undefined)[];
  file: Uint32Array;
  offset: Float64Array;
  length: Uint32Array;
}

const INITIAL_SLOTS = 1_024;

/**
 * The disk locations of a history collection's records, by id: for each record a slot in three
 * typed arrays (file number, byte offset, byte length, 16 bytes) plus its id in a map, so a
 * million records cost a few tens of bytes each rather than the records themselves. Freed slots
 * are reused.
 */
export class RecordLocations {
  readonly #slots = new Map<string, number>();
  #ids: (string | undefined)[] = [];
  #file = new Uint32Array(INITIAL_SLOTS);
  #offset = new Float64Array(INITIAL_SLOTS);
  #length = new Uint32Array(INITIAL_SLOTS);
  #free: number[] = [];
  #used = 0;

  get size(): number {
    return this.#slots.size;
  }

  has(id: string): boolean {
    return this.#slots.has(id);
  }

  /** Every placed id. */
  ids(): IterableIterator<string> {
    return this.#slots.keys();
  }

  get(id: string): RecordLocation | undefined {
    const slot = this.#slots.get(id);
    if (slot === undefined) return undefined;
    return {
      file: this.#file[slot] as number,
      offset: this.#offset[slot] as number,
      length: this.#length[slot] as number,
    };
  }

  /** The file number holding `id`, if it is placed. */
  fileOf(id: string): number | undefined {
    const slot = this.#slots.get(id);
    return slot === undefined ? undefined : this.#file[slot];
  }

  set(id: string, file: number, offset: number, length: number): void {
    let slot = this.#slots.get(id);
    if (slot === undefined) {
      slot = this.#free.pop() ?? this.#grow();
      this.#slots.set(id, slot);
      this.#ids[slot] = id;
    }
    this.#file[slot] = file;
    this.#offset[slot] = offset;
    this.#length[slot] = length;
  }

  delete(id: string): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#slots.delete(id);
    this.#ids[slot] = undefined;
    this.#free.push(slot);
  }

  #grow(): number {
    if (this.#used === this.#file.length) {
      const size = this.#file.length * 2;
      const file = new Uint32Array(size);
      file.set(this.#file);
      const offset = new Float64Array(size);
      offset.set(this.#offset);
      const length = new Uint32Array(size);
      length.set(this.#length);
      this.#file = file;
      this.#offset = offset;
      this.#length = length;
    }
    const slot = this.#used;
    this.#used += 1;
    return slot;
  }

  /** A copy of every location (a few memory copies; unused slots have no id). */
  copy(): LocationList {
    return {
      count: this.#used,
      ids: this.#ids.slice(0, this.#used),
      file: this.#file.slice(0, this.#used),
      offset: this.#offset.slice(0, this.#used),
      length: this.#length.slice(0, this.#used),
    };
  }
}
