import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { NpsResponse } from './response-entity.js';
import { answer, npsKernel } from './test-support.js';

describe('rules on NPS answers', () => {
  let t: TestKernel;
  afterEach(() => t.stop());

  it('refuses a score outside 0–10, an unknown customer and a future answer, naming the field', async () => {
    t = await npsKernel();
    const customerId = await answer(t, []);
    const answers = t.data<NpsResponse>('npsResponse');
    const at = '2026-04-10T08:00:00.000Z';
    await expect(answers.create({ customerId, score: 11, answeredAt: at })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'score' })],
    });
    await expect(answers.create({ customerId: 'nobody', score: 9, answeredAt: at })).rejects.toMatchObject({
      errors: [{ path: 'customerId', rule: 'nps.customer', message: 'is not a customer' }],
    });
    await expect(
      answers.create({ customerId, score: 9, answeredAt: '2026-04-11T09:00:00.000Z' }),
    ).rejects.toMatchObject({ errors: [{ path: 'answeredAt', rule: 'nps.time' }] });
    const kept = await answers.create({ customerId, score: 9, answeredAt: at, comment: 'Quick and kind' });
    expect(kept).toMatchObject({ score: 9, comment: 'Quick and kind' });
    await expect(answers.update(kept.id, { customerId: 'nobody' })).rejects.toMatchObject({
      errors: [{ path: 'customerId', rule: 'nps.customer' }],
    });
  });
});
