import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../vocabulary.js';
import { TICKET_TRANSITIONS, transitionProblem } from './status-machine.js';

describe('ticket status machine', () => {
  it('allows the documented moves', () => {
    expect(transitionProblem('new', 'open')).toBeUndefined();
    expect(transitionProblem('open', 'pending')).toBeUndefined();
    expect(transitionProblem('pending', 'open')).toBeUndefined();
    expect(transitionProblem('onHold', 'resolved')).toBeUndefined();
    expect(transitionProblem('resolved', 'reopened')).toBeUndefined();
    expect(transitionProblem('closed', 'reopened')).toBeUndefined();
    expect(transitionProblem('reopened', 'open')).toBeUndefined();
  });
  it('refuses the others with a sentence saying what to do', () => {
    expect(transitionProblem('open', 'new')).toBe(
      "cannot go back to 'new' from 'open': a ticket is new only until it is first worked",
    );
    expect(transitionProblem('closed', 'open')).toBe(
      "cannot move from 'closed' to 'open': reopen it first (status 'reopened')",
    );
    expect(transitionProblem('resolved', 'pending')).toMatch(/reopen it first/);
    expect(transitionProblem('new', 'reopened')).toBe(
      "cannot move from 'new' to 'reopened' (allowed: open, pending, onHold, resolved, closed)",
    );
  });
  it('names every status and refers only to known ones', () => {
    expect(Object.keys(TICKET_TRANSITIONS).sort()).toEqual([...TICKET_STATUSES].sort());
    for (const targets of Object.values(TICKET_TRANSITIONS)) {
      for (const to of targets) expect(TICKET_STATUSES).toContain(to);
    }
  });
});
