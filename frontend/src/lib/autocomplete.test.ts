// The composer completes the mention or hashtag at the caret, and arrow keys move through offers.
import { describe, expect, it } from 'vitest';
import { acctMatches, complete, moveActive, searchTermOf, typedAt } from './autocomplete';

describe('typedAt', () => {
  it('finds a mention or hashtag ending at the caret', () => {
    expect(typedAt('hello @ali', 10)).toEqual({ kind: 'mention', query: 'ali', start: 6, end: 10 });
    expect(typedAt('#roo', 4)).toEqual({ kind: 'hashtag', query: 'roo', start: 0, end: 4 });
    expect(typedAt('hi @bob@other.ex', 16)).toEqual({ kind: 'mention', query: 'bob@other.ex', start: 3, end: 16 });
    expect(typedAt('café #über', 10)).toEqual({ kind: 'hashtag', query: 'über', start: 5, end: 10 });
  });

  it('offers nothing inside words, addresses, links or after a space', () => {
    expect(typedAt('mail me@example', 15)).toBeNull();
    expect(typedAt('https://x.example/#frag', 23)).toBeNull();
    expect(typedAt('@alice ', 7)).toBeNull();
    expect(typedAt('@alice', 3)).toBeNull();
    expect(typedAt('just text', 9)).toBeNull();
    expect(typedAt('@', 1)).toBeNull();
  });

  it('searches a handle by its user part and matches its domain here', () => {
    const typed = typedAt('@bob@oth', 8);
    if (typed === null) throw new Error('no mention found');
    expect(searchTermOf(typed)).toBe('bob');
    expect(acctMatches('bob@other.example', typed)).toBe(true);
    expect(acctMatches('bob@elsewhere.example', typed)).toBe(false);
    expect(acctMatches('bob', typed)).toBe(false);
  });
});

describe('complete', () => {
  it('replaces the typed token and puts the caret after a space', () => {
    const text = 'hi @al and more';
    const typed = typedAt(text, 6);
    if (typed === null) throw new Error('no mention found');
    expect(complete(text, typed, 'alice@other.example')).toEqual({
      text: 'hi @alice@other.example and more',
      caret: 24,
    });
    const tag = typedAt('#bir', 4);
    if (tag === null) throw new Error('no hashtag found');
    expect(complete('#bir', tag, 'birds')).toEqual({ text: '#birds ', caret: 7 });
  });
});

describe('moveActive', () => {
  it('wraps around both ways', () => {
    expect(moveActive(-1, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(2, 3, 'ArrowDown')).toBe(0);
    expect(moveActive(0, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(-1, 3, 'ArrowUp')).toBe(2);
    expect(moveActive(1, 3, 'ArrowUp')).toBe(0);
    expect(moveActive(0, 0, 'ArrowDown')).toBe(-1);
  });
});
