import type { ReadFiles } from './read-files.js';

/** A record's bytes to read: file number, offset and length. */
export interface Span {
  file: number;
  offset: number;
  length: number;
}

/** Bytes read in one go at most, and the gap between two records still worth reading through. */
const MAX_WINDOW = 1 << 20;
const MAX_GAP = 16 * 1024;

/**
 * Reads the spans (sorted by file, then offset; the caller holds their files) with few reads:
 * neighbours in a file share one read of up to 1 MiB. `onSpan` gets each span's index and bytes
 * (a view into the window read).
 */
export async function readSpans(
  files: ReadFiles,
  spans: readonly Span[],
  onSpan: (index: number, bytes: Buffer) => void,
): Promise<void> {
  let i = 0;
  while (i < spans.length) {
    const first = spans[i] as Span;
    let end = first.offset + first.length;
    let j = i + 1;
    while (j < spans.length) {
      const next = spans[j] as Span;
      const nextEnd = Math.max(end, next.offset + next.length);
      if (next.file !== first.file || next.offset - end > MAX_GAP || nextEnd - first.offset > MAX_WINDOW)
        break;
      end = nextEnd;
      j += 1;
    }
    const window = await files.readHeld(first.file, first.offset, end - first.offset);
    for (let k = i; k < j; k += 1) {
      const span = spans[k] as Span;
      const start = span.offset - first.offset;
      onSpan(k, window.subarray(start, start + span.length));
    }
    i = j;
  }
}

/** Orders spans by file, then offset (the order {@link readSpans} wants). */
export function bySpanOrder(a: Span, b: Span): number {
  return a.file - b.file || a.offset - b.offset;
}
