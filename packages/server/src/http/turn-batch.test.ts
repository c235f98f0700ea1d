import { describe, expect, it } from 'vitest';
import { endOfTurn } from './turn-batch.js';

describe('endOfTurn', () => {
  it('gives every caller of one turn the same promise, resolved after the pending I/O callbacks', async () => {
    const order: string[] = [];
    const first = endOfTurn();
    const second = endOfTurn();
    expect(second).toBe(first);
    setTimeout(() => order.push('timer'), 0);
    const done = first.then(() => order.push('turn'));
    order.push('sync');
    await done;
    expect(order[0]).toBe('sync');
    expect(order).toContain('turn');
  });

  it('starts a new turn once the last one has ended', async () => {
    const first = endOfTurn();
    await first;
    const next = endOfTurn();
    expect(next).not.toBe(first);
    await next;
  });
});
