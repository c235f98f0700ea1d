// Child process of the crash test: writes continuously to a lowdb store until it is killed,
// printing one line per acknowledged write (after the transaction's promise resolved), each written
// synchronously so it reaches the parent even when the process is killed right after. Single
// records carry an event (a history collection, kept on disk) written in the same transaction:
// created with the record, updated with it (same version), deleted with it.
//   C <id>                 a single record created, with its event ev-<id>
//   G <group> <size> <w>   a multi-record transaction: <size> items of <group> plus tally-<w>.groups + 1
//   U <id> <version>       a record updated to <version>
//   d <id>                 a delete of the record is starting (it may be gone from now on)
//   D <id>                 a record deleted
// Usage: node crash-writer.mjs <dir> <run id> <compactAfterEntries> <historyInMemory>
import { readFileSync } from 'node:fs';
import { lowdbStore } from '../../dist/index.js';
import { say } from './say.mjs';

const [dir, run, compactAfterEntries, historyInMemory] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(new URL('./crash-schema.json', import.meta.url), 'utf8'));
const silent = { info() {}, warn() {}, error() {} };
const store = lowdbStore({
  dir,
  logger: silent,
  compactAfterEntries: Number(compactAfterEntries),
  historyInMemory: Number(historyInMemory),
});
await store.open(schema);
say('ready');

const now = new Date().toISOString();
const record = (id, fields) => ({ id, createdAt: now, updatedAt: now, version: 1, ...fields });
let next = 0;

async function writer(w) {
  const mine = [];
  const tallyId = `tally-${w}`;
  await store.transaction(async (tx) => {
    if (!(await tx.get('tally', tallyId))) await tx.insert('tally', record(tallyId, { groups: 0 }));
  });
  for (;;) {
    const n = next++;
    const kind = n % 5;
    if (kind <= 1) {
      const id = `${run}-${n}`;
      await store.transaction(async (tx) => {
        await tx.insert('item', record(id, { code: `code-${id}`, pad: 'x'.repeat(n % 300) }));
        await tx.insert(
          'event',
          record(`ev-${id}`, { itemId: id, ref: `ref-${id}`, pad: 'e'.repeat(n % 200) }),
        );
      });
      mine.push(id);
      say(`C ${id}`);
    } else if (kind === 2) {
      const group = `${run}-g${n}`;
      const size = 2 + (n % 4);
      await store.transaction(async (tx) => {
        for (let i = 0; i < size; i += 1)
          await tx.insert('item', record(`${group}-${i}`, { group, groupSize: size, w }));
        const tally = await tx.get('tally', tallyId);
        await tx.update(
          'tally',
          { ...tally, groups: tally.groups + 1, version: tally.version + 1 },
          tally.version,
        );
      });
      say(`G ${group} ${size} ${w}`);
    } else if (kind === 3 && mine.length > 0) {
      const id = mine[n % mine.length];
      const version = await store.transaction(async (tx) => {
        const current = await tx.get('item', id);
        await tx.update('item', { ...current, touched: n, version: current.version + 1 }, current.version);
        const event = await tx.get('event', `ev-${id}`);
        await tx.update('event', { ...event, touched: n, version: event.version + 1 }, event.version);
        return current.version + 1;
      });
      say(`U ${id} ${version}`);
    } else if (kind === 4 && mine.length > 3) {
      const id = mine.shift();
      say(`d ${id}`); // about to delete: from here on the record may be gone even if D never shows
      await store.transaction(async (tx) => {
        await tx.delete('item', id);
        await tx.delete('event', `ev-${id}`);
      });
      say(`D ${id}`);
    }
  }
}

await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
