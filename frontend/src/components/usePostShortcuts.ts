// The keyboard on a list of posts: j/k move between them, o, r, f and b press the focused
// post's controls, ? asks for the list of shortcuts.
import { useEffect, useState, type RefObject } from 'react';
import { nextFocusIndex, shortcutFor } from '../lib/shortcuts';

/** Listens for shortcuts over the posts (`[data-post]`) inside `list`; says when help is asked for. */
export function usePostShortcuts(list: RefObject<HTMLElement | null>): { helpOpen: boolean; closeHelp: () => void } {
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const container = list.current;
      if (event.defaultPrevented || container === null) return;
      // A dialog or menu open above the list has the keyboard to itself.
      if (event.target instanceof Element && event.target.closest('dialog, [role="menu"]') !== null) return;
      const shortcut = shortcutFor(event);
      if (shortcut === null) return;
      if (shortcut === 'help') {
        event.preventDefault();
        setHelpOpen(true);
        return;
      }
      const posts = Array.from(container.querySelectorAll<HTMLElement>('[data-post]'));
      const active = document.activeElement;
      const current = active instanceof Element ? active.closest<HTMLElement>('[data-post]') : null;
      // On a page of several lists (pinned notes above the others), the focused post's list acts.
      if (current !== null && !container.contains(current)) return;
      const index = current === null ? -1 : posts.indexOf(current);
      if (shortcut === 'next' || shortcut === 'previous') {
        const target = posts[nextFocusIndex(index, posts.length, shortcut)];
        if (target === undefined) return;
        event.preventDefault();
        target.focus({ preventScroll: true });
        // At once, not smoothly: the list puts in the page the posts near the viewport, so the
        // next one is there only once the viewport has come to this one.
        target.scrollIntoView?.({ block: 'nearest', behavior: 'instant' });
        return;
      }
      if (current === null || index < 0) return;
      const control = current.querySelector<HTMLElement>(`[data-shortcut="${shortcut}"]`);
      if (control === null) return;
      event.preventDefault();
      control.click();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [list]);

  return { helpOpen, closeHelp: () => setHelpOpen(false) };
}
