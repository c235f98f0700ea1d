// A separate Rapport process for the cross-process lost-update test. It boots a kernel on the
// PostgreSQL store (the compiled adapter at STORE_MODULE), then runs CYCLES read-increment-write
// cycles over the counters in IDS (round robin), each an update with expectedVersion retried on
// CONFLICT. Prints one JSON line: { increments, conflicts }.
import { createKernel, RapportError } from '@rapport/core';
import { counterPlugin } from './counter-plugin.mjs';

const { STORE_MODULE, DATABASE_URL, PG_SCHEMA, IDS, CYCLES } = process.env;
const { postgresStore } = await import(STORE_MODULE);
const kernel = await createKernel({
  store: postgresStore({ url: DATABASE_URL, schema: PG_SCHEMA, max: 4 }),
  plugins: [counterPlugin()],
  logger: { level: 'silent' },
  jobs: { timer: false },
});
await kernel.start();
const counters = kernel.data('counter', {
  actor: { id: `worker-${process.pid}`, kind: 'user', roles: ['admin'] },
});
const ids = IDS.split(',');
let conflicts = 0;
let increments = 0;
for (let n = 0; n < Number(CYCLES); n += 1) {
  const id = ids[n % ids.length];
  for (;;) {
    const current = await counters.get(id);
    try {
      await counters.update(id, { value: current.value + 1 }, { expectedVersion: current.version });
      increments += 1;
      break;
    } catch (error) {
      if (!(error instanceof RapportError) || error.code !== 'CONFLICT') throw error;
      conflicts += 1;
    }
  }
}
await kernel.stop();
console.log(JSON.stringify({ increments, conflicts }));
