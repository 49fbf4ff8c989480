// The "more" menu offers only what the viewer may do with a post.
import { describe, expect, it } from 'vitest';
import { menuItemsFor, type MenuFacts } from './statusMenu';

const facts = (overrides: Partial<MenuFacts> = {}): MenuFacts => ({
  signedIn: true,
  own: false,
  local: true,
  visibility: 'PUBLIC',
  deleted: false,
  pinned: false,
  bookmarked: false,
  archived: false,
  muted: false,
  ...overrides,
});

describe('menuItemsFor', () => {
  it('gives the author every action on their own post, and no report', () => {
    expect(menuItemsFor(facts({ own: true }))).toEqual([
      'edit',
      'pin',
      'bookmark',
      'mute',
      'archive',
      'copyLink',
      'delete',
    ]);
  });

  it('offers to undo what is done', () => {
    expect(
      menuItemsFor(facts({ own: true, pinned: true, bookmarked: true, archived: true, muted: true })),
    ).toEqual(['edit', 'unpin', 'unbookmark', 'unmute', 'unarchive', 'copyLink', 'delete']);
  });

  it('lets others bookmark, mute and report, but not edit, pin, archive or delete', () => {
    expect(menuItemsFor(facts())).toEqual(['bookmark', 'mute', 'copyLink', 'report']);
  });

  it('does not pin a direct post', () => {
    expect(menuItemsFor(facts({ own: true, visibility: 'DIRECT' }))).not.toContain('pin');
  });

  it('only copies the link for a reader who is not signed in', () => {
    expect(menuItemsFor(facts({ signedIn: false, own: true }))).toEqual(['copyLink']);
  });

  it('offers nothing on a deleted post', () => {
    expect(menuItemsFor(facts({ own: true, deleted: true }))).toEqual([]);
  });
});
