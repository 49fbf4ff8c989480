// Keyboard shortcuts for lists of posts: which action a key press asks for, and where focus goes next.

/** What a shortcut does on a timeline. */
export type Shortcut = 'next' | 'previous' | 'open' | 'reply' | 'favourite' | 'boost' | 'help';

/** The parts of a key press the shortcuts read. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

const keys: Readonly<Record<string, Shortcut>> = {
  j: 'next',
  k: 'previous',
  o: 'open',
  Enter: 'open',
  r: 'reply',
  f: 'favourite',
  b: 'boost',
  '?': 'help',
};

/** Whether `target` takes typed text: a text field, a list box or an editable element. */
export function isTyping(target: EventTarget | null): boolean {
  if (target === null || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

/**
 * The shortcut `press` asks for, or null: none while typing or with Ctrl, Alt or Meta held
 * (Shift is how `?` is typed), and Enter only on a post itself, not on a control inside it.
 */
export function shortcutFor(press: KeyPress): Shortcut | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (isTyping(press.target)) return null;
  const shortcut = keys[press.key];
  if (shortcut === undefined) return null;
  if (press.key === 'Enter' && !isPost(press.target)) return null;
  return shortcut;
}

/** Whether `target` is a post of a timeline (an element marked `data-post`). */
export function isPost(target: EventTarget | null): boolean {
  return target !== null && (target as Element).matches?.('[data-post]') === true;
}

/**
 * The index of the post to focus among `count`, moving one step from `current` (-1: none is
 * focused, so the first); it stays within the list.
 */
export function nextFocusIndex(current: number, count: number, direction: 'next' | 'previous'): number {
  if (count === 0) return -1;
  if (current < 0) return 0;
  const step = direction === 'next' ? current + 1 : current - 1;
  return Math.min(count - 1, Math.max(0, step));
}
