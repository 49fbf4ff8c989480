// Times as people read them: relative ("5 min. ago"), and absolute for a hover title.
import { en } from '../i18n/en';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always', style: 'short' });
const absolute = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const shortDate = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });
const longDate = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `iso` was, from `now`: seconds show as "just now", a week on as a date. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  const ago = now - then;
  if (ago < MINUTE) return en.time.justNow;
  if (ago < HOUR) return relative.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return relative.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return relative.format(-Math.floor(ago / DAY), 'day');
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? shortDate : longDate).format(then);
}

/** The date and time in full, for a title. */
export function absoluteTime(iso: string): string {
  return absolute.format(Date.parse(iso));
}
