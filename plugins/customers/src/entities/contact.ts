import { defineEntity, type EntityRecord, email, phone, ref, text } from '@rapport/core';

/** A person at an organisation customer. */
export interface Contact {
  /** The organisation customer this person works for. */
  customerId: string;
  name: string;
  /** Their function towards us: `purchasing manager`, `CTO`, `site engineer`. */
  role?: string;
  /** The first person to call. */
  primary?: boolean;
  /** E.164 after normalisation (not unique: colleagues share a switchboard). */
  phone?: string;
  /** Lower-case after normalisation (not unique). */
  email?: string;
  notes?: string;
}

/** A stored contact. */
export type ContactRecord = EntityRecord<Contact>;

/** The `contact` entity. */
export const ContactEntity = defineEntity<Contact>({
  name: 'contact',
  plural: 'contacts',
  description: 'A person at an organisation customer, with their role.',
  schema: {
    type: 'object',
    properties: {
      customerId: ref,
      name: text(),
      role: text(),
      primary: { type: 'boolean', default: false },
      phone,
      email: { ...email, description: 'An e-mail address; trimmed, lower-cased, then checked as an e-mail.' },
      notes: text(5000, { minLength: 0 }),
    },
    required: ['customerId', 'name'],
  },
  indexes: ['customerId', 'email'],
  search: ['name', 'email', 'role'],
});
