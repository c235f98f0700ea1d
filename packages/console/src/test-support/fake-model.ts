import type { ConsoleEntity, ConsoleModel } from '../api/model.js';

/** A customer schema with every JSON Schema construct the entities use. */
export const CUSTOMER: ConsoleEntity = {
  name: 'customer',
  plural: 'customers',
  path: 'customers',
  description: 'A person or organisation the company deals with.',
  schema: {
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 200 },
      createdAt: { type: 'string', format: 'date-time', maxLength: 40 },
      updatedAt: { type: 'string', format: 'date-time', maxLength: 40 },
      version: { type: 'integer', minimum: 1 },
      name: { type: 'string', minLength: 1, maxLength: 20 },
      kind: { type: 'string', enum: ['person', 'organisation'] },
      email: { type: 'string', minLength: 3, maxLength: 320 },
      phone: { type: 'string', minLength: 3, maxLength: 40 },
      website: { type: 'string', format: 'uri', maxLength: 2048 },
      internal: { type: 'boolean', default: false },
      employees: { type: 'integer', minimum: 0, maximum: 1000000 },
      score: { type: 'number', minimum: 0, maximum: 10 },
      credit: {
        type: 'object',
        properties: {
          amount: { type: 'integer', format: 'int64' },
          currency: { type: 'string', minLength: 3, maxLength: 3 },
        },
        required: ['amount', 'currency'],
      },
      birthday: { type: 'string', format: 'date', maxLength: 10 },
      acquiredAt: { type: 'string', format: 'date-time', maxLength: 40 },
      contactId: { type: 'string', minLength: 1, maxLength: 200 },
      objective: {
        type: 'object',
        properties: {
          city: { type: 'string', maxLength: 100 },
          country: { type: 'string', pattern: '^[A-Z]{2}$', maxLength: 2 },
        },
      },
      tags: { type: 'array', items: { type: 'string', maxLength: 50 }, maxItems: 3 },
      addresses: {
        type: 'array',
        maxItems: 5,
        items: {
          type: 'object',
          properties: { street: { type: 'string', maxLength: 100 }, zip: { type: 'string', maxLength: 10 } },
        },
      },
      notes: { type: 'string', maxLength: 5000 },
      extra: { type: 'object', additionalProperties: true, maxProperties: 20 },
      lifecycleStage: { type: 'string', enum: ['prospect', 'active', 'churned'], readOnly: true },
    },
    required: ['name', 'kind'],
  },
  readOnly: ['lifecycleStage'],
  search: ['name', 'email', 'phone'],
  indexed: ['kind', 'email'],
  can: { create: true, update: true, delete: true },
};

/** Contacts point at customers: a related list on the customer page. */
export const CONTACT: ConsoleEntity = {
  name: 'contact',
  plural: 'contacts',
  path: 'contacts',
  schema: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      customerId: { type: 'string', minLength: 1, maxLength: 200 },
      name: { type: 'string', maxLength: 100 },
    },
    required: ['customerId', 'name'],
  },
  readOnly: [],
  search: ['name'],
  indexed: ['customerId'],
  can: { create: true, update: true, delete: false },
};

/** A console model with customers and contacts, no declared views. */
export const MODEL: ConsoleModel = { entities: [CUSTOMER, CONTACT], views: [], menu: [], metrics: [] };
