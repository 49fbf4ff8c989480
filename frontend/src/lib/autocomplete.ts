// What the composer offers to complete: the @mention or #hashtag being typed at the caret.

export interface Typed {
  kind: 'mention' | 'hashtag';
  /** What follows the `@` or `#`. */
  query: string;
  /** Where the token starts (at its `@` or `#`) and ends in the text. */
  start: number;
  end: number;
}

const MENTION = /(?:^|[^\p{L}\p{N}_/@])@([A-Za-z0-9_][A-Za-z0-9_.-]*(?:@[\p{L}\p{N}.:-]*)?)$/u;
const HASHTAG = /(?:^|[^\p{L}\p{N}_/#&])#([\p{L}\p{M}\p{N}_]+)$/u;

/** The mention or hashtag that ends at `caret`, if one is being typed there. */
export function typedAt(text: string, caret: number): Typed | null {
  const before = text.slice(0, caret);
  const after = text.slice(caret);
  // The caret must be at the end of the word.
  if (/^[\p{L}\p{N}_]/u.test(after)) return null;
  for (const [kind, pattern] of [['mention', MENTION], ['hashtag', HASHTAG]] as const) {
    const found = pattern.exec(before);
    if (found?.[1] !== undefined) {
      return { kind, query: found[1], start: caret - found[1].length - 1, end: caret };
    }
  }
  return null;
}

/** What to ask `search` for: a handle's domain part is matched here, not looked up remotely. */
export function searchTermOf(typed: Typed): string {
  return typed.kind === 'mention' ? (typed.query.split('@')[0] ?? '') : typed.query;
}

/** Whether a found account's handle fits what was typed (its domain part too). */
export function acctMatches(acct: string, typed: Typed): boolean {
  return acct.toLowerCase().startsWith(typed.query.toLowerCase());
}

/** The text with `typed` replaced by `@acct ` or `#name `, and where the caret goes. */
export function complete(text: string, typed: Typed, value: string): { text: string; caret: number } {
  const inserted = `${typed.kind === 'mention' ? '@' : '#'}${value} `;
  const rest = text.slice(typed.end).replace(/^ /, '');
  return { text: text.slice(0, typed.start) + inserted + rest, caret: typed.start + inserted.length };
}

/** The option highlighted after an arrow key, wrapping around; -1 when there are none. */
export function moveActive(active: number, count: number, key: 'ArrowDown' | 'ArrowUp'): number {
  if (count === 0) return -1;
  if (key === 'ArrowDown') return active < 0 ? 0 : (active + 1) % count;
  return active <= 0 ? count - 1 : active - 1;
}
