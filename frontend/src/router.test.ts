// Route paths and what they name.
import { describe, expect, it } from 'vitest';
import { adminPath, conversationPath, match, profilePath, searchPath, statusGlobalId, statusPath, tagPath } from './router';

describe('match', () => {
  it('names the fixed routes', () => {
    expect(match('/')).toEqual({ name: 'home' });
    expect(match('/local')).toEqual({ name: 'local' });
    expect(match('/federated/')).toEqual({ name: 'federated' });
    expect(match('/sign-in')).toEqual({ name: 'signIn' });
    expect(match('/sign-up')).toEqual({ name: 'signUp' });
    expect(match('/forgot-password')).toEqual({ name: 'forgotPassword' });
    expect(match('/reset-password/')).toEqual({ name: 'resetPassword' });
    expect(match('/confirm-email')).toEqual({ name: 'confirmEmail' });
    expect(match('/about')).toEqual({ name: 'about' });
    expect(match('/notifications')).toEqual({ name: 'notifications' });
    expect(match('/notes')).toEqual({ name: 'notes' });
    expect(match('/bookmarks')).toEqual({ name: 'bookmarks' });
    expect(match('/favourites/')).toEqual({ name: 'favourites' });
  });

  it('reads a status page: its author and the status’s global id', () => {
    const uuid = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const id = statusGlobalId(uuid);
    expect(match(`/@alice/${uuid}`)).toEqual({ name: 'status', handle: 'alice', statusId: id });
    expect(match(`/@bob@example.social/${uuid}/`)).toEqual({ name: 'status', handle: 'bob@example.social', statusId: id });
    expect(match('/@alice/not-a-uuid')).toEqual({ name: 'notFound' });
  });

  it('reads local and remote profile handles', () => {
    expect(match('/@alice')).toEqual({ name: 'profile', handle: 'alice', section: 'posts' });
    expect(match('/@bob@example.social')).toEqual({ name: 'profile', handle: 'bob@example.social', section: 'posts' });
    expect(match('/@bob@localhost:8080')).toEqual({ name: 'profile', handle: 'bob@localhost:8080', section: 'posts' });
  });

  it('names a profile’s tabs and its followers and following', () => {
    expect(match('/@alice/with_replies')).toEqual({ name: 'profile', handle: 'alice', section: 'replies' });
    expect(match('/@alice/media/')).toEqual({ name: 'profile', handle: 'alice', section: 'media' });
    expect(match('/@bob@example.social/followers')).toEqual({
      name: 'profile',
      handle: 'bob@example.social',
      section: 'followers',
    });
    expect(match('/@alice/following')).toEqual({ name: 'profile', handle: 'alice', section: 'following' });
    expect(profilePath('bob@example.social', 'followers')).toBe('/@bob@example.social/followers');
    expect(profilePath('alice', 'posts')).toBe('/@alice');
    expect(profilePath('alice', 'replies')).toBe('/@alice/with_replies');
  });

  it('names the follow requests page', () => {
    expect(match('/follow-requests')).toEqual({ name: 'followRequests' });
  });

  it('names the settings pages, `/settings` being the profile', () => {
    expect(match('/settings')).toEqual({ name: 'settings', section: 'profile' });
    expect(match('/settings/profile')).toEqual({ name: 'settings', section: 'profile' });
    expect(match('/settings/sessions/')).toEqual({ name: 'settings', section: 'sessions' });
    expect(match('/settings/lists')).toEqual({ name: 'settings', section: 'lists' });
    expect(match('/settings/followed-tags')).toEqual({ name: 'settings', section: 'followed-tags' });
    expect(match('/settings/webhooks')).toEqual({ name: 'settings', section: 'webhooks' });
    expect(match('/settings/password')).toEqual({ name: 'settings', section: 'password' });
    expect(match('/settings/two-factor')).toEqual({ name: 'settings', section: 'two-factor' });
  });

  it('names the lists and a list’s timeline', () => {
    expect(match('/lists')).toEqual({ name: 'lists' });
    expect(match('/lists/TGlzdDox')).toEqual({ name: 'list', id: 'TGlzdDox' });
    expect(match('/lists/a/b')).toEqual({ name: 'notFound' });
  });

  it('reads the setup link’s token', () => {
    expect(match('/setup/rks_a-B_9')).toEqual({ name: 'setup', token: 'rks_a-B_9' });
    expect(match('/setup/rks_a-B_9/')).toEqual({ name: 'setup', token: 'rks_a-B_9' });
  });

  it('names conversations, one of them by its id', () => {
    expect(match('/conversations')).toEqual({ name: 'conversations', conversationId: null });
    expect(match(conversationPath('Q29udjox'))).toEqual({ name: 'conversations', conversationId: 'Q29udjox' });
    expect(match(conversationPath('a/b=='))).toEqual({ name: 'conversations', conversationId: 'a/b==' });
  });

  it('names the search page and hashtags, leaving hashtag feeds to the server', () => {
    expect(match('/search')).toEqual({ name: 'search' });
    expect(match(tagPath('#Rust'))).toEqual({ name: 'tag', tag: 'Rust' });
    expect(match('/tags/café')).toEqual({ name: 'tag', tag: 'café' });
    expect(match('/tags/rust.rss')).toEqual({ name: 'notFound' });
    expect(searchPath('@a@b.example #x')).toBe('/search?q=%40a%40b.example%20%23x');
  });

  it('names the moderation pages, `/admin` being the first the viewer may open', () => {
    expect(match('/admin')).toEqual({ name: 'admin', section: null, id: null });
    expect(match('/admin/')).toEqual({ name: 'admin', section: null, id: null });
    expect(match('/admin/reports')).toEqual({ name: 'admin', section: 'reports', id: null });
    expect(match('/admin/reports/UmVwb3J0OjE')).toEqual({ name: 'admin', section: 'reports', id: 'UmVwb3J0OjE' });
    expect(match('/admin/accounts/')).toEqual({ name: 'admin', section: 'accounts', id: null });
    expect(match('/admin/accounts/QWNjb3VudDox')).toEqual({ name: 'admin', section: 'accounts', id: 'QWNjb3VudDox' });
    expect(match('/admin/audit')).toEqual({ name: 'admin', section: 'audit', id: null });
    expect(match('/admin/dashboard')).toEqual({ name: 'admin', section: 'dashboard', id: null });
    expect(match('/admin/approvals')).toEqual({ name: 'admin', section: 'approvals', id: null });
    expect(match('/admin/roles/Um9sZTox')).toEqual({ name: 'admin', section: 'roles', id: 'Um9sZTox' });
    expect(match('/admin/rules')).toEqual({ name: 'admin', section: 'rules', id: null });
    expect(match('/admin/settings')).toEqual({ name: 'admin', section: 'settings', id: null });
  });

  it('turns an item of a moderation page into its path, and back', () => {
    expect(adminPath('reports')).toBe('/admin/reports');
    expect(adminPath('accounts', 'QWNjb3VudDox')).toBe('/admin/accounts/QWNjb3VudDox');
    // Padded or standard base64 ids survive the round trip.
    expect(adminPath('reports', 'a/b==')).toBe('/admin/reports/a%2Fb%3D%3D');
    expect(match(adminPath('reports', 'a/b=='))).toEqual({ name: 'admin', section: 'reports', id: 'a/b==' });
  });

  it('knows nothing else', () => {
    expect(match('/admin/other')).toEqual({ name: 'notFound' });
    expect(match('/admin/reports/a/b')).toEqual({ name: 'notFound' });
    expect(match('/administrator')).toEqual({ name: 'notFound' });
    expect(match('/@')).toEqual({ name: 'notFound' });
    expect(match('/settings/other')).toEqual({ name: 'notFound' });
    expect(match('/@a/b')).toEqual({ name: 'notFound' });
    expect(match('/@a/b/c')).toEqual({ name: 'notFound' });
    expect(match('/setup')).toEqual({ name: 'notFound' });
    expect(match('/setup/a/b')).toEqual({ name: 'notFound' });
    expect(match('/setup/a%2Fb')).toEqual({ name: 'notFound' });
  });
});

describe('status paths', () => {
  it('turn a status’s global id into the path its server gives it, and back', () => {
    const uuid = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    // A Relay global id is base64url("Status:<uuid>"), unpadded.
    const id = statusGlobalId(uuid);
    expect(atob(id.replaceAll('-', '+').replaceAll('_', '/'))).toBe(`Status:${uuid}`);
    expect(id).not.toContain('=');
    expect(statusPath('alice', id)).toBe(`/@alice/${uuid}`);
    expect(statusPath('bob@example.social', id)).toBe(`/@bob@example.social/${uuid}`);
    expect(match(statusPath('bob@example.social', id))).toEqual({
      name: 'status',
      handle: 'bob@example.social',
      statusId: id,
    });
  });

  it('leave an id that is no status’s global id out of the path', () => {
    expect(statusPath('alice', 'not base64!')).toBe('/@alice');
    expect(statusPath('alice', btoa('Account:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'))).toBe('/@alice');
  });
});
