import { defineEntity, type EntityRecord } from '@rapport/core';

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
      customerId: { type: 'string', minLength: 1, maxLength: 200 },
      name: { type: 'string', minLength: 1, maxLength: 200 },
      role: { type: 'string', minLength: 1, maxLength: 200 },
      primary: { type: 'boolean', default: false },
      phone: { type: 'string', minLength: 3, maxLength: 40 },
      email: {
        type: 'string',
        minLength: 3,
        maxLength: 320,
        description: 'An e-mail address; trimmed, lower-cased, then checked as an e-mail.',
      },
      notes: { type: 'string', maxLength: 5000 },
    },
    required: ['customerId', 'name'],
  },
  indexes: ['customerId', 'email'],
  search: ['name', 'email', 'role'],
});
