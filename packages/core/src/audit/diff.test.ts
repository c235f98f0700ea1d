import { describe, expect, it } from 'vitest';
import { diffRecords } from './diff.js';

const base = { id: 'a', name: 'Ada', tags: ['x'], address: { city: 'Berlin' }, note: null, version: 1 };

describe('diffRecords', () => {
  it('lists every field of a create with from: null, leaving out updatedAt and version', () => {
    expect(diffRecords(undefined, { ...base, updatedAt: 't', skipped: undefined })).toEqual({
      address: { from: null, to: { city: 'Berlin' } },
      id: { from: null, to: 'a' },
      name: { from: null, to: 'Ada' },
      note: { from: null, to: null },
      tags: { from: null, to: ['x'] },
    });
  });

  it('lists every field of a delete with to: null', () => {
    expect(Object.keys(diffRecords(base, undefined))).toEqual(['address', 'id', 'name', 'note', 'tags']);
    expect(diffRecords(base, undefined).name).toEqual({ from: 'Ada', to: null });
  });

  it('lists only what an update changed, comparing nested values deeply', () => {
    const after = { ...base, address: { city: 'Berlin' }, tags: ['x', 'y'], name: 'Ada L.', version: 2 };
    delete (after as Partial<typeof after>).note;
    expect(diffRecords(base, after)).toEqual({
      name: { from: 'Ada', to: 'Ada L.' },
      note: { from: null, to: null },
      tags: { from: ['x'], to: ['x', 'y'] },
    });
  });
});
