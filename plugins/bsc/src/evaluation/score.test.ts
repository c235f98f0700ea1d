import { describe, expect, it } from 'vitest';
import { judge, statusOfScore, weightedScore } from './score.js';

describe('the KPI score rule', () => {
  it('is linear between red and green when higher is better', () => {
    const t = { greenAt: 100, redAt: 80, direction: 'higher' as const };
    expect(judge(100, 100, t)).toEqual({ greenValue: 100, redValue: 80, score: 1, status: 'green' });
    expect(judge(130, 100, t).score).toBe(1); // capped
    expect(judge(90, 100, t)).toMatchObject({ score: 0.5, status: 'amber' });
    expect(judge(80, 100, t)).toMatchObject({ score: 0, status: 'red' });
    expect(judge(10, 100, t)).toMatchObject({ score: 0, status: 'red' });
  });

  it('mirrors when lower is better', () => {
    const t = { greenAt: 100, redAt: 150, direction: 'lower' as const };
    // target 20 minutes: green at 20, red at 30
    expect(judge(15, 20, t)).toMatchObject({ score: 1, status: 'green' });
    expect(judge(22.5, 20, t)).toMatchObject({ score: 0.75, status: 'amber' });
    expect(judge(30, 20, t)).toMatchObject({ score: 0, status: 'red' });
    expect(judge(45, 20, t)).toMatchObject({ score: 0, status: 'red' });
  });

  it('meets or misses a target of zero', () => {
    const t = { greenAt: 100, redAt: 120, direction: 'lower' as const };
    expect(judge(0, 0, t)).toMatchObject({ score: 1, status: 'green' });
    expect(judge(0.01, 0, t)).toMatchObject({ score: 0, status: 'red' });
  });

  it('weights only the parts with data, and their shares total 1', () => {
    const { score, shares } = weightedScore([
      { weight: 2, score: 1 },
      { weight: 1, score: null },
      { weight: 1, score: 0.5 },
    ]);
    expect(score).toBe(0.8333);
    expect(shares).toEqual([0.6667, 0, 0.3333]);
    expect(weightedScore([{ weight: 1, score: null }]).score).toBeNull();
    expect(weightedScore([{ weight: 0, score: 1 }]).score).toBeNull();
  });

  it('bands a weighted score', () => {
    const bands = { green: 0.8, red: 0.4 };
    expect(statusOfScore(0.8, bands)).toBe('green');
    expect(statusOfScore(0.5, bands)).toBe('amber');
    expect(statusOfScore(0.39, bands)).toBe('red');
    expect(statusOfScore(null, bands)).toBe('noData');
  });
});
