// Message formatting: arguments and plurals.
import { describe, expect, it } from 'vitest';
import { format } from './format';

describe('format', () => {
  it('fills arguments', () => {
    expect(format('{name} boosted', { name: 'Alice' })).toBe('Alice boosted');
    expect(format('no arguments')).toBe('no arguments');
  });

  it('chooses plural forms', () => {
    const message = 'Show {count, plural, one {# new post} other {# new posts}}';
    expect(format(message, { count: 1 })).toBe('Show 1 new post');
    expect(format(message, { count: 3 })).toBe('Show 3 new posts');
    expect(format(message, { count: 1200 })).toBe('Show 1,200 new posts');
    expect(format('{n, plural, =0 {none} other {#}}', { n: 0 })).toBe('none');
  });
});
