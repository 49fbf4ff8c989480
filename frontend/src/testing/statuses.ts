// Store records for tests that render posts: an account, and a post with every field
// `Status_status` reads.

export const accountRecord = (username: string) => ({
  __typename: 'Account',
  id: `account-${username}`,
  acct: username,
  username,
  displayName: username === 'alice' ? 'Alice' : '',
  avatarUrl: null,
});

/** A public post by Alice, with `overrides` for the fields a test is about. */
export function statusRecord(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Status',
    id,
    url: `https://example.test/@alice/${id}`,
    content: '<p>Read <a href="https://example.org/">this</a></p>',
    contentWarning: '',
    sensitive: false,
    visibility: 'PUBLIC',
    createdAt: new Date().toISOString(),
    editedAt: null,
    deleted: false,
    author: accountRecord('alice'),
    mediaAttachments: [],
    repliesCount: 0,
    favourited: false,
    favouritesCount: 2,
    reblogged: false,
    reblogsCount: 0,
    viewerCanBoost: true,
    viewerCanQuote: true,
    poll: null,
    quote: null,
    reblog: null,
    filtered: [],
    ...overrides,
  };
}
