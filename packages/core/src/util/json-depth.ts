import { type FieldError, ValidationError } from '../errors.js';

/**
 * The deepest nesting of JSON data Rapport accepts from callers: a request body, a record or a
 * patch may hold objects and arrays at most 64 levels deep, the outermost value being level 1.
 *
 * Entity schemas nest a handful of levels, and free-form documents kept in a field rarely pass
 * twenty; 64 leaves room for both. The recursive walks a write goes through (`structuredClone`,
 * `JSON.stringify`, the data API's copy and merge, canonical JSON) overflow V8's default stack
 * between roughly 2,000 and 5,000 levels, so 64 keeps them thirty times clear of it, with room
 * for the few levels the audit log and the outbox add around a stored record.
 */
export const MAX_JSON_DEPTH = 64;

/** How many steps of a too-deep path a message shows. */
const SHOWN_STEPS = 5;
/** How many characters of one key a message shows. */
const SHOWN_KEY = 40;

/** Where JSON data first nests deeper than a limit. */
export interface JsonDepthExcess {
  /** Keys and array indexes from the root to the first object or array past the limit. */
  path: Array<string | number>;
  /** The limit that was passed. */
  max: number;
}

/** Options of {@link assertJsonDepth} and {@link assertJsonTextDepth}. */
export interface JsonDepthOptions {
  /** Deepest nesting allowed; default {@link MAX_JSON_DEPTH}. */
  max?: number;
  /** What the value is, for the message (`the body`, `the import`); default `the value`. */
  what?: string;
}

function checkedMax(max: number): number {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`a depth limit must be a positive integer, got ${max}`);
  return max;
}

/** One entry of the walk: a container, its level, and how it was reached. */
interface Visit {
  value: object;
  depth: number;
  key: string | number;
  parent: Visit | undefined;
}

function pathOf(visit: Visit): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Finds where a value nests objects or arrays deeper than `max` levels (the value itself being
 * level 1), without recursion: an explicit stack, so any depth (or a cycle, which nests without
 * end) is answered, never a stack overflow. Visits each container once, in document order.
 *
 * @returns `undefined` when the value stays within `max` levels.
 *
 * @example
 * ```ts
 * jsonDepthExcess({ a: { b: [] } }, 3); // undefined
 * jsonDepthExcess({ a: { b: [] } }, 2); // { path: ['a', 'b'], max: 2 }
 * ```
 */
export function jsonDepthExcess(value: unknown, max = MAX_JSON_DEPTH): JsonDepthExcess | undefined {
  checkedMax(max);
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Visit[] = [{ value, depth: 1, key: '', parent: undefined }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    if (visit.depth > max) return { path: pathOf(visit), max };
    const { value: container, depth } = visit;
    if (Array.isArray(container)) {
      for (let i = container.length - 1; i >= 0; i -= 1) {
        const item: unknown = container[i];
        if (typeof item === 'object' && item !== null) {
          stack.push({ value: item, depth: depth + 1, key: i, parent: visit });
        }
      }
    } else {
      const keys = Object.keys(container);
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const key = keys[i] as string;
        const item: unknown = (container as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) {
          stack.push({ value: item, depth: depth + 1, key, parent: visit });
        }
      }
    }
  }
  return undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Does the text hold at most `max` opening braces and brackets (in strings too)? Then it cannot
 * nest deeper than `max`: the common case, answered by native `indexOf` searches that stop
 * after `max + 1` finds, without looking at the text character by character.
 */
function openersWithin(text: string, max: number): boolean {
  let found = 0;
  for (const opener of ['{', '[']) {
    for (let at = text.indexOf(opener); at !== -1; at = text.indexOf(opener, at + 1)) {
      found += 1;
      if (found > max) return false;
    }
  }
  return true;
}

/** The index of the quote that ends the string starting at `start` (`text.length` when none does). */
function closingQuote(text: string, start: number): number {
  // `indexOf` skips the string's text far faster than a loop over its characters could.
  for (let end = text.indexOf('"', start); end !== -1; end = text.indexOf('"', end + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return end;
  }
  return text.length;
}

/** A key as JSON text spells it (without quotes), decoded; left as spelled when it does not decode. */
function decodeKey(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/**
 * Finds where JSON text nests objects or arrays deeper than `max` levels, before it is parsed:
 * one pass over the characters, skipping strings (escapes included), tracking only the open
 * containers and the key or index inside each. Linear in the text, no recursion, no parse, so
 * a hostile body is refused after microseconds instead of being built first. The text is not
 * checked for being valid JSON: parse it afterwards.
 *
 * @returns `undefined` when the text stays within `max` levels.
 *
 * @example
 * ```ts
 * jsonTextDepthExcess('{"a":[[1]]}', 2); // { path: ['a', 0], max: 2 }
 * ```
 */
export function jsonTextDepthExcess(text: string, max = MAX_JSON_DEPTH): JsonDepthExcess | undefined {
  checkedMax(max);
  if (openersWithin(text, max)) return undefined;
  const inObject: boolean[] = [];
  // The key (as spelled) or index each open container is at.
  const steps: Array<string | number> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const start = i + 1;
      i = closingQuote(text, start);
      if (expectKey) {
        steps[steps.length - 1] = text.slice(start, i);
        expectKey = false;
      }
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (steps.length === max) {
        return { path: steps.map((step) => (typeof step === 'string' ? decodeKey(step) : step)), max };
      }
      inObject.push(code === OPEN_OBJECT);
      steps.push(code === OPEN_OBJECT ? '' : 0);
      expectKey = code === OPEN_OBJECT;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      inObject.pop();
      steps.pop();
      expectKey = false;
    } else if (code === COMMA && steps.length > 0) {
      const top = steps.length - 1;
      if (inObject[top]) expectKey = true;
      else steps[top] = (steps[top] as number) + 1;
    }
  }
  return undefined;
}

/** `deeper than 64 levels (at tags.0.0.0.0…)`: the limit and where it was passed. */
function deeperThan(excess: JsonDepthExcess): string {
  const levels = excess.max === 1 ? 'level' : 'levels';
  return `deeper than ${excess.max} ${levels} (at ${shownPath(excess.path)})`;
}

/** The first steps of a too-deep path, dotted, each key cut short: `tags.0.0.0.0…`. */
function shownPath(path: ReadonlyArray<string | number>): string {
  const steps = path
    .slice(0, SHOWN_STEPS)
    .map((step) =>
      typeof step === 'string' && step.length > SHOWN_KEY ? `${step.slice(0, SHOWN_KEY)}…` : step,
    );
  return `${steps.join('.')}${path.length > SHOWN_STEPS ? '…' : ''}`;
}

/**
 * The field error for a too-deep value: the `path` is the top-level field holding the nesting
 * (for an array, its first index), the rule `maxDepth`, and the message names the limit and
 * the first steps of where it was passed.
 */
export function jsonDepthFieldError(excess: JsonDepthExcess): FieldError {
  return {
    path: String(excess.path[0] ?? ''),
    rule: 'maxDepth',
    message: `nests ${deeperThan(excess)}`,
  };
}

function depthError(excess: JsonDepthExcess, what: string): ValidationError {
  return new ValidationError(`${what} nests ${deeperThan(excess)}`, [jsonDepthFieldError(excess)], {
    details: { maxDepth: excess.max },
  });
}

/**
 * Refuses a value nesting deeper than the limit, before any recursive code walks it.
 *
 * @throws ValidationError (`VALIDATION_FAILED`, rule `maxDepth`) naming the limit and the field.
 */
export function assertJsonDepth(value: unknown, options: JsonDepthOptions = {}): void {
  const excess = jsonDepthExcess(value, options.max ?? MAX_JSON_DEPTH);
  if (excess) throw depthError(excess, options.what ?? 'the value');
}

/**
 * Refuses JSON text nesting deeper than the limit, before it is parsed (see
 * {@link jsonTextDepthExcess}); parse it with `JSON.parse` afterwards.
 *
 * @throws ValidationError (`VALIDATION_FAILED`, rule `maxDepth`) naming the limit and the field.
 *
 * @example
 * ```ts
 * assertJsonTextDepth(text, { what: 'the body' });
 * const body: unknown = JSON.parse(text);
 * ```
 */
export function assertJsonTextDepth(text: string, options: JsonDepthOptions = {}): void {
  const excess = jsonTextDepthExcess(text, options.max ?? MAX_JSON_DEPTH);
  if (excess) throw depthError(excess, options.what ?? 'the value');
}
