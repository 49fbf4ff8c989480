// Which items a post's "more" menu offers: only what the viewer may do with that post.

export type MenuItem =
  | 'edit'
  | 'pin'
  | 'unpin'
  | 'bookmark'
  | 'unbookmark'
  | 'archive'
  | 'unarchive'
  | 'mute'
  | 'unmute'
  | 'copyLink'
  | 'report'
  | 'delete';

/** What the menu needs to know of the post and of who reads it. */
export interface MenuFacts {
  signedIn: boolean;
  /** The viewer wrote it. */
  own: boolean;
  /** Written on this server (only those are edited here). */
  local: boolean;
  visibility: string;
  deleted: boolean;
  pinned: boolean;
  bookmarked: boolean;
  archived: boolean;
  muted: boolean;
}

/**
 * The menu's items, in order: the author edits, pins (not a direct post), archives and
 * deletes; anyone signed in bookmarks and mutes the conversation, and reports others'
 * posts; everyone copies the link. A deleted post offers nothing.
 */
export function menuItemsFor(facts: MenuFacts): MenuItem[] {
  if (facts.deleted) return [];
  const items: MenuItem[] = [];
  const own = facts.signedIn && facts.own;
  if (own && facts.local) items.push('edit');
  if (own && facts.visibility !== 'DIRECT') items.push(facts.pinned ? 'unpin' : 'pin');
  if (facts.signedIn) {
    items.push(facts.bookmarked ? 'unbookmark' : 'bookmark');
    items.push(facts.muted ? 'unmute' : 'mute');
  }
  if (own) items.push(facts.archived ? 'unarchive' : 'archive');
  items.push('copyLink');
  if (facts.signedIn && !facts.own) items.push('report');
  if (own) items.push('delete');
  return items;
}
