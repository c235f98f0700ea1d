import type { DataStore } from '@rapport/core';
import { type Customer, type CustomerRecord, customers } from '@rapport/plugin-customers';
import { createTestKernel, createTestServer, type TestKernel, type TestKeySpec } from '@rapport/testing';
import type { BusinessCalendar } from '../entities/business-calendar.js';
import type { SlaPolicy } from '../entities/sla-policy.js';
import type { TicketsInput } from '../options.js';
import { tickets } from '../tickets-plugin.js';

/** Boots customers + tickets (and any other plugins) on a manual clock. */
export async function bootTickets(
  options: { plugins?: unknown[]; options?: TicketsInput; now?: string; store?: DataStore } = {},
): Promise<TestKernel> {
  return createTestKernel({
    plugins: [
      customers({ currency: 'EUR' }),
      tickets(options.options ?? {}),
      ...((options.plugins ?? []) as never[]),
    ],
    // Wed 3 June 2026 09:00 CEST
    now: options.now ?? '2026-06-03T07:00:00.000Z',
    ...(options.store ? { store: options.store } : {}),
  });
}

/**
 * Boots customers + tickets (and any other plugins) behind the HTTP server on the same manual
 * clock as {@link bootTickets}, with the given API keys (default an admin).
 */
export function bootTicketsServer<K extends string = 'admin'>(
  options: {
    plugins?: unknown[];
    options?: TicketsInput;
    keys?: Record<K, string[] | TestKeySpec>;
    timeZone?: string;
  } = {},
) {
  return createTestServer<K>({
    plugins: [
      ...((options.plugins ?? []) as never[]),
      customers({ currency: 'EUR' }),
      tickets(options.options ?? {}),
    ],
    now: '2026-06-03T07:00:00.000Z',
    keys: options.keys ?? ({ admin: ['admin'] } as Record<K, string[]>),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
}

const split = [
  { from: '09:00', to: '12:00' },
  { from: '13:00', to: '18:00' },
];

/** The Berlin office calendar (Mon–Fri 09–12, 13–18) and two policies: urgent and the fallback. */
export async function seedSla(t: TestKernel): Promise<void> {
  await t.data<BusinessCalendar>('businessCalendar').create({
    key: 'berlin',
    name: 'Berlin office',
    timeZone: 'Europe/Berlin',
    hours: { mon: split, tue: split, wed: split, thu: split, fri: split },
    holidays: [{ date: '2000-12-25', recurring: true }],
  });
  await t.data<SlaPolicy>('slaPolicy').create({
    key: 'urgent',
    name: 'Urgent',
    order: 10,
    match: { priorities: ['urgent'] },
    calendar: 'berlin',
    firstResponseMinutes: 30,
    resolutionMinutes: 240,
  });
  await t.data<SlaPolicy>('slaPolicy').create({
    key: 'standard',
    name: 'Standard',
    order: 100,
    calendar: 'berlin',
    firstResponseMinutes: 120,
    resolutionMinutes: 960,
    nextResponseMinutes: 240,
  });
}

/** Creates a customer as the admin. */
export async function customer(t: TestKernel, input: Partial<Customer> = {}): Promise<CustomerRecord> {
  return (await t.data<Customer>('customer').create({
    kind: 'organisation',
    name: `Customer ${Math.random().toString(36).slice(2, 8)}`,
    ...input,
  })) as CustomerRecord;
}
