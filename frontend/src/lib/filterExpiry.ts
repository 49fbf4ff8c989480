// When a filter ends: the choices the form offers and the seconds each sends as
// `expiresInSeconds` (none when it never ends).

export type ExpiryChoice = 'keep' | 'never' | 'minutes30' | 'hour1' | 'hours6' | 'day1' | 'week1';

const seconds: Record<Exclude<ExpiryChoice, 'keep' | 'never'>, number> = {
  minutes30: 30 * 60,
  hour1: 60 * 60,
  hours6: 6 * 60 * 60,
  day1: 24 * 60 * 60,
  week1: 7 * 24 * 60 * 60,
};

/** The choices for a filter ending at `expiresAt` (null: a new filter, or one without end). */
export function expiryChoices(expiresAt: string | null, now: number = Date.now()): ExpiryChoice[] {
  const fixed: ExpiryChoice[] = ['never', 'minutes30', 'hour1', 'hours6', 'day1', 'week1'];
  return expiresAt !== null && Date.parse(expiresAt) > now ? ['keep', ...fixed] : fixed;
}

/**
 * What `expiresInSeconds` is for `choice`: undefined for never; for keep, what is left of
 * `expiresAt` (an update without it would make the filter last for ever).
 */
export function expiresInSeconds(choice: ExpiryChoice, expiresAt: string | null, now: number = Date.now()): number | undefined {
  if (choice === 'never') return undefined;
  if (choice === 'keep') {
    if (expiresAt === null) return undefined;
    return Math.max(1, Math.ceil((Date.parse(expiresAt) - now) / 1000));
  }
  return seconds[choice];
}
