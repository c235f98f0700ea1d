import { defineEntity, definePlugin, ValidationError } from '@rapport/core';
import { Hono } from 'hono';

/** A deal as the CLI tests write it: every field type, nested money, a team for record rules. */
export interface Deal {
  title: string;
  team: 'north' | 'south';
  code?: string;
  amount?: { amount: number; currency: string };
  probability?: number;
  won?: boolean;
  tags?: string[];
  meta?: Record<string, unknown>;
}

/** The deal entity of the CLI tests. */
export const DealEntity = defineEntity<Deal>({
  name: 'deal',
  plural: 'deals',
  schema: {
    type: 'object',
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 200 },
      team: { type: 'string', enum: ['north', 'south'] },
      code: { type: 'string' },
      amount: {
        type: 'object',
        properties: { amount: { type: 'integer' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
        required: ['amount', 'currency'],
        additionalProperties: false,
      },
      probability: { type: 'number', minimum: 0, maximum: 1 },
      won: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      meta: { type: 'object' },
    },
    required: ['title', 'team'],
  },
  indexes: [{ fields: ['code'], unique: true }, 'team'],
});

/** A note entity, to check that import and export touch only the entity they name. */
export const NoteEntity = defineEntity<{ text: string }>({
  name: 'note',
  plural: 'notes',
  schema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
});

/**
 * The CLI tests' plugin: deals with a team record rule (a key with `team=north` sees north deals
 * only), and an after-create hook that fails for the title `explode` after the record was written,
 * to prove that a failed row leaves nothing behind. `GET /api/crm/slow?ms=300` answers after a
 * delay, to prove that shutdown lets running requests finish.
 */
export const crm = definePlugin({
  id: 'crm',
  version: '1.0.0',
  register(ctx) {
    ctx.entities.define(DealEntity);
    ctx.entities.define(NoteEntity);
    ctx.access.rule({
      id: 'crm.ownTeam',
      entity: 'deal',
      where: (actor) => (actor.attributes?.team ? { team: String(actor.attributes.team) } : undefined),
    });
    ctx.routes.mount(
      new Hono().get('/slow', async (c) => {
        await new Promise((resolve) => setTimeout(resolve, Number(c.req.query('ms') ?? 300)));
        return c.json({ slow: true });
      }),
    );
    ctx.hooks.entity<Deal>('deal').afterCreate.tapPromise('crm', async (deal) => {
      if (deal.title === 'explode') {
        throw new ValidationError('deals titled explode are refused after writing', [
          { path: 'title', rule: 'explode', message: 'must not be explode' },
        ]);
      }
    });
  },
});
