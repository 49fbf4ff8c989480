// The name an account goes by on screen: its display name, or its username without one.
import { describe, expect, it } from 'vitest';
import { shownName } from './shownName';

describe('shownName', () => {
  it('is the display name when there is one', () => {
    expect(shownName({ username: 'alice', displayName: 'Alice Liddell' })).toBe('Alice Liddell');
  });

  it('is the username when the display name is empty', () => {
    expect(shownName({ username: 'alice', displayName: '' })).toBe('alice');
  });
});
