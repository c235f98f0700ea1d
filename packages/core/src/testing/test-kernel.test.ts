import { describe, expect, it } from 'vitest';
import { defineEntity } from '../entities/define-entity.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { createTestKernel } from './test-kernel.js';

const Task = defineEntity<{ title: string; done?: boolean; overdue?: boolean; team?: string }>({
  name: 'task',
  plural: 'tasks',
  schema: {
    type: 'object',
    properties: {
      title: { type: 'string' },
      done: { type: 'boolean' },
      overdue: { type: 'boolean' },
      team: { type: 'string' },
    },
    required: ['title'],
  },
});

const tasks = definePlugin({
  id: 'tasks',
  version: '1',
  register(ctx) {
    ctx.entities.define(Task);
    ctx.access.rule({
      id: 'tasks.team',
      entity: 'task',
      where: (a) => (a.attributes?.team ? { team: String(a.attributes.team) } : undefined),
    });
    ctx.jobs.every('tasks.overdue', '1d', async (job) => {
      const { items } = await job.data<{ done?: boolean }>('task').find({ where: { done: { ne: true } } });
      for (const task of items) await job.data('task').update(task.id, { overdue: true });
    });
  },
});

describe('createTestKernel', () => {
  it('runs jobs when the clock is advanced, not before', async () => {
    const t = await createTestKernel({ plugins: [tasks()], now: '2026-06-01T10:00:00Z' });
    const task = await t.data('task').create({ title: 'write tests' });
    await t.kernel.jobs.runDue(); // the first slot runs at once
    expect(await t.data('task').get(task.id)).toMatchObject({ overdue: true });
    const later = await t.data('task').create({ title: 'later' });
    await t.advance('1h');
    expect(await t.data('task').get(later.id)).not.toHaveProperty('overdue');
    await t.advance('1d');
    expect(await t.data('task').get(later.id)).toMatchObject({ overdue: true });
    expect(new Date(t.clock.now()).toISOString()).toBe('2026-06-02T11:00:00.000Z');
    await t.stop();
  });

  it('makes actors with roles and attributes for permission tests', async () => {
    const t = await createTestKernel({ plugins: [tasks()] });
    await t.data('task').create({ title: 'n', team: 'north' });
    await t.data('task').create({ title: 's', team: 'south' });
    const north = t.actor(['viewer'], { team: 'north' });
    expect((await t.data('task', north).find()).items.map((x) => x.title)).toEqual(['n']);
    await expect(t.data('task', north).create({ title: 'x', team: 'north' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await t.stop();
  });
});
