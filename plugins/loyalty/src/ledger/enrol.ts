import { ConflictError, fieldError, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import { type Customer, normalisePhone } from '@rapport/plugin-customers';
import type { Member, MemberRecord } from '../entities/member.js';
import type { Programme } from '../entities/programme.js';
import type { JoinChannel } from '../vocabulary.js';
import { instantOf } from './ledger-ops.js';

/** Who joins: a mobile number in national or international form, and how they joined. */
export interface EnrolInput {
  programmeId: string;
  mobile: string;
  name?: string;
  joinedThrough?: JoinChannel;
  referrerId?: string;
  /** When the member joined, for members imported with their history (ISO 8601; default now). In-process only. */
  at?: string;
}

/** The member, and whether this call created it (a second join returns the first). */
export interface Enrolment {
  member: MemberRecord;
  created: boolean;
}

/**
 * Enrols the holder of a mobile number: finds the customer with that E.164 phone or creates a
 * person, then the member. Joining twice is harmless: the unique (programme, number) index
 * makes a concurrent second join find the first.
 */
export async function enrol(kernel: Kernel, input: EnrolInput, defaultRegion?: string): Promise<Enrolment> {
  if (typeof input.mobile !== 'string')
    throw fieldError('loyaltyMember', 'mobile', 'required', 'is required');
  const phone = normalisePhone(input.mobile, defaultRegion);
  const joinedAt = instantOf(kernel, input.at, 'loyaltyMember');
  if (!phone.ok) throw fieldError('loyaltyMember', 'mobile', 'phone', phone.message);
  const programme = await kernel
    .data<Programme>('loyaltyProgramme', { actor: SYSTEM_ACTOR })
    .get(input.programmeId);
  if (programme.status === 'closed') {
    throw ConflictError.state(`programme '${programme.name}' is closed: it enrols no one`, {
      entity: 'loyaltyProgramme',
      id: programme.id,
    });
  }
  const found = await existingMember(kernel, input.programmeId, phone.e164);
  if (found) return { member: found, created: false };
  try {
    return await kernel.transaction(async (tx) => {
      const customers = tx.data<Customer>('customer', { actor: SYSTEM_ACTOR });
      const page = await customers.find({ where: { phone: phone.e164 }, limit: 1 });
      const customer =
        page.items[0] ??
        (await customers.create({ kind: 'person', name: input.name ?? phone.e164, phone: phone.e164 }));
      const member = (await tx.data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR }).create({
        programmeId: input.programmeId,
        customerId: customer.id,
        number: phone.e164,
        joinedThrough: input.joinedThrough ?? 'api',
        joinedAt: new Date(joinedAt ?? kernel.clock.now()).toISOString(),
        ...(input.referrerId ? { referrerId: input.referrerId } : {}),
      })) as MemberRecord;
      tx.emit(
        'loyalty.member.joined',
        { memberId: member.id, customerId: customer.id, programmeId: input.programmeId },
        { actor: SYSTEM_ACTOR },
      );
      return { member, created: true };
    });
  } catch (error) {
    const again =
      error instanceof ConflictError
        ? await existingMember(kernel, input.programmeId, phone.e164)
        : undefined;
    if (again) return { member: again, created: false };
    throw error;
  }
}

async function existingMember(
  kernel: Kernel,
  programmeId: string,
  number: string,
): Promise<MemberRecord | undefined> {
  const page = await kernel
    .data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR })
    .find({ where: { programmeId, number }, limit: 1 });
  return page.items[0] as MemberRecord | undefined;
}
