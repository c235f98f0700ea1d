import { afterEach, describe, expect, it } from 'vitest';
import { bootServer, type ServerFixture } from '../test-support/fixture.js';
import { PROBLEM_LIMITS, problemOf } from './problem.js';

describe('problem documents stay within their stated bounds', () => {
  it('cuts long texts and lists at most the stated number of field errors', () => {
    const long = 'x'.repeat(10_000);
    const problem = problemOf(400, 'VALIDATION_FAILED', long, {
      instance: `/api/${long}`,
      errors: Array.from({ length: 500 }, () => ({ path: long, message: long, rule: long })),
      details: { field: long },
    });
    expect(problem.detail).toHaveLength(PROBLEM_LIMITS.detail);
    expect(problem.detail.endsWith('…')).toBe(true);
    expect(problem.instance).toHaveLength(PROBLEM_LIMITS.instance);
    expect(problem.errors).toHaveLength(PROBLEM_LIMITS.errors);
    expect(problem.errors?.[0]).toEqual({
      path: `${'x'.repeat(PROBLEM_LIMITS.path - 1)}…`,
      message: `${'x'.repeat(PROBLEM_LIMITS.message - 1)}…`,
      rule: `${'x'.repeat(PROBLEM_LIMITS.rule - 1)}…`,
    });
    expect(problem.details?.field).toHaveLength(PROBLEM_LIMITS.path);
    expect(problemOf(404, 'NOT_FOUND', 'short')).toMatchObject({ detail: 'short' });
  });

  describe('over HTTP', () => {
    let f: ServerFixture;
    afterEach(() => f.t.stop());

    it('answers a body with a 20 000-character field name with a problem of bounded texts', async () => {
      f = await bootServer();
      const name = 'f'.repeat(20_000);
      const res = await f.app.request('/api/service-tickets', {
        method: 'POST',
        headers: f.auth(f.keys.admin, { 'content-type': 'application/json' }),
        body: JSON.stringify({ title: 't', team: 'north', [name]: 1 }),
      });
      expect(res.status).toBe(400);
      const problem = await res.json();
      expect(problem.detail.length).toBeLessThanOrEqual(PROBLEM_LIMITS.detail);
      expect(problem.errors[0].path.length).toBeLessThanOrEqual(PROBLEM_LIMITS.path);
      expect(problem.errors[0].rule).toBe('unknown');
    });
  });
});
