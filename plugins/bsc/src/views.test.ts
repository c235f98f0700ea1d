import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { bootBsc } from './test-support/boot.js';
import { CONSOLE_ASSETS } from './views.js';

let t: TestKernel;
afterEach(() => t.stop());

describe('console views', () => {
  it('declare the strategy map and scorecard table on a scorecard, the reading form, initiatives and menu entries', async () => {
    t = await bootBsc();
    const ids = t.kernel.views.list().map((view) => view.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'bsc.scorecards',
        'bsc.strategyMap',
        'bsc.scorecardTable',
        'bsc.readingForm',
        'bsc.manualReadings',
        'bsc.initiatives',
        'bsc.objectiveInitiatives',
      ]),
    );
    for (const module of ['strategy-map.js', 'scorecard-table.js'])
      expect(existsSync(join(CONSOLE_ASSETS, module))).toBe(true);
    expect(t.kernel.views.assets().get('bsc')).toBe(CONSOLE_ASSETS);
    const contributor = t.kernel.views.visibleTo(t.actor(['kpiContributor']));
    expect(contributor.menu.map((entry) => entry.id)).toEqual([
      'bsc.scorecardsMenu',
      'bsc.initiativesMenu',
      'bsc.readingsMenu',
    ]);
  });
});
