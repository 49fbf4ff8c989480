// How long a new invite or sign-up block lasts: the choices of a select, and the moment the
// one chosen ends, as the ISO `expiresAt` the server takes.
import type { ReactNode } from 'react';
import { expiryLabels } from '../../i18n/adminSignUpsText';

export type Expiry = keyof typeof expiryLabels;
export const expiries = Object.keys(expiryLabels) as Expiry[];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const durations: Record<Expiry, number | null> = {
  never: null,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '6h': 6 * HOUR,
  '12h': 12 * HOUR,
  '1d': 24 * HOUR,
  '1w': 7 * 24 * HOUR,
};

function isExpiry(value: string): value is Expiry {
  return (expiries as string[]).includes(value);
}

/** The moment `expiry` from `now` ends; null for never. */
export function expiresAt(expiry: Expiry, now: number = Date.now()): string | null {
  const duration = durations[expiry];
  return duration === null ? null : new Date(now + duration).toISOString();
}

/** The select of how long something lasts, with the server's refusal of it (`error`) beneath. */
export function ExpirySelect({
  id,
  label,
  value,
  onChange,
  describedBy,
  error,
}: {
  id: string;
  label: string;
  value: Expiry;
  onChange: (value: Expiry) => void;
  describedBy?: string;
  error?: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="input"
        value={value}
        aria-invalid={describedBy === undefined ? undefined : true}
        aria-describedby={describedBy}
        onChange={(event) => {
          if (isExpiry(event.target.value)) onChange(event.target.value);
        }}
      >
        {expiries.map((item) => (
          <option key={item} value={item}>
            {expiryLabels[item]}
          </option>
        ))}
      </select>
      {error}
    </div>
  );
}
