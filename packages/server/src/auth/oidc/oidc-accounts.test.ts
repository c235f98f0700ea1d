import { describe, expect, it } from 'vitest';
import { groupsOf, rolesAfterSignIn } from './oidc-accounts.js';
import { localReturnTo } from './return-to.js';

describe('provider roles and return paths', () => {
  const roleMap = { 'crm-managers': ['manager'], 'crm-agents': ['agent', 'viewer'], toString: ['admin'] };

  it("keeps roles the map does not name, and sets the map's roles from the groups", () => {
    expect(rolesAfterSignIn(['rep', 'manager'], ['crm-agents'], roleMap).sort()).toEqual([
      'agent',
      'rep',
      'viewer',
    ]);
    expect(rolesAfterSignIn(['agent', 'viewer'], [], roleMap)).toEqual([]);
    expect(rolesAfterSignIn([], ['crm-managers', 'crm-managers', 'unknown'], roleMap)).toEqual(['manager']);
    // A group named like an Object.prototype member is only a group when the map has it as its own.
    expect(rolesAfterSignIn([], ['constructor', 'hasOwnProperty'], roleMap)).toEqual([]);
  });

  it('reads groups from a list or one string, ignoring anything else', () => {
    expect(groupsOf({ sub: 'a', groups: ['x', 2, 'y'] }, 'groups')).toEqual(['x', 'y']);
    expect(groupsOf({ sub: 'a', roles: 'crm-managers' }, 'roles')).toEqual(['crm-managers']);
    expect(groupsOf({ sub: 'a', groups: { x: true } }, 'groups')).toEqual([]);
    expect(groupsOf({ sub: 'a' }, 'groups')).toEqual([]);
  });

  it('keeps local paths as they are and refuses every way off the site', () => {
    expect(localReturnTo(undefined)).toBe('/console/');
    expect(localReturnTo('')).toBe('/console/');
    expect(localReturnTo('/console/records/deals?stage=won#top')).toBe(
      '/console/records/deals?stage=won#top',
    );
    expect(localReturnTo('/console/../api/me')).toBe('/api/me');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'evil',
      '/a\tb',
      `/${'x'.repeat(1_000)}`,
    ]) {
      expect(() => localReturnTo(bad), bad).toThrow(/returnTo/);
    }
  });
});
