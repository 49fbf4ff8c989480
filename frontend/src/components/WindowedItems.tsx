// The items of a long list that are near the viewport, in order, between two spacers that keep
// the height of the others, so that a timeline of thousands of posts scrolls as one of forty.
import { Children, isValidElement, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { listWindow, sameWindow, type ListWindow } from '../lib/windowing';

/** A post's height before it has been measured. */
const estimatedHeight = 180;
/** How far past each edge of the viewport items stay rendered. */
const overscan = 1200;
/** How many items the first render holds, before the viewport has been measured. */
const firstCount = 20;

/** Each child, with its key, in a `.timeline__item` of its own; only those near the viewport are in the page. */
export function WindowedItems({ children }: { children: ReactNode }) {
  const items = Children.toArray(children);
  const keys = items.map((item, index) => (isValidElement(item) && item.key !== null ? String(item.key) : `#${index}`));
  // The keys as one value, so that effects rerun when the list changes and not at every render.
  const keyList = keys.join(' ');
  const heights = useRef(new Map<string, number>());
  const keysPlaced = useRef<readonly string[]>([]);
  const before = useRef<HTMLDivElement>(null);
  const after = useRef<HTMLDivElement>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const [shown, setShown] = useState<ListWindow>(() => ({
    start: 0,
    end: Math.min(items.length, firstCount),
    before: 0,
    after: 0,
  }));
  const windowed = typeof ResizeObserver !== 'undefined';

  const place = useCallback(() => {
    const spacer = before.current;
    if (spacer === null) return;
    const top = -spacer.getBoundingClientRect().top;
    const measured = keysPlaced.current.map((key) => heights.current.get(key) ?? estimatedHeight);
    const next = listWindow(measured, top, top + window.innerHeight, overscan);
    setShown((current) => (sameWindow(current, next) ? current : next));
  }, []);

  // More loaded, new ones shown, one deleted: the window is placed again before the browser paints.
  useLayoutEffect(() => {
    keysPlaced.current = keyList === '' ? [] : keyList.split(' ');
    if (windowed) place();
  }, [keyList, windowed, place]);

  useEffect(() => {
    if (!windowed) return undefined;
    let frame = 0;
    const schedule = () => {
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          place();
        });
      }
    };
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, [windowed, place]);

  useLayoutEffect(() => {
    if (before.current !== null) before.current.style.height = `${shown.before}px`;
    if (after.current !== null) after.current.style.height = `${shown.after}px`;
  }, [shown]);

  // Each rendered item's height is kept as it changes (pictures load, a post unfolds), and
  // the window placed again. Every item stops being watched as it leaves the page.
  const measure = useCallback(
    (element: HTMLDivElement | null) => {
      if (element === null || typeof ResizeObserver === 'undefined') return undefined;
      observer.current ??= new ResizeObserver((entries) => {
        let changed = false;
        for (const entry of entries) {
          const key = (entry.target as HTMLElement).dataset.key;
          const height = entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height;
          if (key !== undefined && height > 0 && heights.current.get(key) !== height) {
            heights.current.set(key, height);
            changed = true;
          }
        }
        if (changed) place();
      });
      const watching = observer.current;
      watching.observe(element);
      return () => watching.unobserve(element);
    },
    [place],
  );

  const start = windowed ? Math.min(shown.start, items.length) : 0;
  const end = windowed ? Math.min(shown.end, items.length) : items.length;
  return (
    <>
      <div
        ref={before}
        className={shown.before > 0 ? 'timeline__spacer timeline__spacer--filled' : 'timeline__spacer'}
        aria-hidden="true"
      />
      {items.slice(start, end).map((item, offset) => (
        <div key={keys[start + offset]} ref={measure} className="timeline__item" data-key={keys[start + offset]}>
          {item}
        </div>
      ))}
      <div ref={after} className="timeline__spacer" aria-hidden="true" />
    </>
  );
}
