import { describe, expect, it } from 'vitest';
import { matchesAny, matchesEvent } from './event-patterns.js';

describe('event patterns', () => {
  it.each([
    ['sales.deal.won', 'sales.deal.won', true],
    ['sales.deal.won', 'sales.deal.lost', false],
    ['sales.deal.*', 'sales.deal.won', true],
    ['sales.deal.*', 'sales.order.placed', false],
    ['sales.*', 'sales.deal.won', true],
    ['sales.*', 'tickets.ticket.created', false],
    ['*.deal.won', 'sales.deal.won', true],
    ['sales.*.won', 'sales.deal.won', true],
    ['sales.*.won', 'sales.deal.lost', false],
    ['*', 'entity.created', true],
    ['sales.deal', 'sales.deal.won', false],
    ['sales.deal.won.*', 'sales.deal.won', false],
  ])('%s against %s is %s', (pattern, name, expected) => {
    expect(matchesEvent(pattern, name)).toBe(expected);
  });

  it('matches when any pattern does', () => {
    expect(matchesAny(['tickets.*', 'sales.deal.won'], 'sales.deal.won')).toBe(true);
    expect(matchesAny(['tickets.*'], 'sales.deal.won')).toBe(false);
  });
});
