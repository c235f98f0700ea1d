import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SYSTEM_ACTOR } from '@rapport/core';
import { type Customer, customers } from '@rapport/plugin-customers';
import { type Deal, type Order, sales } from '@rapport/plugin-sales';
import { type RunningServer, serveRapport } from '@rapport/server';
import { createTestServer, type TestServer } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_ROLE } from '../access.js';
import { LOCAL } from '../test-support/boot.js';
import { type Receiver, startReceiver } from '../test-support/receiver.js';
import { webhooks } from '../webhooks-plugin.js';

const run = promisify(execFile);
const DOC = fileURLToPath(new URL('../../../../docs/integration.md', import.meta.url));
const CLI = fileURLToPath(new URL('../../../../packages/cli/dist/bin.js', import.meta.url));

interface Block {
  name: string;
  lang: string;
  code: string;
}

/** The page's code blocks, each after its `<!-- test: name -->` marker. */
async function blocksOf(path: string): Promise<{ tagged: Map<string, Block>; fences: number }> {
  const text = await readFile(path, 'utf8');
  const tagged = new Map<string, Block>();
  for (const match of text.matchAll(/<!-- test: ([\w-]+) -->\n```(\w*)\n([\s\S]*?)\n```/g)) {
    const [, name, lang, code] = match as unknown as [string, string, string, string];
    tagged.set(name, { name, lang, code });
  }
  return { tagged, fences: (text.match(/^```\w*$/gm) ?? []).length / 2 };
}

describe('docs/integration.md, run as written', () => {
  let s: TestServer<'erp' | 'admin'>;
  let server: RunningServer;
  let erp: Receiver;
  let dir: string;
  let blocks: Map<string, Block>;
  let env: NodeJS.ProcessEnv;

  const block = (name: string) => {
    const found = blocks.get(name);
    if (!found) throw new Error(`docs/integration.md has no block marked <!-- test: ${name} -->`);
    return found;
  };
  const shell = async (name: string, extra: Record<string, string> = {}) =>
    (await run('bash', ['-euo', 'pipefail', '-c', block(name).code], { cwd: dir, env: { ...env, ...extra } }))
      .stdout;

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`the CLI block needs the built CLI at ${CLI}: run pnpm build`);
    const doc = await blocksOf(DOC);
    blocks = doc.tagged;
    // Every fenced block is run (or, the HTTP illustration, checked) below.
    expect(doc.fences).toBe(blocks.size);
    dir = await mkdtemp(join(tmpdir(), 'rapport-integration-'));
    await writeFile(join(dir, 'rapport'), `#!/bin/sh\nexec node ${JSON.stringify(CLI)} "$@"\n`);
    await chmod(join(dir, 'rapport'), 0o755);
    s = await createTestServer({
      plugins: [customers({ currency: 'EUR' }), sales(), webhooks(LOCAL)],
      now: Date.now(), // signatures carry real timestamps, which the snippets check against their clock
      keys: { admin: ['admin'], erp: ['manager', WEBHOOK_ROLE] },
      server: { rateLimit: false },
    });
    server = await serveRapport(s.t.kernel, s.app, { port: 0, heap: false });
    erp = await startReceiver('/erp/webhooks');
    const customer = await s.t.kernel
      .data<Customer>('customer', { actor: SYSTEM_ACTOR })
      .create({ kind: 'organisation', name: 'Kaffeehaus Berger' });
    env = {
      PATH: `${dir}:${process.env.PATH}`,
      RAPPORT_URL: server.url,
      RAPPORT_KEY: s.keys.erp.key,
      ERP_WEBHOOK_URL: erp.url,
      CUSTOMER_ID: customer.id,
    };
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await erp?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('subscribes, pushes an order twice and gets one, then receives a won deal that all three snippets verify', async () => {
    const subscribed = JSON.parse(await shell('subscribe')) as {
      subscription: { id: string };
      secret: string;
    };
    expect(subscribed.secret).toMatch(/^whsec_/);
    const listed = JSON.parse(await shell('cli')) as { items: Array<{ id: string; url: string }> };
    expect(listed.items).toEqual([
      { id: subscribed.subscription.id, url: erp.url, events: ['sales.deal.won'], active: true },
    ]);
    expect(JSON.stringify(listed)).not.toContain(subscribed.secret);

    const first = JSON.parse(await shell('push-order')) as { id: string; total: unknown };
    const retry = JSON.parse(await shell('push-order')) as { id: string };
    expect(retry.id).toBe(first.id);
    expect(first.total).toEqual({ amount: 89_900, currency: 'EUR' });
    const orders = s.t.kernel.data<Order>('order', { actor: SYSTEM_ACTOR });
    expect(await orders.count({ externalId: 'SO-4711' })).toBe(1);

    // A salesperson wins a deal: the ERP gets one signed POST.
    const deals = s.t.kernel.data<Deal>('deal', { actor: SYSTEM_ACTOR });
    const deal = await deals.create({
      title: 'Espresso machines for the new branch',
      customerId: env.CUSTOMER_ID as string,
      lines: [{ product: 'espresso-machine', quantity: 3, unitPrice: { amount: 89_900, currency: 'EUR' } }],
    });
    await deals.update(deal.id, { stage: 'won' });
    await s.t.settle();
    expect(erp.received).toHaveLength(1);
    const [request] = erp.received;
    if (!request) throw new Error('the ERP received nothing');

    // The HTTP illustration names the headers and body fields a delivery really has.
    const illustration = block('delivery-shape').code;
    for (const header of illustration.match(/^X-Rapport-[\w-]+/gm) ?? []) {
      expect(request.headers[header.toLowerCase()], header).toBeDefined();
    }
    const body = JSON.parse(request.body);
    expect(Object.keys(body)).toEqual(['event', 'subject', 'data', 'details']);
    expect(body).toMatchObject({
      event: { name: 'sales.deal.won' },
      subject: { entity: 'deal', id: deal.id },
      data: { stage: 'won' },
    });

    const secret = subscribed.secret;
    const headers = request.headers as Record<string, string>;
    const tampered = request.body.replace('"won"', '"lost"');

    await writeFile(join(dir, 'verify.mjs'), block('verify-node').code);
    const node = async (input: unknown) => {
      const harness =
        "import { readFileSync } from 'node:fs'; import { verifyRapportSignature } from './verify.mjs';" +
        'const r = JSON.parse(readFileSync(0, "utf8"));' +
        'console.log(verifyRapportSignature(r.secret, r.headers, Buffer.from(r.body)));';
      const child = run('node', ['--input-type=module', '-e', harness], { cwd: dir });
      child.child.stdin?.end(JSON.stringify(input));
      return (await child).stdout.trim();
    };
    expect(await node({ secret, headers, body: request.body })).toBe('true');
    expect(await node({ secret, headers, body: tampered })).toBe('false');
    expect(await node({ secret: `${secret}x`, headers, body: request.body })).toBe('false');

    const python = async (input: unknown) => {
      const harness = `${block('verify-python').code}\n\nimport json, sys\nr = json.load(sys.stdin)\nprint(verify_rapport_signature(r["secret"], r["headers"], r["body"].encode()))\n`;
      const child = run('python3', ['-c', harness], { cwd: dir });
      child.child.stdin?.end(JSON.stringify(input));
      return (await child).stdout.trim();
    };
    expect(await python({ secret, headers, body: request.body })).toBe('True');
    expect(await python({ secret, headers, body: tampered })).toBe('False');

    const openssl = async (raw: string) => {
      await writeFile(join(dir, 'body.json'), raw);
      return (
        await shell('verify-shell', {
          TIMESTAMP: headers['x-rapport-timestamp'] as string,
          SIGNATURE: headers['x-rapport-signature'] as string,
          RAPPORT_WEBHOOK_SECRET: secret,
        })
      ).trim();
    };
    expect(await openssl(request.body)).toBe('valid');
    expect(await openssl(tampered)).toBe('INVALID');
  });
});
