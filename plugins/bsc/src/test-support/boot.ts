import { createTestKernel, type TestKernel } from '@rapport/testing';
import { bsc } from '../bsc-plugin.js';
import type { CausalLink } from '../entities/causal-link.js';
import type { Kpi, KpiRecord } from '../entities/kpi.js';
import type { Objective, ObjectiveRecord } from '../entities/objective.js';
import type { Scorecard, ScorecardRecord } from '../entities/scorecard.js';
import type { BscInput } from '../options.js';
import { shop } from './shop-plugin.js';

/** Boots the test shop (a metric publisher) and the BSC plugin on a manual clock (default mid-May 2026). */
export async function bootBsc(
  options: { plugins?: unknown[]; options?: BscInput; now?: string; shop?: boolean } = {},
): Promise<TestKernel> {
  return createTestKernel({
    plugins: [
      ...(options.shop === false ? [] : [shop()]),
      ...((options.plugins ?? []) as never[]),
      bsc(options.options ?? {}),
    ] as never[],
    now: options.now ?? '2026-05-15T10:00:00.000Z',
  });
}

/** Creates a scorecard as the admin. */
export async function scorecard(t: TestKernel, input: Partial<Scorecard> = {}): Promise<ScorecardRecord> {
  return (await t.data<Scorecard>('scorecard').create({
    name: 'Company',
    periodKind: 'month',
    timeZone: 'Europe/Berlin',
    valueProposition: 'customerIntimacy',
    status: 'active',
    ...input,
  })) as ScorecardRecord;
}

/** Creates an objective as the admin. */
export async function objective(
  t: TestKernel,
  scorecardId: string,
  input: Partial<Objective> & Pick<Objective, 'name' | 'perspective'>,
): Promise<ObjectiveRecord> {
  return (await t
    .data<Objective>('bscObjective')
    .create({ scorecardId, weight: 1, ...input })) as ObjectiveRecord;
}

/** Creates a KPI as the admin. */
export async function kpi(
  t: TestKernel,
  objectiveId: string,
  input: Partial<Kpi> & Pick<Kpi, 'name' | 'source' | 'target' | 'direction'>,
): Promise<KpiRecord> {
  return (await t
    .data<Kpi>('bscKpi')
    .create({ objectiveId, greenAt: 100, weight: 1, active: true, ...input })) as KpiRecord;
}

/** Creates a causal link as the admin. */
export async function link(t: TestKernel, fromId: string, toId: string) {
  return t.data<CausalLink>('bscLink').create({ fromId, toId } as CausalLink);
}
