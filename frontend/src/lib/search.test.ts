// Which search queries are looked up on another server.
import { describe, expect, it } from 'vitest';
import { remoteLookupOf } from './search';

describe('remoteLookupOf', () => {
  it('reads handles with their domain, with or without the first @', () => {
    expect(remoteLookupOf(' @alice@social.example ')).toEqual({ kind: 'account', handle: '@alice@social.example' });
    expect(remoteLookupOf('bob_1@localhost:8080')).toEqual({ kind: 'account', handle: '@bob_1@localhost:8080' });
  });

  it('reads web addresses', () => {
    expect(remoteLookupOf('https://social.example/@alice/1')).toEqual({
      kind: 'url',
      url: 'https://social.example/@alice/1',
    });
    expect(remoteLookupOf('HTTP://Social.Example/users/a')).toEqual({ kind: 'url', url: 'http://social.example/users/a' });
  });

  it('leaves words, local names and hashtags to the search', () => {
    expect(remoteLookupOf('alice')).toBeNull();
    expect(remoteLookupOf('@alice')).toBeNull();
    expect(remoteLookupOf('#rust')).toBeNull();
    expect(remoteLookupOf('mail me at a@b.example please')).toBeNull();
    expect(remoteLookupOf('ftp://files.example/')).toBeNull();
    expect(remoteLookupOf('https://')).toBeNull();
  });
});
