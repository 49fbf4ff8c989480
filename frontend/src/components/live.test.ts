// The queue of posts waiting to be shown.
import { describe, expect, it } from 'vitest';
import { enqueue } from './live';

describe('enqueue', () => {
  it('appends new ids in order and skips those already waiting', () => {
    expect(enqueue([], ['a'])).toEqual(['a']);
    expect(enqueue(['a', 'b'], ['b', 'c', 'a', 'd'])).toEqual(['a', 'b', 'c', 'd']);
  });
});
