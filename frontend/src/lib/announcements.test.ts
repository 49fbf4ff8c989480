// An announcement shows from its start until its end unless dismissed; the next start or end
// is when the banner looks again; times go to and from datetime-local fields unchanged.
import { describe, expect, it } from 'vitest';
import { fromLocalInput, isCurrent, nextChange, shownAnnouncements, toLocalInput } from './announcements';

const now = Date.parse('2026-12-07T12:00:00Z');
const hour = 3_600_000;
const at = (offset: number) => new Date(now + offset).toISOString();

describe('announcement times', () => {
  it('shows one from its start (none: at once) until its end (none: until taken down)', () => {
    expect(isCurrent({ startsAt: null, endsAt: null }, now)).toBe(true);
    expect(isCurrent({}, now)).toBe(true);
    expect(isCurrent({ startsAt: at(-hour), endsAt: at(hour) }, now)).toBe(true);
    // The start is in, the end is out.
    expect(isCurrent({ startsAt: at(0), endsAt: null }, now)).toBe(true);
    expect(isCurrent({ startsAt: null, endsAt: at(0) }, now)).toBe(false);
    expect(isCurrent({ startsAt: at(hour), endsAt: null }, now)).toBe(false);
    expect(isCurrent({ startsAt: null, endsAt: at(-hour) }, now)).toBe(false);
  });

  it('shows the current ones not dismissed, in the order given', () => {
    const list = [
      { id: 'a', read: false, startsAt: null, endsAt: null },
      { id: 'b', read: true, startsAt: null, endsAt: null },
      { id: 'c', read: false, startsAt: at(hour), endsAt: null },
      { id: 'd', read: false, startsAt: null, endsAt: at(-1) },
      { id: 'e', read: false, startsAt: at(-hour), endsAt: at(hour) },
    ];
    expect(shownAnnouncements(list, now).map((item) => item.id)).toEqual(['a', 'e']);
    expect(shownAnnouncements(list, now + 2 * hour).map((item) => item.id)).toEqual(['a', 'c']);
  });

  it('finds the next start or end of an unread announcement', () => {
    const list = [
      { read: false, startsAt: at(3 * hour), endsAt: at(5 * hour) },
      { read: false, startsAt: at(-hour), endsAt: at(2 * hour) },
      { read: true, startsAt: at(hour), endsAt: null },
    ];
    expect(nextChange(list, now)).toBe(now + 2 * hour);
    expect(nextChange(list, now + 2 * hour)).toBe(now + 3 * hour);
    expect(nextChange(list, now + 5 * hour)).toBeNull();
    expect(nextChange([{ read: false, startsAt: null, endsAt: null }], now)).toBeNull();
  });

  it('turns datetime-local values into instants and back', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('  ')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeUndefined();
    expect(fromLocalInput('2026-13-45T99:00')).toBeUndefined();
    const local = '2026-12-24T18:30';
    const instant = fromLocalInput(local);
    expect(instant).toBe(new Date(2026, 11, 24, 18, 30).toISOString());
    expect(toLocalInput(instant)).toBe(local);
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('not a date')).toBe('');
  });
});
