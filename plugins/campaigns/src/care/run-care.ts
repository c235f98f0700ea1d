import {
  ConflictError,
  findAll,
  isoTime,
  NotFoundError,
  SYSTEM_ACTOR,
  ValidationError,
  type Where,
} from '@rapport/core';
import type { Customer, CustomerRecord } from '@rapport/plugin-customers';
import { MESSAGING } from '@rapport/plugin-messaging';
import { DateTime } from 'luxon';
import type { CareRule, CareRuleRecord } from '../entities/care-rule.js';
import type { CareSend } from '../entities/care-send.js';
import { pickChannel } from '../launch/send-member.js';
import { CAMPAIGNS_PLUGIN_ID } from '../plugin-id.js';
import type { CampaignsRuntime } from '../runtime.js';
import { hourReached, isYearlyOn, localNow, monthDay, monthDaysAround } from './occasions.js';

type Zoned = CustomerRecord & { timeZone?: string; birthday?: string };

const DAY = 86_400_000;

/** One care message due: who, for which occasion. */
interface Due {
  customer: Zoned;
  occasion: string;
}

/**
 * The customers a rule is due for now, each with the occasion (so a rule sends once per
 * occasion): the local hour in the customer's zone (`timeZone`, else the deployment's) has
 * reached `localHour` on the occasion's local day.
 * - `birthday`: the customer's `birthday` (`MM-DD`) is today locally; occasion `birthday:<year>`;
 * - `firstPurchaseAnniversary`: the local day and month of the first purchase, a year or more on;
 *   occasion `anniversary:<year>`;
 * - `afterTicketClosed` (tickets installed): `days` after a ticket was resolved, locally;
 *   occasion `ticket:<id>`;
 * - `inactivity`: no purchase for `days` (default 90) by an A or B customer (or `abcClasses`);
 *   occasion `inactive:<last purchase>`, so a customer who buys and lapses again is cared for again.
 */
async function dueFor(runtime: CampaignsRuntime, rule: CareRuleRecord, now: number): Promise<Due[]> {
  const { kernel } = runtime;
  const customers = kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR });
  const zone = kernel.timeZone;
  const hour = rule.localHour ?? 9;
  const classes: Where = rule.abcClasses?.length ? { abcClass: { in: rule.abcClasses } } : {};
  const due: Due[] = [];
  const on = (customer: Zoned) => localNow(now, customer.timeZone, zone);
  if (rule.trigger === 'birthday') {
    const found = (await findAll(customers, {
      where: { birthday: { in: monthDaysAround(now) }, ...classes },
    })) as Zoned[];
    for (const customer of found) {
      const local = on(customer);
      if (customer.birthday && isYearlyOn(customer.birthday, local) && hourReached(local, hour)) {
        due.push({ customer, occasion: `birthday:${local.year}` });
      }
    }
  } else if (rule.trigger === 'firstPurchaseAnniversary') {
    const found = (await findAll(customers, {
      where: { 'value.firstPurchaseAt': { lte: isoTime(now - 300 * DAY) }, ...classes },
    })) as Zoned[];
    for (const customer of found) {
      const local = on(customer);
      const first = DateTime.fromISO(customer.value?.firstPurchaseAt as string, { zone: local.zone });
      if (local.year > first.year && isYearlyOn(monthDay(first), local) && hourReached(local, hour)) {
        due.push({ customer, occasion: `anniversary:${local.year}` });
      }
    }
  } else if (rule.trigger === 'inactivity') {
    const where: Where = {
      'value.lastPurchaseAt': { lte: isoTime(now - (rule.days ?? 90) * DAY) },
      abcClass: { in: rule.abcClasses?.length ? rule.abcClasses : ['A', 'B'] },
    };
    for (const customer of (await findAll(customers, { where })) as Zoned[]) {
      if (hourReached(on(customer), hour))
        due.push({ customer, occasion: `inactive:${customer.value?.lastPurchaseAt}` });
    }
  } else if (rule.trigger === 'afterTicketClosed' && runtime.installed.tickets) {
    const days = rule.days ?? 3;
    const tickets = await findAll(
      kernel.data<{ customerId?: string; resolvedAt?: string }>('ticket', { actor: SYSTEM_ACTOR }),
      {
        where: {
          status: { in: ['resolved', 'closed'] },
          resolvedAt: { gte: isoTime(now - (days + 2) * DAY), lte: isoTime(now - (days - 1) * DAY) },
        },
        fields: ['customerId', 'resolvedAt'],
      },
    );
    for (const ticket of tickets) {
      if (!ticket.customerId || !ticket.resolvedAt) continue;
      const customer = (await customers.get(ticket.customerId).catch(() => undefined)) as Zoned | undefined;
      if (!customer) continue;
      const local = on(customer);
      const target = DateTime.fromISO(ticket.resolvedAt, { zone: local.zone }).plus({ days });
      if (target.hasSame(local, 'day') && hourReached(local, hour))
        due.push({ customer, occasion: `ticket:${ticket.id}` });
    }
  }
  return due;
}

/** What one care run did. */
export interface CareReport {
  sent: number;
  refused: number;
}

/**
 * The care job's work: for each active rule, every customer it is due for gets one message
 * through messaging (`marketing` by default, so consent, quiet hours and caps apply there), with
 * a `careSend` record for the occasion written in the same transaction — unique on (rule,
 * customer, occasion), so a rule never sends twice for one occasion, across runs and processes.
 * A refusal is recorded with messaging's reason.
 */
export async function runCare(runtime: CampaignsRuntime): Promise<CareReport> {
  const { kernel } = runtime;
  const now = kernel.clock.now();
  const rules = await findAll(kernel.data<CareRule>('careRule', { actor: SYSTEM_ACTOR }), {
    where: { active: true },
  });
  const sends = kernel.data<CareSend>('careSend', { actor: SYSTEM_ACTOR });
  const report: CareReport = { sent: 0, refused: 0 };
  for (const rule of rules as CareRuleRecord[]) {
    for (const { customer, occasion } of await dueFor(runtime, rule, now)) {
      if ((await sends.count({ ruleId: rule.id, customerId: customer.id, occasion })) > 0) continue;
      const record = { ruleId: rule.id, customerId: customer.id, occasion, at: isoTime(now) };
      try {
        await kernel.transaction(async (tx) => {
          const channel = pickChannel(rule.channels, customer);
          const { message } = await kernel.resolve(MESSAGING).send(
            {
              customerId: customer.id,
              channel: channel.channel,
              purpose: rule.purpose ?? 'marketing',
              template: { key: channel.templateKey },
              data: { occasion: occasion.split(':')[0] as string },
              idempotencyKey: `care:${rule.id}:${customer.id}:${occasion}`,
              source: { plugin: CAMPAIGNS_PLUGIN_ID, entity: 'careRule', recordId: rule.id },
            },
            { actor: SYSTEM_ACTOR },
          );
          await tx.data<CareSend>('careSend', { actor: SYSTEM_ACTOR }).create({
            ...record,
            messageId: message.id,
            ...(message.status === 'suppressed' && message.reason ? { reason: message.reason } : {}),
          });
          if (message.status === 'suppressed') report.refused += 1;
          else report.sent += 1;
        });
      } catch (error) {
        if (error instanceof ConflictError && error.details.kind === 'unique') continue; // another process sent it
        if (!(error instanceof ValidationError) && !(error instanceof NotFoundError)) throw error;
        const rule0 = error instanceof ValidationError ? error.errors[0]?.rule : undefined;
        await sends.create({
          ...record,
          reason: { code: rule0 ?? error.code, message: error.message.slice(0, 1_000) },
        });
        report.refused += 1;
      }
    }
  }
  return report;
}
