// How long a status is, counted as the server counts it before accepting it.

/** How many characters any URL counts for, unless the instance says otherwise. */
export const CHARACTERS_RESERVED_PER_URL = 23;

/**
 * Candidates for URLs, mentions and hashtags; what may stand before and after one is
 * checked in `tokens`. The same pattern as the server's tokenizer.
 */
const CANDIDATE = new RegExp(
  [
    String.raw`(?<url>[hH][tT][tT][pP][sS]?://[^\s<>"]+)`,
    String.raw`@(?<username>[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?)` +
      String.raw`(?:@(?<domain>[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?` +
      String.raw`(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*(?::[0-9]{1,5})?))?`,
    // The server's `\w` is Unicode's: letters, marks, digits, connector punctuation, joiners.
    String.raw`#(?<hashtag>[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200C\u200D]+)`,
  ].join('|'),
  'gu',
);

const WORD = /^[\p{Alphabetic}\p{N}_]$/u;
const NUMERIC = /^\p{N}+$/u;

type Token =
  | { kind: 'url'; start: number; end: number }
  | { kind: 'mention'; start: number; end: number; domain: string | undefined }
  | { kind: 'hashtag'; start: number; end: number };

function isWord(c: string | undefined): boolean {
  return c !== undefined && WORD.test(c);
}

function lastChar(text: string): string | undefined {
  const chars = Array.from(text.slice(-2));
  return chars[chars.length - 1];
}

function firstChar(text: string): string | undefined {
  return text.codePointAt(0) === undefined ? undefined : String.fromCodePoint(text.codePointAt(0) ?? 0);
}

/** Drops trailing punctuation, and closing brackets that have no opening one in the URL. */
export function trimUrl(url: string): string {
  const excess = (open: string, close: string) =>
    Math.max(0, url.split(close).length - url.split(open).length);
  let parens = excess('(', ')');
  let brackets = excess('[', ']');
  let trimmed = url;
  for (;;) {
    const last = trimmed.slice(-1);
    if ('.,!?:;\''.includes(last) && last !== '') {
      // dropped below
    } else if (last === ')' && parens > 0) {
      parens -= 1;
    } else if (last === ']' && brackets > 0) {
      brackets -= 1;
    } else {
      return trimmed;
    }
    trimmed = trimmed.slice(0, -1);
  }
}

/** The URLs, mentions and hashtags in `text`, in order, not overlapping. */
function tokens(text: string): Token[] {
  const found: Token[] = [];
  CANDIDATE.lastIndex = 0;
  let at = 0;
  for (;;) {
    CANDIDATE.lastIndex = at;
    const match = CANDIDATE.exec(text);
    if (match === null) break;
    const start = match.index;
    const whole = match[0];
    const groups = match.groups ?? {};
    const before = lastChar(text.slice(0, start));
    const after = firstChar(text.slice(start + whole.length));
    const precededByNoneOf = (others: string) =>
      before === undefined || (!isWord(before) && !others.includes(before));
    let token: Token | undefined;
    if (groups.url !== undefined) {
      const url = trimUrl(whole);
      const rest = url.slice(url.indexOf('://') + 3);
      if (precededByNoneOf('') && rest !== '') {
        token = { kind: 'url', start, end: start + url.length };
      }
    } else if (groups.username !== undefined) {
      if (precededByNoneOf('/@') && !isWord(after)) {
        token = { kind: 'mention', start, end: start + whole.length, domain: groups.domain };
      }
    } else if (groups.hashtag !== undefined) {
      if (precededByNoneOf('&/') && !NUMERIC.test(groups.hashtag)) {
        token = { kind: 'hashtag', start, end: start + whole.length };
      }
    }
    if (token === undefined) {
      // Every candidate starts with one UTF-16 unit ('@', '#', 'h' or 'H').
      at = start + 1;
    } else {
      found.push(token);
      at = token.end;
    }
  }
  return found;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How many characters readers see in `text` (grapheme clusters). */
export function characters(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

/**
 * A status's text length: characters as readers see them, every URL as
 * `reservedPerUrl`, and a remote mention `@user@domain` as `@user`.
 */
export function textLength(text: string, reservedPerUrl = CHARACTERS_RESERVED_PER_URL): number {
  let length = characters(text);
  for (const token of tokens(text)) {
    if (token.kind === 'url') {
      length = Math.max(0, length - characters(text.slice(token.start, token.end))) + reservedPerUrl;
    } else if (token.kind === 'mention' && token.domain !== undefined) {
      length = Math.max(0, length - (characters(token.domain) + 1));
    }
  }
  return length;
}

/** What counts against the instance's limit: the text and its content warning together. */
export function statusLength(
  text: string,
  contentWarning: string,
  reservedPerUrl = CHARACTERS_RESERVED_PER_URL,
): number {
  return textLength(text, reservedPerUrl) + characters(contentWarning);
}
