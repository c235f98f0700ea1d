import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel, type DataStore, memoryStore, SYSTEM_ACTOR } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import {
  type Envelope,
  logAdapter,
  MESSAGING,
  type MessagingAdapter,
  messaging,
  smtpAdapter,
} from '@rapport/plugin-messaging';
import { startSmtpSink } from '@rapport/plugin-messaging/testing';
import { lowdbStore } from '@rapport/store-lowdb';
import { pino } from 'pino';
import { type Row, timedRow } from '../report.js';

const CONCURRENCY = 8;

const row = timedRow;

function envelope(i: number): Envelope {
  const messageId = `01930000-0000-7000-8000-${String(i).padStart(12, '0')}`;
  return {
    messageId,
    channel: 'email',
    purpose: 'transactional',
    to: `r${i}@sink.example`,
    from: 'bench@rapport.example',
    subject: `Message ${i}`,
    text: `Body ${i}`,
    messageIdHeader: `<${messageId}@rapport.example>`,
    headers: {},
    attempt: 1,
    signal: AbortSignal.timeout(30_000),
  };
}

/** The bare adapter calls, `CONCURRENCY` at once: what the plugin's delivery wraps. */
async function bareLoop(
  adapter: MessagingAdapter,
  settings: Record<string, unknown>,
  count: number,
): Promise<number> {
  const connection = adapter.open(
    { id: 'bench', channel: 'email', from: 'bench@rapport.example', settings, secrets: {} },
    { logger: pino({ level: 'silent' }) },
  );
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await connection.send(envelope(next++));
    }),
  );
  const ms = performance.now() - started;
  await connection.close();
  return ms;
}

/** Queues `count` messages through `MESSAGING.send` (one transaction each) and waits until all are sent. */
async function throughPlugin(
  store: DataStore,
  account: Record<string, unknown>,
  count: number,
  done: () => number = () => count,
): Promise<number> {
  const kernel = await createKernel({
    store,
    plugins: [customers(), messaging({ concurrency: CONCURRENCY, quietHours: false })],
    logger: pino({ level: 'warn' }),
    jobs: { timer: false },
  });
  await kernel.start();
  await kernel
    .data('channelAccount', { actor: SYSTEM_ACTOR })
    .create({ name: 'bench', channel: 'email', from: 'bench@rapport.example', isDefault: true, ...account });
  const service = kernel.resolve(MESSAGING);
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    await service.send(
      {
        to: `r${i}@sink.example`,
        channel: 'email',
        purpose: 'transactional',
        subject: `Message ${i}`,
        text: `Body ${i}`,
      },
      { actor: SYSTEM_ACTOR },
    );
  }
  await kernel.events.drain();
  while (done() < count) await new Promise((resolve) => setTimeout(resolve, 5));
  const ms = performance.now() - started;
  const sent = await kernel.data('message', { actor: SYSTEM_ACTOR }).count({ status: 'sent' });
  await kernel.stop();
  if (sent !== count) throw new Error(`messaging bench: ${sent} of ${count} messages were sent`);
  return ms;
}

/**
 * Messages per second through the messaging plugin — queue (rules, idempotency, outbox row),
 * claim, adapter call, record and delivery log — beside a bare loop of the same adapter calls,
 * both with 8 calls in flight: through the log adapter, and through SMTP to a local
 * `smtp-server` on 127.0.0.1 (memory store, and lowdb with its fsync'd journal).
 */
export async function messagingSuite(options: { count: number }): Promise<Row[]> {
  const { count } = options;
  const rows: Row[] = [];
  const n = count.toLocaleString('en-US');
  const logSuite = `messaging ×${n}, log adapter`;
  rows.push(
    row(
      logSuite,
      'baseline: bare adapter calls',
      count,
      await bareLoop(logAdapter, { level: 'info' }, count),
    ),
  );
  const memory = memoryStore();
  rows.push(
    row(
      logSuite,
      'MESSAGING.send → delivered, memory store',
      count,
      await throughPlugin(memory, { adapter: 'log' }, count),
    ),
  );

  const sink = await startSmtpSink({ parse: false });
  try {
    const smtpSuite = `messaging ×${n}, SMTP to a local server`;
    const settings = { host: '127.0.0.1', port: sink.port, maxConnections: CONCURRENCY };
    const defaults = {
      secure: false,
      requireTLS: false,
      rejectUnauthorized: true,
      connectionTimeoutMs: 10_000,
    };
    rows.push(
      row(
        smtpSuite,
        'baseline: bare adapter calls',
        count,
        await bareLoop(smtpAdapter, { ...settings, ...defaults }, count),
      ),
    );
    for (const kind of ['memory', 'lowdb'] as const) {
      const dir = kind === 'lowdb' ? await mkdtemp(join(tmpdir(), 'rapport-bench-messaging-')) : undefined;
      const before = sink.mails.length;
      const ms = await throughPlugin(
        dir ? lowdbStore({ dir }) : memoryStore(),
        { adapter: 'smtp', settings },
        count,
        () => sink.mails.length - before,
      );
      rows.push(row(smtpSuite, `MESSAGING.send → delivered, ${kind} store`, count, ms));
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await sink.close();
  }
  return rows;
}
