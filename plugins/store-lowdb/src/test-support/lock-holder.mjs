// Child process of the lock test: opens a lowdb store on <dir> and reports `open` or
// `error <code> <message>`; on `close` from stdin closes it and reports `closed`.
import { createInterface } from 'node:readline';
import { lowdbStore } from '../../dist/index.js';
import { say } from './say.mjs';

const [dir] = process.argv.slice(2);
const schema = { collections: [{ name: 'item', schema: { type: 'object' }, indexes: [] }] };
const store = lowdbStore({ dir, logger: { info() {}, warn() {}, error() {} } });
try {
  await store.open(schema);
  say('open');
} catch (error) {
  say(`error ${error.code} ${error.message}`);
  process.exit(0);
}
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'close') {
    await store.close();
    say('closed');
    process.exit(0);
  }
}
