import { afterEach, describe, expect, it } from 'vitest';
import { TICKETS } from '../service.js';
import { bootTickets } from '../test-support/boot.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('ratings', () => {
  it('refuses a score outside 1–5, naming the field', async () => {
    const t = await bootTickets();
    stop = () => t.stop();
    await expect(t.kernel.resolve(TICKETS).rate('x', { score: 6 })).rejects.toThrow(
      'score must be an integer from 1 to 5',
    );
  });
});
