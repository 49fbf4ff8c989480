// Route paths and what they name.
import { describe, expect, it } from 'vitest';
import { match } from './router';

describe('match', () => {
  it('names the fixed routes', () => {
    expect(match('/')).toEqual({ name: 'home' });
    expect(match('/local')).toEqual({ name: 'local' });
    expect(match('/federated/')).toEqual({ name: 'federated' });
    expect(match('/sign-in')).toEqual({ name: 'signIn' });
    expect(match('/sign-up')).toEqual({ name: 'signUp' });
    expect(match('/notifications')).toEqual({ name: 'notifications' });
    expect(match('/notes')).toEqual({ name: 'notes' });
  });

  it('reads local and remote profile handles', () => {
    expect(match('/@alice')).toEqual({ name: 'profile', handle: 'alice' });
    expect(match('/@bob@example.social')).toEqual({ name: 'profile', handle: 'bob@example.social' });
    expect(match('/@bob@localhost:8080')).toEqual({ name: 'profile', handle: 'bob@localhost:8080' });
  });

  it('names the settings pages, `/settings` being the profile', () => {
    expect(match('/settings')).toEqual({ name: 'settings', section: 'profile' });
    expect(match('/settings/profile')).toEqual({ name: 'settings', section: 'profile' });
    expect(match('/settings/sessions/')).toEqual({ name: 'settings', section: 'sessions' });
  });

  it('reads the setup link’s token', () => {
    expect(match('/setup/rks_a-B_9')).toEqual({ name: 'setup', token: 'rks_a-B_9' });
    expect(match('/setup/rks_a-B_9/')).toEqual({ name: 'setup', token: 'rks_a-B_9' });
  });

  it('knows nothing else', () => {
    expect(match('/@')).toEqual({ name: 'notFound' });
    expect(match('/settings/other')).toEqual({ name: 'notFound' });
    expect(match('/@a/b')).toEqual({ name: 'notFound' });
    expect(match('/setup')).toEqual({ name: 'notFound' });
    expect(match('/setup/a/b')).toEqual({ name: 'notFound' });
    expect(match('/setup/a%2Fb')).toEqual({ name: 'notFound' });
  });
});
