// Posts as the server sends them, every field the client's fragments read, for unit tests.

export function account(username: string) {
  return {
    __typename: 'Account',
    id: `account-${username}`,
    acct: username,
    username,
    displayName: username === 'alice' ? 'Alice' : '',
    avatarUrl: null,
  };
}

export function post(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Status',
    id,
    url: `https://example.test/@alice/${id}`,
    content: '<p>Read <a href="https://example.org/">this</a></p>',
    source: null,
    contentWarning: '',
    sensitive: false,
    visibility: 'PUBLIC',
    local: true,
    createdAt: new Date().toISOString(),
    editedAt: null,
    deleted: false,
    pinned: false,
    bookmarked: false,
    archived: false,
    muted: false,
    author: account('alice'),
    inReplyTo: null,
    mediaAttachments: [],
    repliesCount: 0,
    viewerCanReply: true,
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
