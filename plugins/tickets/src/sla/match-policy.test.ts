import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../entities/sla-policy.js';
import { matchPolicy } from './match-policy.js';

const policy = (key: string, order: number, match?: SlaPolicy['match'], active = true): SlaPolicy => ({
  key,
  name: key,
  order,
  calendar: 'office',
  ...(match ? { match } : {}),
  active,
});

describe('matchPolicy', () => {
  const policies = [
    policy('fallback', 100),
    policy('key-accounts', 5, { segments: ['key-account'] }),
    policy('urgent', 10, { priorities: ['urgent'] }),
    policy('a-complaints', 1, { abcClasses: ['A'], types: ['complaint'] }),
    policy('retired', 0, {}, false),
  ];
  it('takes the first match in ascending order, every condition holding', () => {
    expect(matchPolicy(policies, { priority: 'urgent', type: 'complaint', abcClass: 'A' })?.key).toBe(
      'a-complaints',
    );
    expect(matchPolicy(policies, { priority: 'urgent', type: 'inquiry', abcClass: 'A' })?.key).toBe('urgent');
    expect(matchPolicy(policies, { priority: 'urgent', type: 'repair', tags: ['key-account'] })?.key).toBe(
      'key-accounts',
    );
    expect(matchPolicy(policies, { priority: 'low', type: 'repair' })?.key).toBe('fallback');
  });
  it('skips inactive policies and answers undefined when none matches', () => {
    expect(matchPolicy(policies.slice(1, 3), { priority: 'low', type: 'repair' })).toBeUndefined();
  });
});
