// The queue of posts waiting to be shown.
import { describe, expect, it } from 'vitest';
import { enqueue, newerThanKnown } from './live';

describe('enqueue', () => {
  it('appends new ids in order and skips those already waiting', () => {
    expect(enqueue([], ['a'])).toEqual(['a']);
    expect(enqueue(['a', 'b'], ['b', 'c', 'a', 'd'])).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('newerThanKnown', () => {
  it('keeps what came before the newest post known, oldest first', () => {
    expect(newerThanKnown(['d', 'c', 'b', 'a'], new Set(['b', 'a']), 40)).toEqual({ ids: ['c', 'd'], gap: false });
    expect(newerThanKnown(['b', 'a'], new Set(['b']), 40)).toEqual({ ids: [], gap: false });
  });

  it('takes everything from a timeline that showed nothing', () => {
    expect(newerThanKnown(['b', 'a'], new Set(), 40)).toEqual({ ids: ['a', 'b'], gap: false });
  });

  it('says posts may be missing when a full page reaches none known', () => {
    expect(newerThanKnown(['c', 'b'], new Set(['a']), 2)).toEqual({ ids: ['b', 'c'], gap: true });
    expect(newerThanKnown(['c', 'b'], new Set(['b']), 2)).toEqual({ ids: ['c'], gap: false });
  });
});
