import { createKernel, createManualClock, memoryStore, SYSTEM_ACTOR } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { TICKETS, type Ticket, tickets } from '@rapport/plugin-tickets';
import { pino } from 'pino';
import type { Row } from '../report.js';

const row = (name: string, count: number, ms: number): Row => ({
  suite: 'tickets',
  name: `${name} (${ms.toFixed(1)} ms)`,
  opsPerSec: (count / ms) * 1_000,
  meanUs: Number.NaN,
  p99Us: Number.NaN,
  samples: 1,
});

const allDay = [{ from: '00:00', to: '24:00' }];

/**
 * The SLA job's cost per run with `open` open tickets of which 1 % cross a threshold (urgent,
 * 30-minute first response; the rest have 30 days), against the same number of plain reads in
 * the same run. The job reads only the tickets past their threshold, so its cost must follow the
 * 1 %, not the open tickets that crossed nothing.
 */
export async function ticketsSuite(options: { open: number }): Promise<Row[]> {
  const clock = createManualClock(Date.parse('2026-06-03T07:00:00Z'));
  const kernel = await createKernel({
    store: memoryStore(),
    clock,
    logger: pino({ level: 'silent' }),
    plugins: [customers({ currency: 'EUR' }), tickets({ slaEvery: '1d', slaBatch: 10_000 })],
  });
  await kernel.start();
  const as = { actor: SYSTEM_ACTOR };
  const week = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
  await kernel
    .data('businessCalendar', as)
    .create({ key: 'always', name: 'Always', timeZone: 'UTC', hours: week });
  await kernel.data('slaPolicy', as).create({
    key: 'urgent',
    name: 'Urgent',
    order: 1,
    match: { priorities: ['urgent'] },
    calendar: 'always',
    firstResponseMinutes: 30,
  });
  await kernel
    .data('slaPolicy', as)
    .create({ key: 'rest', name: 'Rest', order: 2, calendar: 'always', firstResponseMinutes: 43_200 });
  const customer = await kernel.data('customer', as).create({ kind: 'organisation', name: 'Bench' });
  const ids: string[] = [];
  for (let i = 0; i < options.open; i += 1) {
    const ticket = await kernel.data<Ticket>('ticket', as).create({
      customerId: customer.id,
      type: 'repair',
      priority: i % 100 === 0 ? 'urgent' : 'normal',
      subject: `Ticket ${i}`,
    });
    ids.push(ticket.id);
  }
  clock.advance(25 * 60_000); // the urgent 1 % are at risk; nothing else moved
  const crossing = Math.ceil(options.open / 100);
  let started = performance.now();
  const report = await kernel.resolve(TICKETS).runSla();
  const jobMs = performance.now() - started;
  started = performance.now();
  for (const id of ids.slice(0, report.touched)) await kernel.data<Ticket>('ticket', as).get(id);
  const readsMs = performance.now() - started;
  await kernel.stop();
  if (report.touched !== crossing) throw new Error(`SLA job touched ${report.touched}, expected ${crossing}`);
  return [
    row(`SLA job run, ${options.open} open, ${report.touched} crossing`, report.touched, jobMs),
    row(`${report.touched} plain reads, same run`, report.touched, readsMs),
  ];
}
