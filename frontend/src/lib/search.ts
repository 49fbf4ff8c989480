// What a search query names besides words: an account on some server, or a page's address.

/** A query to look up on its server rather than search for. */
export type RemoteLookup = { kind: 'account'; handle: string } | { kind: 'url'; url: string };

/** `@user@domain` (the first `@` optional) or an `https://`/`http://` URL; otherwise null. */
export function remoteLookupOf(query: string): RemoteLookup | null {
  const trimmed = query.trim();
  if (/^@?[A-Za-z0-9_.-]+@[^\s@/]+$/.test(trimmed)) {
    return { kind: 'account', handle: trimmed.startsWith('@') ? trimmed : `@${trimmed}` };
  }
  if (/^https?:\/\/\S+$/i.test(trimmed)) {
    try {
      return { kind: 'url', url: new URL(trimmed).href };
    } catch {
      return null;
    }
  }
  return null;
}
