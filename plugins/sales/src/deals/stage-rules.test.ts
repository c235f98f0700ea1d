import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { DealStageChange } from '../entities/deal-stage-change.js';
import type { Pipeline } from '../entities/pipeline.js';
import { SALES } from '../service.js';
import { bootSales, customer, DAY } from '../test-support/boot.js';

describe('deal stage rules', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  const newDeal = async (input: Partial<Deal> = {}) => {
    const acme = await customer(t);
    return (await t.data<Deal>('deal').create({
      title: 'ACME seats',
      customerId: acme.id,
      amount: { amount: 10_000_00, currency: 'EUR' },
      ...input,
    })) as DealRecord;
  };
  const move = (deal: DealRecord, patch: Partial<Deal>) =>
    t.data<Deal>('deal').update(deal.id, patch) as Promise<DealRecord>;

  it('starts a deal in the first stage of the default pipeline with that stage’s probability', async () => {
    t = await bootSales();
    const deal = await newDeal();
    expect(deal).toMatchObject({
      pipeline: 'new-business',
      stage: 'qualification',
      probability: 10,
      forecastCategory: 'pipeline',
      weightedAmount: 1_000_00,
      kind: 'new',
      ownerId: t.admin.id,
      openedAt: '2026-06-01T00:00:00.000Z',
      stageEnteredAt: '2026-06-01T00:00:00.000Z',
      furthestStage: 'qualification',
    });
    expect(deal.outcome).toBeUndefined();
  });

  it('sets probability and category on entering a stage, unless the same write overrides them', async () => {
    t = await bootSales();
    let deal = await newDeal();
    deal = await move(deal, { stage: 'proposal' });
    expect(deal).toMatchObject({ probability: 50, forecastCategory: 'best-case', weightedAmount: 5_000_00 });
    deal = await move(deal, { stage: 'negotiation', probability: 65 });
    expect(deal).toMatchObject({ probability: 65, forecastCategory: 'commit', weightedAmount: 6_500_00 });
    deal = await move(deal, { probability: 70, forecastCategory: 'best-case' }); // no stage change: kept
    expect(deal).toMatchObject({ probability: 70, forecastCategory: 'best-case', stage: 'negotiation' });
    deal = await move(deal, { stage: 'proposal' }); // entering a stage again: the stage's numbers
    expect(deal).toMatchObject({
      probability: 50,
      forecastCategory: 'best-case',
      furthestStage: 'negotiation',
    });
    deal = await move(deal, { amount: { amount: 1_001, currency: 'EUR' } });
    expect(deal.weightedAmount).toBe(500); // 500.5 → even
  });

  it('refuses a stage that is not in the deal’s pipeline, naming the allowed stages', async () => {
    t = await bootSales();
    const deal = await newDeal();
    await expect(move(deal, { stage: 'renewed' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        {
          path: 'stage',
          rule: 'sales.stage',
          message:
            "'renewed' is not a stage of pipeline 'new-business' (its stages: qualification, needs-analysis, proposal, negotiation, won, lost)",
        },
      ],
    });
    await expect(newDeal({ pipeline: 'renewals', stage: 'proposal' })).rejects.toMatchObject({
      errors: [
        {
          path: 'stage',
          message: expect.stringContaining('upcoming, in-discussion, committed, renewed, churned'),
        },
      ],
    });
    await expect(newDeal({ pipeline: 'nope' })).rejects.toMatchObject({
      errors: [
        {
          path: 'pipeline',
          rule: 'sales.pipeline',
          message: expect.stringContaining('dealers, new-business, renewals'),
        },
      ],
    });
    // Moving to another pipeline needs a stage of that pipeline.
    const moved = await move(deal, { pipeline: 'renewals', stage: 'committed' });
    expect(moved).toMatchObject({ probability: 90, forecastCategory: 'commit', furthestStage: 'committed' });
  });

  it('refuses a negative amount and amounts that disagree with the lines', async () => {
    t = await bootSales();
    await expect(newDeal({ amount: { amount: -1, currency: 'EUR' } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'amount.amount', message: 'must be >= 0' }],
    });
    const acme = await customer(t);
    const lines = [{ product: 'seat', quantity: 3, unitPrice: { amount: 100_00, currency: 'EUR' } }];
    const priced = await t.data<Deal>('deal').create({ title: 'Lines', customerId: acme.id, lines });
    expect(priced.amount).toEqual({ amount: 300_00, currency: 'EUR' });
    expect(priced.lines?.[0]?.amount).toEqual({ amount: 300_00, currency: 'EUR' });
    await expect(
      t
        .data<Deal>('deal')
        .create({ title: 'x', customerId: acme.id, lines, amount: { amount: 1, currency: 'EUR' } }),
    ).rejects.toMatchObject({ errors: [{ path: 'amount', rule: 'sales.lines' }] });
    await expect(t.data<Deal>('deal').create({ title: 'x', customerId: acme.id })).rejects.toMatchObject({
      errors: [{ path: 'amount', rule: 'sales.required' }],
    });
    await expect(
      t
        .data<Deal>('deal')
        .create({ title: 'x', customerId: 'nobody', amount: { amount: 1, currency: 'EUR' } }),
    ).rejects.toMatchObject({ errors: [{ path: 'customerId', rule: 'sales.reference' }] });
  });

  it('makes won and lost terminal until an explicit reopen', async () => {
    t = await bootSales();
    let deal = await newDeal();
    deal = await move(deal, { stage: 'negotiation' });
    t.clock.advance(10 * DAY);
    deal = await move(deal, { stage: 'won', outcomeReason: 'best fit' });
    expect(deal).toMatchObject({
      outcome: 'won',
      probability: 100,
      forecastCategory: 'commit',
      weightedAmount: 10_000_00,
      closedAt: '2026-06-11T00:00:00.000Z',
      closedMonth: '2026-06',
      cycleDays: 10,
    });
    await expect(move(deal, { stage: 'proposal' })).rejects.toMatchObject({
      errors: [
        { path: 'stage', rule: 'sales.closed', message: expect.stringContaining('reopen it explicitly') },
      ],
    });
    await expect(move(deal, { stage: 'lost', outcomeReason: 'x' })).rejects.toMatchObject({
      errors: [{ rule: 'sales.closed' }],
    });
    await expect(move(deal, { amount: { amount: 1, currency: 'EUR' } })).rejects.toMatchObject({
      errors: [{ path: 'amount', rule: 'sales.closed' }],
    });
    await expect(move(deal, { probability: 50 })).rejects.toMatchObject({
      errors: [{ path: 'probability' }],
    });
    expect((await move(deal, { title: 'ACME seats (signed)' })).title).toBe('ACME seats (signed)'); // other fields are fine

    // A rep may not reopen; a manager may, with a reason, back to the furthest open stage.
    const rep = t.actor(['salesRep'], undefined, deal.ownerId);
    await expect(
      t.kernel.resolve(SALES).reopenDeal(rep, deal.id, { reason: 'customer cancelled' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      t.data<Deal>('deal', rep).update(deal.id, { stage: 'proposal', reopenReason: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('deal:reopen') });
    const manager = t.actor(['manager']);
    await expect(t.kernel.resolve(SALES).reopenDeal(manager, deal.id, { reason: ' ' })).rejects.toMatchObject(
      {
        errors: [{ path: 'reason' }],
      },
    );
    t.clock.advance(DAY);
    const reopened = await t.kernel
      .resolve(SALES)
      .reopenDeal(manager, deal.id, { reason: 'customer cancelled' });
    expect(reopened).toMatchObject({
      stage: 'negotiation',
      probability: 80,
      reopenReason: 'customer cancelled',
      reopenedAt: '2026-06-12T00:00:00.000Z',
      weightedAmount: 8_000_00,
    });
    expect(reopened.outcome).toBeUndefined();
    expect(reopened.closedAt).toBeUndefined();
    expect(reopened.outcomeReason).toBeUndefined();
    await expect(
      t.kernel.resolve(SALES).reopenDeal(manager, deal.id, { reason: 'again' }),
    ).rejects.toMatchObject({ errors: [{ rule: 'sales.reopen' }] });
    await t.settle();
  });

  it('requires a reason to lose a deal', async () => {
    t = await bootSales();
    const deal = await newDeal();
    await expect(move(deal, { stage: 'lost' })).rejects.toMatchObject({
      errors: [{ path: 'outcomeReason', rule: 'sales.reason' }],
    });
    const lost = await move(deal, { stage: 'lost', outcomeReason: 'no budget' });
    expect(lost).toMatchObject({
      outcome: 'lost',
      probability: 0,
      forecastCategory: 'omitted',
      weightedAmount: 0,
    });
  });

  it('keeps the stage history: entered, left and days per stay', async () => {
    t = await bootSales();
    let deal = await newDeal();
    t.clock.advance(3 * DAY);
    deal = await move(deal, { stage: 'needs-analysis' });
    t.clock.advance(1.5 * DAY);
    deal = await move(deal, { stage: 'proposal' });
    const history = await t
      .data<DealStageChange>('dealStageChange')
      .find({ where: { dealId: deal.id }, sort: ['enteredAt'] });
    expect(
      history.items.map(({ stage, stageKind, enteredAt, leftAt, days }) => ({
        stage,
        stageKind,
        enteredAt,
        leftAt,
        days,
      })),
    ).toEqual([
      {
        stage: 'qualification',
        stageKind: 'open',
        enteredAt: '2026-06-01T00:00:00.000Z',
        leftAt: '2026-06-04T00:00:00.000Z',
        days: 3,
      },
      {
        stage: 'needs-analysis',
        stageKind: 'open',
        enteredAt: '2026-06-04T00:00:00.000Z',
        leftAt: '2026-06-05T12:00:00.000Z',
        days: 1.5,
      },
      {
        stage: 'proposal',
        stageKind: 'open',
        enteredAt: '2026-06-05T12:00:00.000Z',
        leftAt: undefined,
        days: undefined,
      },
    ]);
    // Nobody but the plugin writes history.
    await expect(
      t.data<DealStageChange>('dealStageChange').update(history.items[0]?.id as string, { days: 0 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('accepts back-dated stage times for imports, in order and not in the future', async () => {
    t = await bootSales();
    const deal = await newDeal({ openedAt: '2026-03-01T00:00:00Z' });
    expect(deal.stageEnteredAt).toBe('2026-03-01T00:00:00.000Z');
    await expect(
      move(deal, { stage: 'proposal', stageEnteredAt: '2026-02-01T00:00:00Z' }),
    ).rejects.toMatchObject({
      errors: [{ path: 'stageEnteredAt', rule: 'sales.time' }],
    });
    await expect(
      move(deal, { stage: 'proposal', stageEnteredAt: '2026-07-01T00:00:00Z' }),
    ).rejects.toMatchObject({
      errors: [{ path: 'stageEnteredAt', message: 'lies in the future' }],
    });
    await expect(move(deal, { stageEnteredAt: '2026-04-01T00:00:00Z' })).rejects.toMatchObject({
      errors: [{ path: 'stageEnteredAt', rule: 'sales.stage' }],
    });
    const won = await move(deal, { stage: 'won', stageEnteredAt: '2026-04-01T00:00:00Z' });
    expect(won).toMatchObject({
      closedAt: '2026-04-01T00:00:00.000Z',
      cycleDays: 31,
      closedMonth: '2026-04',
    });
  });

  it('refuses writes to computed fields from anyone but the plugin', async () => {
    t = await bootSales();
    await expect(newDeal({ weightedAmount: 5, outcome: 'won' })).rejects.toMatchObject({
      errors: [
        { path: 'outcome', rule: 'readOnly' },
        { path: 'weightedAmount', rule: 'readOnly' },
      ],
    });
  });

  it('keeps pipelines well-formed and refuses removing a stage in use', async () => {
    t = await bootSales();
    const pipelines = t.data<Pipeline>('pipeline');
    await expect(
      pipelines.create({
        key: 'bad',
        name: 'Bad',
        stages: [
          { key: 'won', name: 'Won', probability: 100, kind: 'won' },
          { key: 'open', name: 'Open', probability: 10 },
          { key: 'lost', name: 'Lost', probability: 0, kind: 'lost' },
        ],
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'stages.1', rule: 'sales.stages' }] });
    const deal = await newDeal({ stage: 'proposal' });
    const [nb] = (await pipelines.find({ where: { key: 'new-business' } })).items;
    await expect(
      pipelines.update(nb?.id as string, { stages: nb?.stages.filter((s) => s.key !== 'proposal') }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(pipelines.update(nb?.id as string, { key: 'nb' })).rejects.toMatchObject({
      errors: [{ path: 'key' }],
    });
    await expect(pipelines.delete(nb?.id as string)).rejects.toMatchObject({ code: 'CONFLICT' });
    await pipelines.update(nb?.id as string, { active: false });
    await expect(newDeal()).rejects.toMatchObject({
      errors: [{ path: 'pipeline', message: expect.stringContaining('inactive') }],
    });
    expect((await move(deal, { stage: 'negotiation' })).stage).toBe('negotiation'); // existing deals move on
  });
});
