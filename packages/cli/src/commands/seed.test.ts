import { describe, expect, it } from 'vitest';
import { memoryConfig, projectsRemovedAfterAll } from '../test-support/cli-harness.js';

const project = projectsRemovedAfterAll();

describe('rapport seed', () => {
  it("runs the config's seed function on a started kernel (idempotent seeds run twice safely)", async () => {
    const p = await project(
      memoryConfig(
        'seed',
        `async seed(kernel) {
          const deals = kernel.data('deal', { actor: { id: 'seed', kind: 'system', roles: [] } });
          if ((await deals.count()) === 0) for (const title of ['A', 'B', 'C']) await deals.create({ title, team: 'north' });
        },`,
      ),
    );
    expect(await p.run(['seed'])).toMatchObject({ code: 0, stdout: 'seeded\n' });
    expect(await p.run(['seed', '--quiet'])).toMatchObject({ code: 0, stdout: '' });
    const exported = await p.run(['export', 'deal', '--format', 'jsonl']);
    expect(exported.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('says there is nothing to seed when the config has no seed function', async () => {
    const p = await project(memoryConfig('seed-none'));
    const result = await p.run(['seed']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`nothing to seed: ${p.dir}/rapport.config.ts has no seed function\n`);
  });

  it('reports a failing seed as one error line and exits 1', async () => {
    const p = await project(
      memoryConfig(
        'seed-fails',
        `async seed(kernel) { await kernel.data('deal', { actor: { id: 's', kind: 'system', roles: [] } }).create({ title: '' }); },`,
      ),
    );
    const result = await p.run(['seed']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: .* \(VALIDATION_FAILED\): .*\n$/);
  });
});
