import { createTestServer, type TestServer } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hello } from './hello-plugin.js';
import { people } from './people-plugin.js';

type Model = { views: Array<{ id: string; kind: string }>; menu: Array<{ id: string }> };

describe('console views of the hello plugin', () => {
  let s: TestServer<'admin' | 'greeter' | 'outsider'>;
  afterEach(() => s.stop());

  it('are checked at boot and offered to those who may read what they show', async () => {
    s = await createTestServer({
      plugins: [people(), hello()],
      access: { roles: { receptionist: ['person:read'] } },
      keys: { admin: ['admin'], greeter: ['greeter'], outsider: ['receptionist'] },
    });
    const admin = await s.json<Model>('GET', '/api/console/model', 'admin');
    expect(admin.status).toBe(200);
    const ids = admin.body.views.map((view) => `${view.kind}:${view.id}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'list:hello.greetings',
        'panel:hello.personGreetings',
        'tile:hello.sentToday',
        'chart:hello.sentByWeek',
        'dashboard:hello.dashboard',
      ]),
    );
    expect(admin.body.menu.map((entry) => entry.id)).toContain('hello.menu');
    const greeter = await s.json<Model>('GET', '/api/console/model', 'greeter');
    expect(greeter.body.views.map((view) => view.id)).toContain('hello.greetings');
    const outsider = await s.json<Model>('GET', '/api/console/model', 'outsider');
    expect(outsider.status).toBe(200);
    const offered = outsider.body.views.map((view) => view.id);
    expect(offered).not.toContain('hello.greetings');
    expect(offered).not.toContain('hello.personGreetings');
  });
});
