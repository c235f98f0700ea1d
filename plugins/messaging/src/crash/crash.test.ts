import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKernel, createSeededRandom, SYSTEM_ACTOR } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { lowdbStore } from '@rapport/store-lowdb';
import { runCrashWorker } from '@rapport/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../entities/delivery-event.js';
import type { Message } from '../entities/message.js';
import { messaging } from '../messaging-plugin.js';
import { startSmtpSink } from '../testing/smtp-sink.js';

const MESSAGES = Number(process.env.CRASH_MESSAGES ?? 5_000);
const KILLS = Number(process.env.CRASH_KILLS ?? 5);
const CONCURRENCY = 8;
const SEED = Number(process.env.CRASH_SEED ?? 20261203);
const QUIET = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** jiti's CLI runs the TypeScript worker as it is (Node 20 strips no types). */
const JITI = fileURLToPath(new URL('../../node_modules/jiti/lib/jiti-cli.mjs', import.meta.url));
const WORKER = fileURLToPath(new URL('../test-support/crash-worker.ts', import.meta.url));

interface Run {
  killed: boolean;
  acked: number;
  sent: number;
  done: boolean;
}

/**
 * When to kill a run: once it has acknowledged (`ack`) at least `at` messages, or once it has sent
 * (`sent`) `at` more than it found sent when it started — always mid-delivery.
 */
interface KillPoint {
  phase: 'ack' | 'sent';
  at: number;
}

/** Runs the worker; SIGKILLs it when it reaches `kill` (or lets it finish). */
async function runWorker(
  dir: string,
  port: number,
  kill: KillPoint | undefined,
  adapter = 'smtp',
  total = MESSAGES,
): Promise<Run> {
  const run: Run = { killed: false, acked: 0, sent: 0, done: false };
  let base: number | undefined;
  const reached = (phase: KillPoint['phase'], value: number) => {
    if (phase === 'sent') base ??= value;
    const at = phase === 'sent' ? value - (base ?? value) : value;
    return kill !== undefined && kill.phase === phase && at >= kill.at;
  };
  const killed = await runCrashWorker(
    [JITI, WORKER, dir, String(port), String(total), String(CONCURRENCY), adapter],
    (line) => {
      const [word, value] = line.split(' ');
      if (word === 'ACK') {
        run.acked = Number(value);
        return reached('ack', run.acked);
      }
      if (word === 'SENT') {
        run.sent = Number(value);
        return reached('sent', run.sent);
      }
      if (word === 'DONE') run.done = true;
      return false;
    },
  );
  return { ...run, killed: killed.killed };
}

describe('a SIGKILL mid-delivery', () => {
  it(`delivers every acknowledged message at least once, duplicates bounded by the in-flight batch (${MESSAGES} messages, ${KILLS} kills)`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-crash-'));
    const seen = new Map<string, number>();
    const sink = await startSmtpSink({
      parse: false,
      onMail: (mail) => seen.set(mail.messageId ?? '?', (seen.get(mail.messageId ?? '?') ?? 0) + 1),
    });
    const random = createSeededRandom(SEED);
    const runs: Run[] = [];
    try {
      // The first kill lands while messages are being queued, the others at random points of delivery.
      const points: KillPoint[] = [{ phase: 'ack', at: Math.min(MESSAGES, 500) }];
      const step = Math.max(2, Math.floor(MESSAGES / (2 * KILLS)));
      for (let kill = 1; kill < KILLS; kill += 1) points.push({ phase: 'sent', at: random.int(1, step) });
      for (const point of points) runs.push(await runWorker(dir, sink.port, point));
      runs.push(await runWorker(dir, sink.port, undefined));
      // Read the store the worker left behind.
      const kernel = await createKernel({
        store: lowdbStore({ dir, logger: QUIET }),
        plugins: [customers(), messaging({ quietHours: false })],
        logger: pino({ level: 'silent' }),
        jobs: { timer: false },
        outbox: { autoDispatch: false },
      });
      await kernel.start();
      const messages = kernel.data<Message>('message', { actor: SYSTEM_ACTOR });
      const stored: Message[] = [];
      let cursor: string | undefined;
      do {
        const page = await messages.find({ limit: 1_000, sort: ['id'], ...(cursor ? { cursor } : {}) });
        stored.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const unknown = await kernel
        .data<DeliveryEvent>('deliveryEvent', { actor: SYSTEM_ACTOR })
        .count({ outcome: 'unknown' });
      await kernel.stop();

      const mails = [...seen.values()].reduce((sum, n) => sum + n, 0);
      const duplicates = mails - seen.size;
      const killed = runs.filter((run) => run.killed).length;
      const report = {
        messages: MESSAGES,
        kills: killed,
        killedAt: runs.filter((r) => r.killed).map((r) => ({ acked: r.acked, sent: r.sent })),
        mailsAccepted: mails,
        distinctMessageIds: seen.size,
        duplicates,
        duplicateBound: killed * CONCURRENCY,
        attemptsCutShort: unknown,
      };
      console.log(`crash test: ${JSON.stringify(report)}`);
      expect(runs.at(-1)?.done).toBe(true);
      expect(killed).toBe(KILLS);
      // Every message the worker acknowledged (all N, by the end) is stored once and was sent.
      expect(stored).toHaveLength(MESSAGES);
      expect(stored.filter((m) => m.status !== 'sent')).toEqual([]);
      // Every one reached the server at least once, under its stable Message-ID.
      const missing = stored.filter((m) => !seen.has(m.messageIdHeader as string));
      expect(missing.map((m) => m.messageIdHeader)).toEqual([]);
      expect(seen.size).toBe(MESSAGES);
      // Repeats come only from attempts a kill cut short: at most the in-flight batch per kill.
      expect(duplicates).toBeLessThanOrEqual(killed * CONCURRENCY);
      expect(duplicates).toBeLessThanOrEqual(unknown);
    } finally {
      await sink.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);

  it('delivers every message exactly once through the log adapter, whose record commits with the status (1,000 messages, 3 kills)', async () => {
    const total = 1_000;
    const dir = await mkdtemp(join(tmpdir(), 'rapport-crash-log-'));
    try {
      const runs: Run[] = [];
      for (const point of [
        { phase: 'ack', at: 500 },
        { phase: 'sent', at: 150 },
        { phase: 'sent', at: 200 },
      ] as KillPoint[]) {
        runs.push(await runWorker(dir, 0, point, 'log', total));
      }
      runs.push(await runWorker(dir, 0, undefined, 'log', total));
      const kernel = await createKernel({
        store: lowdbStore({ dir, logger: QUIET }),
        plugins: [customers(), messaging({ quietHours: false })],
        logger: pino({ level: 'silent' }),
        jobs: { timer: false },
        outbox: { autoDispatch: false },
      });
      await kernel.start();
      const sent = await kernel.data<Message>('message', { actor: SYSTEM_ACTOR }).count({ status: 'sent' });
      const rows = await kernel.data<DeliveryEvent>('deliveryEvent', { actor: SYSTEM_ACTOR }).aggregate({
        where: { kind: 'attempt', outcome: 'sent' },
        groupBy: ['messageId'],
        measures: { n: 'count' },
      });
      await kernel.stop();
      console.log(
        `crash test (log adapter): ${JSON.stringify({ messages: total, kills: runs.filter((r) => r.killed).length, sent, deliveries: rows.reduce((sum, r) => sum + Number(r.n), 0) })}`,
      );
      expect(runs.filter((run) => run.killed)).toHaveLength(3);
      expect(sent).toBe(total);
      expect(rows).toHaveLength(total);
      expect(rows.filter((row) => Number(row.n) !== 1)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
