// When an announcement is shown: from its start (none: at once) until its end (none: until
// taken down), unless the reader dismissed it; and its times as a datetime-local field holds them.

export interface Timed {
  readonly startsAt?: string | null;
  readonly endsAt?: string | null;
}

/** Whether `announcement` is shown at `now`: started (or no start) and not ended (or no end). */
export function isCurrent(announcement: Timed, now: number): boolean {
  const { startsAt, endsAt } = announcement;
  if (startsAt !== null && startsAt !== undefined && Date.parse(startsAt) > now) return false;
  return endsAt === null || endsAt === undefined || Date.parse(endsAt) > now;
}

/** The announcements a reader sees at `now`: current and not dismissed, in the order given. */
export function shownAnnouncements<T extends Timed & { readonly read: boolean }>(announcements: readonly T[], now: number): T[] {
  return announcements.filter((announcement) => !announcement.read && isCurrent(announcement, now));
}

/** When (epoch milliseconds) the next of the unread announcements starts or ends after `now`; null when none will. */
export function nextChange(announcements: readonly (Timed & { readonly read: boolean })[], now: number): number | null {
  let next: number | null = null;
  for (const announcement of announcements) {
    if (announcement.read) continue;
    for (const time of [announcement.startsAt, announcement.endsAt]) {
      if (time === null || time === undefined) continue;
      const at = Date.parse(time);
      if (at > now && (next === null || at < next)) next = at;
    }
  }
  return next;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** An instant as a datetime-local field shows it, in the browser's time zone; "" for none. */
export function toLocalInput(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A datetime-local field's value (the browser's time zone) as an ISO instant: null when
 * empty, undefined when it is no date.
 */
export function fromLocalInput(value: string): string | null | undefined {
  if (value.trim() === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value.trim())) return undefined;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
