// A time shown relative to now, with the full date and time on hover.
import { useEffect, useState } from 'react';
import { absoluteTime, relativeTime } from '../lib/time';

const TICK_MS = 60_000;

export function RelativeTime({ iso }: { iso: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}
