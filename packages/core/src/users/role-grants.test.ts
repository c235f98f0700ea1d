import { describe, expect, it } from 'vitest';
import { coversPermission, permissionsBeyond } from './role-grants.js';

describe('coversPermission', () => {
  it('reads wildcards as the access checks do', () => {
    expect(coversPermission('*:*', '*:*')).toBe(true);
    expect(coversPermission('*:*', 'user:delete')).toBe(true);
    expect(coversPermission('*:read', 'deal:read')).toBe(true);
    expect(coversPermission('*:read', '*:read')).toBe(true);
    expect(coversPermission('*:read', 'user:read')).toBe(false);
    expect(coversPermission('*:read', 'audit:read')).toBe(false);
    expect(coversPermission('*:read', '*:*')).toBe(false);
    expect(coversPermission('deal:*', 'deal:reopen')).toBe(true);
    expect(coversPermission('deal:*', '*:read')).toBe(false);
    expect(coversPermission('deal:read', 'deal:*')).toBe(false);
    expect(coversPermission('deal:read', 'lead:read')).toBe(false);
  });
});

describe('permissionsBeyond', () => {
  const roles = {
    admin: ['*:*'],
    manager: ['*:read', '*:create', 'user:read'],
    rep: ['deal:read', 'deal:create'],
    people: ['user:*', 'deal:read'],
  };
  it('lists what the target roles grant beyond the holder', () => {
    expect(permissionsBeyond(['admin'], ['manager', 'rep'], roles)).toEqual([]);
    expect(permissionsBeyond(['manager'], ['rep'], roles)).toEqual([]);
    expect(permissionsBeyond(['people'], ['rep'], roles)).toEqual(['deal:create']);
    expect(permissionsBeyond(['people'], ['admin'], roles)).toEqual(['*:*']);
    expect(permissionsBeyond(['rep'], [], roles)).toEqual([]);
  });
});
