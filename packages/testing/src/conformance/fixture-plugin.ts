import { defineEntity, definePlugin } from '@rapport/core';

/** The record the conformance suite stores: every field type the query language meets. */
export interface Item {
  name: string;
  qty?: number;
  price?: number;
  status?: 'open' | 'won' | 'lost';
  owner?: string;
  active?: boolean;
  tags?: string[];
  meta?: { region?: string };
  /** A free-form document, for nesting as deep as the data API allows. */
  details?: Record<string, unknown>;
  amount?: { amount: number; currency: string };
  counter?: number;
  code?: string;
}

/** The conformance suite's entity; `code` is unique. */
export const ItemEntity = defineEntity<Item>({
  name: 'item',
  plural: 'items',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 200 },
      qty: { type: 'integer' },
      price: { type: 'number' },
      status: { type: 'string', enum: ['open', 'won', 'lost'] },
      owner: { type: 'string' },
      active: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      meta: { type: 'object', properties: { region: { type: 'string' } }, additionalProperties: false },
      details: { type: 'object' },
      amount: {
        type: 'object',
        properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
        required: ['amount', 'currency'],
        additionalProperties: false,
      },
      counter: { type: 'integer' },
      code: { type: 'string' },
    },
    required: ['name'],
  },
  indexes: ['status', ['owner', 'status'], ['owner', 'qty'], { fields: ['code'], unique: true }],
});

/** A second entity, to test transactions that span repositories. */
export const NoteEntity = defineEntity<{ itemId: string; text: string }>({
  name: 'note',
  plural: 'notes',
  schema: {
    type: 'object',
    properties: { itemId: { type: 'string' }, text: { type: 'string' } },
    required: ['itemId', 'text'],
  },
  indexes: ['itemId'],
});

/** A record name that makes the fixture's hooks throw, to test rollback. */
export const EXPLODE = 'explode';

/** The single-use link purpose the conformance suite races on. */
export const ONCE_PURPOSE = 'conformance.once';

/**
 * The plugin the conformance suite boots its kernel with. Its hooks throw on records named
 * {@link EXPLODE} (after the store write, so rollback is really exercised), each created item
 * with the tag `noted` emits `conformance.item.noted`, whose handler writes a note, and it
 * declares the single-use link purpose {@link ONCE_PURPOSE}.
 */
export const conformanceFixture = definePlugin({
  id: 'conformance',
  version: '1.0.0',
  register(ctx) {
    ctx.entities.define(ItemEntity);
    ctx.entities.define(NoteEntity);
    ctx.links.purpose(ONCE_PURPOSE, { use: 'single', ttl: '1d' });
    const hooks = ctx.hooks.entity<Item>('item');
    hooks.afterCreate.tapPromise('conformance', async (record, write) => {
      if (record.name === EXPLODE) throw new Error('afterCreate refused the record');
      if (record.tags?.includes('noted')) write.emit('conformance.item.noted', { itemId: record.id });
    });
    hooks.afterUpdate.tapPromise('conformance', async (record) => {
      if (record.name === EXPLODE) throw new Error('afterUpdate refused the record');
    });
    hooks.afterDelete.tapPromise('conformance', async (record) => {
      if (record.tags?.includes(EXPLODE)) throw new Error('afterDelete refused the delete');
    });
    ctx.events.on<{ itemId: string }>('conformance.item.noted', async (event, handler) => {
      await handler.data('note').create({ itemId: event.payload.itemId, text: `event ${event.id}` });
    });
  },
});
