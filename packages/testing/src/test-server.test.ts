import { defineEntity, definePlugin } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './test-server.js';

const Note = defineEntity<{ text: string; ownerId?: string }>({
  name: 'note',
  plural: 'notes',
  schema: {
    type: 'object',
    properties: { text: { type: 'string', maxLength: 100 }, ownerId: { type: 'string', maxLength: 64 } },
    required: ['text'],
  },
});
const notes = definePlugin({
  id: 'notes',
  version: '1',
  register(ctx) {
    ctx.entities.define(Note);
    ctx.access.grant('writer', ['note:read', 'note:create']);
    ctx.access.rule({
      id: 'notes.own',
      entity: 'note',
      where: (actor) => (actor.roles.includes('writer') ? { ownerId: actor.id } : undefined),
    });
  },
});

describe('createTestServer', () => {
  let s: TestServer<string> | undefined;
  afterEach(async () => s?.stop());

  it('makes a key per built-in role by default and answers through the app', async () => {
    const server = await createTestServer({ plugins: [notes()] });
    s = server;
    expect(Object.keys(server.keys)).toEqual(['admin', 'manager', 'agent', 'viewer']);
    const created = await server.json('POST', '/api/notes', 'agent', { text: 'hello' });
    expect(created).toMatchObject({ status: 201, body: { text: 'hello' } });
    expect((await server.json('POST', '/api/notes', 'viewer', { text: 'x' })).status).toBe(403);
    expect(
      (await server.request('POST', '/api/notes', 'admin', '{broken', { type: 'application/json' })).status,
    ).toBe(400);
  });

  it('makes named keys with roles and attributes; a userId is the actor', async () => {
    const server = await createTestServer({
      plugins: [notes()],
      keys: {
        ann: { roles: ['writer'], attributes: { userId: 'u-ann' } },
        bob: { roles: ['writer'], attributes: { userId: 'u-bob' } },
      },
    });
    s = server;
    expect(server.keys.ann?.actorId).toBe('u-ann');
    await server.t.data('note').create({ text: 'mine', ownerId: 'u-ann' });
    await server.t.data('note').create({ text: 'theirs', ownerId: 'u-bob' });
    const list = await server.json<{ items: Array<{ text: string }> }>('GET', '/api/notes', 'ann');
    expect(list.body.items.map((n) => n.text)).toEqual(['mine']);
  });
});
