// A filter's end as the form sends it.
import { describe, expect, it } from 'vitest';
import { expiresInSeconds, expiryChoices } from './filterExpiry';

const now = Date.parse('2026-05-01T12:00:00Z');

describe('expiryChoices', () => {
  it('offers keeping the end only while a filter has one still to come', () => {
    expect(expiryChoices(null, now)).toEqual(['never', 'minutes30', 'hour1', 'hours6', 'day1', 'week1']);
    expect(expiryChoices('2026-05-01T13:00:00Z', now)[0]).toBe('keep');
    expect(expiryChoices('2026-05-01T11:00:00Z', now)).not.toContain('keep');
  });
});

describe('expiresInSeconds', () => {
  it('sends nothing for a filter that never ends', () => {
    expect(expiresInSeconds('never', '2026-05-01T13:00:00Z', now)).toBeUndefined();
  });

  it('sends each period in seconds', () => {
    expect(expiresInSeconds('minutes30', null, now)).toBe(1800);
    expect(expiresInSeconds('hour1', null, now)).toBe(3600);
    expect(expiresInSeconds('hours6', null, now)).toBe(21600);
    expect(expiresInSeconds('day1', null, now)).toBe(86400);
    expect(expiresInSeconds('week1', null, now)).toBe(604800);
  });

  it('keeps an end by sending what is left of it', () => {
    expect(expiresInSeconds('keep', '2026-05-01T12:45:00.500Z', now)).toBe(2701);
    expect(expiresInSeconds('keep', '2026-05-01T11:00:00Z', now)).toBe(1);
  });
});
