import { type Actor, createKernel, memoryStore, newId } from '@rapport/core';
import { pino } from 'pino';
import { Bench } from 'tinybench';
import { benchCustomer, benchCustomers } from '../fixtures/bench-entity.js';
import { type Row, rowsOf } from '../report.js';

const actor: Actor = { id: 'bench', kind: 'user', roles: ['admin'] };
/** A viewer, from whom a field rule hides the customers' e-mail: the GET path with a redaction. */
const viewer: Actor = { id: 'bench-viewer', kind: 'user', roles: ['viewer'] };

/**
 * Repository create and get on the memory store, beside a bare Map doing the same work; get also
 * as a viewer whose field rule hides a field (the record redacted on every read).
 */
export async function repositorySuite(time: number, preload: number): Promise<Row[]> {
  const kernel = await createKernel({
    store: memoryStore(),
    plugins: [benchCustomers()],
    logger: pino({ level: 'silent' }),
    jobs: { timer: false },
    access: { fields: { viewer: { customer: { hidden: ['email'] } } } },
  });
  await kernel.start();
  const repo = kernel.data('customer', { actor });
  const viewed = kernel.data('customer', { actor: viewer });
  const ids: string[] = [];
  for (let i = 0; i < preload; i += 1) {
    ids.push((await repo.create(benchCustomer(i))).id);
  }
  const bare = new Map<string, Record<string, unknown>>();
  for (const id of ids) bare.set(id, { id, name: 'x' });
  let n = 0;
  const pick = () => ids[(n++ * 7919) % ids.length] as string;

  const options = { time, warmupTime: Math.min(200, time / 4) };
  const create = new Bench(options)
    .add('baseline: Map.set of a cloned record', async () => {
      const id = newId();
      bare.set(id, structuredClone({ id, name: 'bench', email: 'b@example.com', segment: 'A', score: 1 }));
    })
    .add('repository.create (validation, hooks, audit)', async () => {
      await repo.create({ name: 'bench', email: 'b@example.com', segment: 'A', score: 1 });
    });
  const get = new Bench(options)
    .add('baseline: Map.get + clone', async () => {
      structuredClone(bare.get(pick()));
    })
    .add('repository.get (access check, rules)', async () => {
      await repo.get(pick());
    })
    .add('repository.get, a field rule hides email', async () => {
      await viewed.get(pick());
    })
    .add('repository.getJson (the GET route), no field rule', async () => {
      await repo.getJson(pick());
    })
    .add('repository.getJson, a field rule hides email', async () => {
      await viewed.getJson(pick());
    });
  await create.run();
  await get.run();
  await kernel.stop();
  const size = preload.toLocaleString('en-US');
  return [...rowsOf(`memory create @${size}`, create), ...rowsOf(`memory get @${size}`, get)];
}
