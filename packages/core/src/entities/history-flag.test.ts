import { describe, expect, it } from 'vitest';
import { createKernel } from '../kernel/create-kernel.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { memoryStore } from '../store/memory-store.js';
import { silent } from '../test-support/boot.js';
import { defineEntity } from './define-entity.js';

const Message = defineEntity({
  name: 'message',
  plural: 'messages',
  schema: { type: 'object', properties: { body: { type: 'string' } } },
  history: true,
});
const Note = defineEntity({ name: 'note', plural: 'notes', schema: { type: 'object', properties: {} } });

describe('history collections', () => {
  it('are the audit trail, the outbox and the entities a plugin declares with history: true', async () => {
    const plugin = definePlugin({
      id: 'inbox',
      version: '1.0.0',
      register: (ctx) => {
        ctx.entities.define(Message);
        ctx.entities.define(Note);
      },
    });
    const kernel = await createKernel({ store: memoryStore(), plugins: [plugin], logger: silent });
    const history = kernel.storeSchema.collections.filter((spec) => spec.history).map((spec) => spec.name);
    expect(history.sort()).toEqual(['_audit', '_outbox', 'message']);
    expect(kernel.storeSchema.collections.find((spec) => spec.name === 'note')).not.toHaveProperty('history');
  });
});
