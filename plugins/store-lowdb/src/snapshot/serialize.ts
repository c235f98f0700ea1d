import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { SegmentInfo } from '../history/segment-table.js';
import type { CapturedState } from '../state/database.js';

/** How long serialization runs before it lets requests in. */
const SLICE_MS = 4;
/** Size of the pieces handed to the file. */
const CHUNK_BYTES = 1 << 20;

/**
 * Serializes a snapshot document (`{"format":2,"seq":n,"collections":{"customer":[...]},"history":[...]}`,
 * JSON with one record per line, each collection an array of records, `history` the segments
 * holding the history collections' records; see `read-snapshot-lines.ts`) in
 * pieces of about 1 MiB, yielding to the event loop every few milliseconds, so a large snapshot
 * written in the background never stalls requests for its whole duration.
 */
export async function* serializeSnapshot(
  seq: number,
  collections: CapturedState,
  history: readonly SegmentInfo[] = [],
): AsyncGenerator<Buffer> {
  let parts: string[] = [`{"format":2,"seq":${seq},"collections":{\n`];
  let size = parts[0]?.length ?? 0;
  let sliceStart = performance.now();
  let firstCollection = true;
  for (const [name, records] of collections) {
    const open = `${firstCollection ? '' : ','}${JSON.stringify(name)}:[\n`;
    parts.push(open);
    size += open.length;
    firstCollection = false;
    let first = true;
    for (const record of records.values()) {
      const part = `${first ? '' : ','}${JSON.stringify(record)}\n`;
      first = false;
      parts.push(part);
      size += part.length;
      if (size >= CHUNK_BYTES) {
        yield Buffer.from(parts.join(''));
        parts = [];
        size = 0;
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    parts.push(']\n');
  }
  parts.push(`},"history":${JSON.stringify(history)}}\n`);
  yield Buffer.from(parts.join(''));
}
