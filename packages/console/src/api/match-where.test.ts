import { describe, expect, it } from 'vitest';
import { matchesWhere } from './match-where.js';

describe('matchesWhere', () => {
  const lead = { status: 'qualified', score: 70, owner: { team: 'north' } };

  it('matches bare values, eq, ne, in, nin and exists on fields and paths', () => {
    expect(matchesWhere(lead, undefined)).toBe(true);
    expect(matchesWhere(lead, { status: 'qualified' })).toBe(true);
    expect(matchesWhere(lead, { status: 'new' })).toBe(false);
    expect(matchesWhere(lead, { status: { ne: 'converted' } })).toBe(true);
    expect(matchesWhere(lead, { status: { in: ['new', 'qualified'] } })).toBe(true);
    expect(matchesWhere(lead, { status: { nin: ['new', 'qualified'] } })).toBe(false);
    expect(matchesWhere(lead, { dealId: { exists: false } })).toBe(true);
    expect(matchesWhere(lead, { 'owner.team': 'north' })).toBe(true);
  });

  it('combines with and, or and not', () => {
    expect(matchesWhere(lead, { or: [{ status: 'new' }, { score: 70 }] })).toBe(true);
    expect(matchesWhere(lead, { and: [{ status: 'qualified' }, { score: 10 }] })).toBe(false);
    expect(matchesWhere(lead, { not: { status: 'converted' } })).toBe(true);
  });
});
