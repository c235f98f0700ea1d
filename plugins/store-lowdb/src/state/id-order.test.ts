import { describe, expect, it } from 'vitest';
import { IdOrder } from './id-order.js';

describe('the id order', () => {
  it('sorts by code unit, walks from a cursor both ways, and keeps inserts and deletes in place', () => {
    const order = new IdOrder(['b', 'd', 'a', 'c']);
    expect([...order.walk(false)]).toEqual(['a', 'b', 'c', 'd']);
    expect([...order.walk(true)]).toEqual(['d', 'c', 'b', 'a']);
    expect([...order.walk(false, 'b')]).toEqual(['c', 'd']);
    expect([...order.walk(true, 'c')]).toEqual(['b', 'a']);
    // a cursor that is no longer there (its record deleted) starts at its place all the same
    expect([...order.walk(false, 'bb')]).toEqual(['c', 'd']);
    expect([...order.walk(true, 'bb')]).toEqual(['b', 'a']);

    order.add('e'); // the common case: a growing UUIDv7 appends
    order.add('ab'); // an import's older id: inserted in place
    order.add('c'); // already there: nothing changes
    order.remove('b');
    order.remove('zz');
    expect([...order.walk(false)]).toEqual(['a', 'ab', 'c', 'd', 'e']);
    expect(order.size).toBe(5);
    // upper case sorts before lower case, as the query language compares strings
    expect([...new IdOrder(['a', 'B', '0']).walk(false)]).toEqual(['0', 'B', 'a']);
  });
});
