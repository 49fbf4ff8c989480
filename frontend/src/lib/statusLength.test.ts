// The character counter agrees with the server's own examples of how it counts.
import { describe, expect, it } from 'vitest';
import { statusLength, textLength, trimUrl } from './statusLength';

describe('textLength', () => {
  it('counts characters', () => {
    expect(textLength('')).toBe(0);
    expect(textLength('hello')).toBe(5);
    expect(textLength('café 日本')).toBe(7);
    expect(textLength('#tag @alice')).toBe(11);
  });

  it('counts every URL as 23', () => {
    expect(textLength('https://x.org')).toBe(23);
    expect(textLength('see https://example.org/a/very/long/path/that/goes/on/and/on.')).toBe(
      4 + 23 + 1,
    );
    expect(textLength('http://a.b http://c.d')).toBe(23 + 1 + 23);
    expect(textLength('HTTPS://X.ORG!?')).toBe(23 + 2);
  });

  it('counts a URL as the instance says', () => {
    expect(textLength('https://x.org', 30)).toBe(30);
  });

  it('counts what readers see as one character once', () => {
    const family = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}';
    expect(textLength(family)).toBe(1);
    expect(textLength(family.repeat(715))).toBe(715);
    expect(textLength('e\u0301')).toBe(1);
    expect(textLength('\u{1F1EB}\u{1F1F7}')).toBe(1);
    expect(textLength('\u{1F44B}\u{1F3FD} https://x.org')).toBe(1 + 1 + 23);
  });

  it('counts remote mentions as local ones', () => {
    expect(textLength('@alice@example.org hi')).toBe(textLength('@alice hi'));
    expect(textLength('@bob@localhost:8080')).toBe(4);
    expect(textLength('bob@example.org')).toBe(15);
  });

  it('does not take URLs where the server does not', () => {
    // Glued to a word: not a URL.
    expect(textLength('xhttps://x.org')).toBe(14);
    // No host.
    expect(textLength('https://')).toBe(8);
    // A mention in a URL's path is part of the URL.
    expect(textLength('https://x.org/@alice/#tag @bob')).toBe(23 + 5);
  });
});

describe('trimUrl', () => {
  it('drops trailing punctuation and unmatched closing brackets', () => {
    expect(trimUrl('https://example.org/a?b=c&d=e#f.')).toBe('https://example.org/a?b=c&d=e#f');
    expect(trimUrl('http://x.org/path)')).toBe('http://x.org/path');
    expect(trimUrl('https://en.wikipedia.org/wiki/Rust_(language)).')).toBe(
      'https://en.wikipedia.org/wiki/Rust_(language)',
    );
  });
});

describe('statusLength', () => {
  it('adds the content warning', () => {
    expect(statusLength('hello https://x.org', 'spoilers')).toBe(6 + 23 + 8);
  });
});
