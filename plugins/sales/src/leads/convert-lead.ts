import {
  type Actor,
  ConflictError,
  fieldError,
  isoTime,
  type Kernel,
  type KernelTransaction,
  SYSTEM_ACTOR,
} from '@rapport/core';
import {
  type Contact,
  type ContactRecord,
  CUSTOMERS,
  type Customer,
  type CustomerRecord,
  normaliseEmail,
} from '@rapport/plugin-customers';
import type { Activity } from '../entities/activity.js';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { Lead, LeadRecord } from '../entities/lead.js';
import type { Money, SalesLine } from '../money.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';

/** What a conversion may say about the deal it creates; everything else comes from the lead. */
export interface ConversionDeal {
  title?: string;
  amount?: Money;
  lines?: SalesLine[];
  pipeline?: string;
  stage?: string;
  expectedCloseDate?: string;
  ownerId?: string;
}

/** Options of a lead conversion. */
export interface ConvertLeadInput {
  /** Attach the lead to this existing customer instead of finding or creating one. */
  customerId?: string;
  deal?: ConversionDeal;
}

/** What a lead conversion made. */
export interface ConversionResult {
  lead: LeadRecord;
  customer: CustomerRecord;
  /** False when an existing customer was reused (deduplicated by phone or e-mail). */
  customerCreated: boolean;
  /** The contact at an organisation customer (absent for a person: a person is their own contact). */
  contact?: ContactRecord;
  contactCreated: boolean;
  deal: DealRecord;
}

interface Party {
  customer: CustomerRecord;
  customerCreated: boolean;
  contact?: ContactRecord;
}

/** An existing customer with the lead's phone or e-mail (one of them; two different ones: 409). */
async function findCustomer(kernel: Kernel, lead: LeadRecord): Promise<CustomerRecord | undefined> {
  if (!lead.phone && !lead.email) return undefined;
  const found = await kernel.resolve(CUSTOMERS).lookup(SYSTEM_ACTOR, {
    ...(lead.phone ? { phone: lead.phone } : {}),
    ...(lead.email ? { email: lead.email } : {}),
  });
  const distinct = [...new Map(found.map((c) => [c.id, c])).values()];
  if (distinct.length > 1) {
    throw ConflictError.state(
      `the lead's phone and e-mail belong to two customers (${distinct.map((c) => `'${c.name}' ${c.id}`).join(' and ')}); merge them, or convert with customerId`,
      { entity: 'lead', id: lead.id, customerIds: distinct.map((c) => c.id) },
    );
  }
  return distinct[0];
}

/** An organisation's contact with the lead's e-mail, if any (contacts' e-mails are not unique: the first). */
async function findContact(tx: KernelTransaction, lead: LeadRecord): Promise<ContactRecord | undefined> {
  if (!lead.email) return undefined;
  const { items } = await tx
    .data<Contact>('contact', { actor: SYSTEM_ACTOR })
    .find({ where: { email: normaliseEmail(lead.email) }, sort: ['createdAt'], limit: 1 });
  return items[0] as ContactRecord | undefined;
}

async function resolveParty(
  kernel: Kernel,
  tx: KernelTransaction,
  actor: Actor,
  lead: LeadRecord,
  input: ConvertLeadInput,
): Promise<Party> {
  const customers = tx.data<Customer>('customer', { actor });
  const identity = {
    ...(lead.phone ? { phone: lead.phone } : {}),
    ...(lead.email ? { email: lead.email } : {}),
  };
  const common = {
    ...(lead.ownerId ? { ownerId: lead.ownerId } : {}),
    source: lead.source,
    ...(lead.country ? { objective: { country: lead.country } } : {}),
  };
  if (input.customerId) return { customer: await customers.get(input.customerId), customerCreated: false };
  if (!lead.company) {
    const existing = await findCustomer(kernel, lead);
    if (existing) return { customer: existing, customerCreated: false };
    const customer = await customers.create({ kind: 'person', name: lead.name, ...identity, ...common });
    return { customer: customer as CustomerRecord, customerCreated: true };
  }
  const contact = await findContact(tx, lead);
  if (contact) {
    const customer = await tx.data<Customer>('customer', { actor: SYSTEM_ACTOR }).get(contact.customerId);
    return { customer: customer as CustomerRecord, customerCreated: false, contact };
  }
  const existing = await findCustomer(kernel, lead);
  if (existing?.kind === 'organisation') return { customer: existing, customerCreated: false };
  const customer = await customers.create({ kind: 'organisation', name: lead.company, ...common });
  return { customer: customer as CustomerRecord, customerCreated: true };
}

/**
 * Turns a qualified lead into a customer, a contact and a deal in one kernel transaction, as
 * `actor` (who needs `lead:update` and the creates): any failure — a hook that vetoes, a
 * duplicate, a bad stage — rolls all of it back and leaves the lead as it was.
 *
 * - **Customer**: `input.customerId`, else deduplicated through the customers plugin: a lead
 *   without a company is a person, found by phone or e-mail (`CUSTOMERS.lookup`) or created; a
 *   lead with a company becomes an organisation customer — the one whose contact has the lead's
 *   e-mail, or whose own phone or e-mail is the lead's, or a new one.
 * - **Contact** (organisations only): the matching contact, or a new primary contact with the
 *   lead's name, title, phone and e-mail.
 * - **Deal**: title, amount (`deal.amount`, else the lead's `estimatedValue`), pipeline, owner
 *   and source from the lead unless `input.deal` says otherwise; linked to the lead and contact.
 * - The lead becomes `converted` with `convertedAt`, `customerId`, `contactId` and `dealId`;
 *   its activities are attached to the customer. Emits `sales.lead.converted`.
 */
export async function convertLead(
  kernel: Kernel,
  actor: Actor,
  leadId: string,
  input: ConvertLeadInput = {},
): Promise<ConversionResult> {
  kernel.access.assert(actor, 'lead', 'update');
  return kernel.transaction(async (tx) => {
    const lead = (await tx.data<Lead>('lead', { actor }).get(leadId)) as LeadRecord;
    if (lead.status === 'converted') {
      throw ConflictError.state(
        `lead '${lead.name}' (${lead.id}) is already converted (customer ${lead.customerId}, deal ${lead.dealId})`,
        { entity: 'lead', id: lead.id, customerId: lead.customerId, dealId: lead.dealId },
      );
    }
    if (lead.status !== 'qualified') {
      throw fieldError(
        'lead',
        'status',
        'sales.convert',
        `is '${lead.status ?? 'new'}': only a qualified lead is converted; qualify it first`,
      );
    }
    const dealInput = input.deal ?? {};
    const amount = dealInput.amount ?? (dealInput.lines ? undefined : lead.estimatedValue);
    if (!amount && !dealInput.lines) {
      throw fieldError(
        'lead',
        'deal.amount',
        'sales.convert',
        'is required: the lead has no estimatedValue to take it from',
      );
    }

    const party = await resolveParty(kernel, tx, actor, lead, input);
    let contact = party.contact;
    let contactCreated = false;
    if (!contact && party.customer.kind === 'organisation') {
      contact = (await tx.data<Contact>('contact', { actor }).create({
        customerId: party.customer.id,
        name: lead.name,
        primary: true,
        ...(lead.title ? { role: lead.title } : {}),
        ...(lead.email ? { email: lead.email } : {}),
        ...(lead.phone ? { phone: lead.phone } : {}),
      })) as ContactRecord;
      contactCreated = true;
    }

    const ownerId = dealInput.ownerId ?? lead.ownerId;
    const pipeline = dealInput.pipeline ?? lead.pipeline;
    const deal = (await tx.data<Deal>('deal', { actor }).create({
      title: dealInput.title ?? `${lead.company ?? lead.name}${lead.interest ? ` — ${lead.interest}` : ''}`,
      customerId: party.customer.id,
      leadId: lead.id,
      source: lead.source,
      ...(contact ? { contactId: contact.id } : {}),
      ...(amount ? { amount } : {}),
      ...(dealInput.lines ? { lines: dealInput.lines } : {}),
      ...(pipeline ? { pipeline } : {}),
      ...(dealInput.stage ? { stage: dealInput.stage } : {}),
      ...(dealInput.expectedCloseDate ? { expectedCloseDate: dealInput.expectedCloseDate } : {}),
      ...(ownerId ? { ownerId } : {}),
    })) as DealRecord;

    const convertedAt = isoTime(kernel.clock.now());
    const converted = (await tx.data<Lead>('lead', { actor: SYSTEM_ACTOR }).update(
      lead.id,
      {
        status: 'converted',
        convertedAt,
        customerId: party.customer.id,
        dealId: deal.id,
        ...(contact ? { contactId: contact.id } : {}),
      },
      { expectedVersion: lead.version },
    )) as LeadRecord;

    const activities = tx.data<Activity>('activity', { actor: SYSTEM_ACTOR });
    const { items } = await activities.find({
      where: { leadId: lead.id, customerId: { exists: false } },
      limit: 500,
    });
    for (const activity of items) await activities.update(activity.id, { customerId: party.customer.id });

    tx.emit(
      `${SALES_PLUGIN_ID}.lead.converted`,
      {
        leadId: lead.id,
        customerId: party.customer.id,
        customerCreated: party.customerCreated,
        dealId: deal.id,
        ...(contact ? { contactId: contact.id } : {}),
      },
      { actor },
    );
    return {
      lead: converted,
      customer: party.customer,
      customerCreated: party.customerCreated,
      ...(contact ? { contact } : {}),
      contactCreated,
      deal,
    };
  });
}
