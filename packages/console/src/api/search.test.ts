import { describe, expect, it } from 'vitest';
import { allOf, listUrl, withCaller } from './records.js';
import { recordLabel, searchWhere } from './search.js';

describe('search and list queries', () => {
  it('looks for text as typed, in lower case and capitalised, in every search field', () => {
    expect(searchWhere({ search: ['name', 'email'] }, 'li wei')).toEqual({
      or: [
        { name: { contains: 'li wei' } },
        { name: { contains: 'Li Wei' } },
        { email: { contains: 'li wei' } },
        { email: { contains: 'Li Wei' } },
      ],
    });
    expect(searchWhere({ search: ['name'] }, '  ')).toBeUndefined();
    expect(searchWhere({ search: [] }, 'x')).toBeUndefined();
  });

  it('finds a phone number typed with spaces, brackets, dashes or a leading 0 by its digits', () => {
    const where = searchWhere({ search: ['phone'] }, '(030) 123-45 67');
    expect(where).toEqual({
      or: [{ phone: { contains: '0301234567' } }, { phone: { contains: '301234567' } }],
    });
    expect(searchWhere({ search: ['phone'] }, '+86 138 0013 8000')).toEqual({
      or: [{ phone: { contains: '+8613800138000' } }],
    });
  });

  it('names a record by its name, title or subject, else its id', () => {
    expect(recordLabel(undefined, { id: '1', version: 1, createdAt: '', updatedAt: '', title: 'Deal' })).toBe(
      'Deal',
    );
    expect(
      recordLabel(
        { search: ['email'] },
        { id: '1', version: 1, createdAt: '', updatedAt: '', email: 'a@b.c' },
      ),
    ).toBe('a@b.c');
    expect(recordLabel(undefined, { id: '1', version: 1, createdAt: '', updatedAt: '' })).toBe('1');
  });

  it('writes list URLs in the query language, and fills $me', () => {
    expect(
      listUrl(
        { path: 'deals' },
        { where: { stage: { eq: 'won' } }, sort: ['-amount.amount', 'id'], limit: 100, cursor: 'abc' },
      ),
    ).toBe(
      `/api/deals?where=${encodeURIComponent('{"stage":{"eq":"won"}}')}&sort=-amount.amount%2Cid&limit=100&cursor=abc`,
    );
    expect(listUrl({ path: 'deals' }, { where: {} })).toBe('/api/deals');
    expect(allOf(undefined, { a: 1 }, {})).toEqual({ a: 1 });
    expect(allOf({ a: 1 }, { b: 2 })).toEqual({ and: [{ a: 1 }, { b: 2 }] });
    expect(withCaller({ or: [{ ownerId: '$me' }, { team: 'n' }] }, 'u7')).toEqual({
      or: [{ ownerId: 'u7' }, { team: 'n' }],
    });
  });
});
