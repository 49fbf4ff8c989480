// Relative times.
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { relativeTime } from './time';

const now = Date.parse('2026-06-15T12:00:00Z');

describe('relativeTime', () => {
  it('says just now for the last minute', () => {
    expect(relativeTime('2026-06-15T11:59:30Z', now)).toBe(en.time.justNow);
    // A clock slightly ahead of ours.
    expect(relativeTime('2026-06-15T12:00:05Z', now)).toBe(en.time.justNow);
  });

  it('counts minutes, hours and days', () => {
    expect(relativeTime('2026-06-15T11:55:00Z', now)).toBe('5 min. ago');
    expect(relativeTime('2026-06-15T09:00:00Z', now)).toBe('3 hr. ago');
    expect(relativeTime('2026-06-13T12:00:00Z', now)).toBe('2 days ago');
  });

  it('gives a date after a week', () => {
    expect(relativeTime('2026-05-01T12:00:00Z', now)).toBe('May 1');
    expect(relativeTime('2025-05-01T12:00:00Z', now)).toBe('May 1, 2025');
  });
});
