import { BootError } from '@rapport/core';
import { createTestKernel } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import { hello } from './hello-plugin.js';
import { people } from './people-plugin.js';

async function bootProblems(options: Parameters<typeof hello>[0]) {
  const error = await createTestKernel({ plugins: [people(), hello(options)] }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BootError);
  return (error as BootError).failures.map(({ plugin, phase, message }) => ({ plugin, phase, message }));
}

describe('options of the hello plugin', () => {
  it('reports a rule across options in the options phase, naming both', async () => {
    expect(await bootProblems({ retentionDays: 7, ratingLinkDays: 14 })).toEqual([
      {
        plugin: 'hello',
        phase: 'options',
        message:
          'invalid options: retentionDays (7) must be greater than ratingLinkDays (14): a greeting must outlive its rating link',
      },
    ]);
  });

  it('checks each option against the schema, naming it', async () => {
    const [problem] = await bootProblems({ retentionEvery: 'weekly' });
    expect(problem).toMatchObject({ plugin: 'hello', phase: 'options' });
    expect(problem?.message).toContain('retentionEvery');
  });

  it('applies the defaults, and the rating link lives ratingLinkDays', async () => {
    const t = await createTestKernel({
      plugins: [people(), hello({ ratingLinkDays: 3 })],
      now: '2026-04-01T00:00:00Z',
    });
    try {
      const jobs = t.kernel.jobs.list().map((job) => job.id);
      expect(jobs).toEqual(expect.arrayContaining(['hello.dailyDigest', 'hello.retention']));
    } finally {
      await t.stop();
    }
  });
});
