// Keeps focus in a part of the page whose buttons change under it: when an action removes the
// button that had focus (Suspend, once suspended), focus goes to the part instead of the page.
import { useEffect, useRef, type RefObject } from 'react';

/** A ref for the part; when `state` changes and nothing has focus, the part takes it. */
export function useKeepFocus<T extends HTMLElement>(state: string): RefObject<T | null> {
  const part = useRef<T>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const focused = document.activeElement;
    if (focused === null || focused === document.body) part.current?.focus();
  }, [state]);
  return part;
}
