import { campaigns } from '@rapport/plugin-campaigns';
import { customers } from '@rapport/plugin-customers';
import { loyalty } from '@rapport/plugin-loyalty';
import { messaging } from '@rapport/plugin-messaging';
import { sales } from '@rapport/plugin-sales';
import { tickets } from '@rapport/plugin-tickets';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { bsc } from '../bsc-plugin.js';
import type { CausalLink } from '../entities/causal-link.js';
import type { Kpi } from '../entities/kpi.js';
import type { Objective } from '../entities/objective.js';
import { BSC } from '../service.js';
import { bootBsc } from '../test-support/boot.js';
import { VALUE_PROPOSITIONS } from '../vocabulary.js';
import { LEADING_PROCESSES, templateFor } from './catalogue.js';

let t: TestKernel;
afterEach(() => t.stop());

describe('scorecard templates', () => {
  it('bind only metrics the first-party plugins publish', async () => {
    const channels = messaging({ publicUrl: 'https://crm.example.com' });
    t = await createTestKernel({
      plugins: [customers(), sales(), channels, tickets(), loyalty(), campaigns(), bsc()] as never[],
    });
    const published = new Set(t.kernel.metrics.list().map((m) => m.id));
    for (const proposition of VALUE_PROPOSITIONS) {
      for (const objective of templateFor(proposition).objectives) {
        for (const kpi of objective.kpis) if (kpi.metric) expect(published, kpi.metric).toContain(kpi.metric);
      }
    }
  });

  it('lay out the leading processes, all four perspectives and links from learning to financial', async () => {
    t = await bootBsc();
    const made = await t.kernel
      .resolve(BSC)
      .fromTemplate({ valueProposition: 'customerIntimacy', periodKind: 'month' }, t.admin);
    expect(made).toMatchObject({ objectives: 9, links: 3 * 3 + 3 + 2 });
    expect(made.scorecard).toMatchObject({
      name: 'Customer intimacy scorecard',
      periodKind: 'month',
      timeZone: 'UTC',
    });
    const objectives = (
      await t.data<Objective>('bscObjective').find({ where: { scorecardId: made.scorecard.id } })
    ).items;
    expect(new Set(objectives.map((o) => o.perspective))).toEqual(
      new Set(['financial', 'customer', 'internalProcess', 'learningGrowth']),
    );
    expect(objectives.filter((o) => o.process).map((o) => o.process)).toEqual([
      ...LEADING_PROCESSES.customerIntimacy,
    ]);
    const perspective = new Map(objectives.map((o) => [o.id, o.perspective]));
    const links = (await t.data<CausalLink>('bscLink').find({ where: { scorecardId: made.scorecard.id } }))
      .items;
    const rank = { learningGrowth: 0, internalProcess: 1, customer: 2, financial: 3 };
    for (const link of links) {
      expect(rank[perspective.get(link.toId) as keyof typeof rank]).toBe(
        rank[perspective.get(link.fromId) as keyof typeof rank] + 1,
      );
    }
    const kpis = (await t.data<Kpi>('bscKpi').find({ limit: 100 })).items;
    expect(kpis).toHaveLength(made.kpis);
    expect(kpis.filter((k) => k.source === 'manual').map((k) => k.name)).toEqual([
      'CRM training hours per person',
      'Knowledge-base articles used',
      'Staff satisfaction (1–5)',
    ]);
    // with only the test shop installed, every metric KPI reads "no data": its plugin is missing
    const evaluation = await t.kernel
      .resolve(BSC)
      .evaluate({ scorecardId: made.scorecard.id, actor: t.admin, history: 0 });
    const evaluated = evaluation.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
    expect(
      evaluated.filter((k) => k.source === 'metric').every((k) => k.noData?.code === 'pluginMissing'),
    ).toBe(true);
    expect(evaluation.score).toBeNull();
  });

  it('keep the processes each value proposition leads with', () => {
    const processes = (p: (typeof VALUE_PROPOSITIONS)[number]) =>
      templateFor(p).objectives.flatMap((o) => (o.process ? [o.process] : []));
    expect(processes('productLeadership')).toEqual(['selection', 'acquisition']);
    expect(processes('operationalExcellence')).toEqual(['acquisition', 'retention']);
  });

  it('refuse a body that does not fit, naming the field, and leave nothing behind', async () => {
    t = await bootBsc();
    const bsc = t.kernel.resolve(BSC);
    await expect(bsc.fromTemplate({ valueProposition: 'cheapest' }, t.admin)).rejects.toThrow(
      'invalid template request: valueProposition must be one of',
    );
    await expect(
      bsc.fromTemplate({ valueProposition: 'customerIntimacy', timeZone: 'Mars/Base' }, t.admin),
    ).rejects.toThrow("timeZone 'Mars/Base' is not an IANA time zone");
    expect(await t.data('scorecard').count()).toBe(0);
    await expect(
      bsc.fromTemplate({ valueProposition: 'customerIntimacy' }, t.actor(['kpiContributor'])),
    ).rejects.toThrow(/scorecard/);
  });
});
