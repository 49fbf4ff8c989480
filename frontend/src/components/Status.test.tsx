// A post as readers see it, rendered from a real Relay store: boosts name the booster, a
// content warning hides the text until opened, links in the text open safely, a post a
// filter warns of stays folded behind the filter's title until shown, pictures, polls and
// quotes show, its time opens its page, and its menu offers what the reader may do.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { statusGlobalId } from '../router';
import { ViewerContext, type Viewer } from '../session';
import { account as author, post } from '../testing/posts';
import { environmentWith, render as renderInto, type Rendered } from '../testing/render';
import { Status } from './Status';
import type { StatusTestQuery } from './__generated__/StatusTestQuery.graphql';

const query = graphql`
  query StatusTestQuery($id: ID!) {
    status(id: $id) {
      ...Status_status
    }
  }
`;

function StatusById({ id }: { id: string }) {
  const data = useLazyLoadQuery<StatusTestQuery>(query, { id }, { fetchPolicy: 'store-only' });
  return <Status status={data.status} signedIn />;
}

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function render(status: { id: string }, viewer: Viewer | null = null): HTMLDivElement {
  const environment = environmentWith(query, { id: status.id }, { status });
  rendered = renderInto(
    environment,
    <ViewerContext value={viewer}>
      <StatusById id={status.id} />
    </ViewerContext>,
  );
  return rendered.container;
}

async function menuItems(container: HTMLElement): Promise<string[]> {
  const more = container.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]');
  // The menu's panel loads when the menu is first opened.
  await act(async () => {
    more?.click();
    await import('./StatusMenuPanel');
  });
  expect(more?.getAttribute('aria-expanded')).toBe('true');
  return Array.from(container.querySelectorAll('[role="menuitem"]')).map((item) => item.textContent ?? '');
}

describe('Status', () => {
  it('shows the author and text, with links marked', () => {
    const container = render(post('1'));
    expect(container.textContent).toContain('Alice');
    expect(container.textContent).toContain('@alice');
    const link = container.querySelector('.content a');
    expect(link?.getAttribute('rel')).toBe('noopener nofollow');
    expect(container.querySelector('button[aria-pressed="false"]')).not.toBeNull();
  });

  it('shows who boosted above the post boosted', () => {
    const container = render(post('2', { author: author('bob'), content: '', reblog: post('3') }));
    expect(container.querySelector('.status__boosted-by')?.textContent).toBe('bob boosted');
    expect(container.querySelector('.status__display-name')?.textContent).toBe('Alice');
  });

  it('hides the text behind its content warning until opened', () => {
    const container = render(post('4', { contentWarning: 'Spoilers' }));
    const toggle = container.querySelector<HTMLButtonElement>('.status__warning button');
    expect(container.textContent).toContain('Spoilers');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('.content')).toBeNull();
    act(() => toggle?.click());
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(container.querySelector('.content')?.textContent).toBe('Read this');
  });

  it('links its time to its page, which o opens', () => {
    const uuid = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const container = render(post(statusGlobalId(uuid)));
    const time = container.querySelector('a.status__time');
    expect(time?.getAttribute('href')).toBe(`/@alice/${uuid}`);
    expect(time?.getAttribute('data-shortcut')).toBe('open');
  });

  it('offers its author to edit, pin, archive and delete it, and no report', async () => {
    const container = render(post('5'), { id: 'account-alice', acct: 'alice' });
    expect(await menuItems(container)).toEqual([
      en.statusMenu.edit,
      en.statusMenu.pin,
      en.statusMenu.bookmark,
      en.statusMenu.mute,
      en.statusMenu.archive,
      en.statusMenu.copyLink,
      en.statusMenu.delete,
    ]);
    expect(document.activeElement?.textContent).toBe(en.statusMenu.edit);
  });

  it('offers another reader to bookmark, mute and report it', async () => {
    const container = render(post('6'), { id: 'account-bob', acct: 'bob' });
    expect(await menuItems(container)).toEqual([
      en.statusMenu.bookmark,
      en.statusMenu.mute,
      en.statusMenu.copyLink,
      'Report @alice',
    ]);
  });

  it('edits its author’s post in place', async () => {
    const container = render(post('7', { source: 'Read this' }), { id: 'account-alice', acct: 'alice' });
    await menuItems(container);
    const edit = Array.from(container.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')).find(
      (item) => item.textContent === en.statusMenu.edit,
    );
    await act(async () => {
      edit?.click();
      await import('./StatusEditor');
    });
    const text = container.querySelector<HTMLTextAreaElement>('.status__editor textarea');
    expect(text?.value).toBe('Read this');
    expect(document.activeElement).toBe(text);
    expect(container.querySelector('.content')).toBeNull();
  });

  it('folds a post a filter warns of behind the filter’s title until shown', () => {
    const filter = (id: string, title: string, action: string) => ({
      filter: { __typename: 'Filter', id, title, action },
    });
    const container = render(post('5', { filtered: [filter('f1', 'Spoilers', 'WARN'), filter('f2', 'Quiet', 'HIDE')] }));
    expect(container.querySelector('.status__filtered')?.textContent).toContain('Filtered: Spoilers');
    expect(container.querySelector('.content')).toBeNull();
    const show = container.querySelector<HTMLButtonElement>('.status__filtered button');
    expect(show?.getAttribute('aria-expanded')).toBe('false');
    act(() => show?.click());
    expect(container.querySelector('.content')?.textContent).toBe('Read this');
    expect(show?.textContent).toBe('Hide again');
  });

  it('folds a boost when the post boosted is filtered', () => {
    const boosted = post('7', { filtered: [{ filter: { __typename: 'Filter', id: 'f3', title: 'Birds', action: 'WARN' } }] });
    const container = render(post('6', { author: author('bob'), content: '', reblog: boosted }));
    expect(container.querySelector('.status__filtered')?.textContent).toContain('Filtered: Birds');
    expect(container.querySelector('.status__boosted-by')).toBeNull();
  });

  it('shows a post whose filters only hide it elsewhere', () => {
    const container = render(post('8', { filtered: [{ filter: { __typename: 'Filter', id: 'f4', title: 'Quiet', action: 'HIDE' } }] }));
    expect(container.querySelector('.status__filtered')).toBeNull();
    expect(container.querySelector('.content')?.textContent).toBe('Read this');
  });

  it('hides sensitive pictures behind their blurhash until shown, then gives their alt text', async () => {
    const picture = {
      id: 'm1',
      url: 'https://example.test/media/a.png',
      previewUrl: 'https://example.test/media/a-small.png',
      description: 'A rook on a fence',
      blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
    };
    const container = render(post('5', { sensitive: true, mediaAttachments: [picture] }));
    // Pictures load with the first post that has them.
    await act(async () => {
      await import('./StatusMedia');
    });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('canvas.blurhash')).not.toBeNull();
    const show = [...container.querySelectorAll('button')].find((button) => button.textContent === 'Sensitive picture: show');
    act(() => show?.click());
    const image = container.querySelector('img');
    expect(image?.getAttribute('alt')).toBe('A rook on a fence');
    expect(image?.getAttribute('src')).toBe(picture.previewUrl);
    const badge = container.querySelector<HTMLButtonElement>('.media__alt-badge');
    const altText = container.querySelector<HTMLElement>('.media__alt-text');
    expect(altText?.hidden).toBe(true);
    act(() => badge?.click());
    expect(badge?.getAttribute('aria-expanded')).toBe('true');
    expect(altText?.hidden).toBe(false);
    expect(altText?.textContent).toBe('A rook on a fence');
  });

  it('offers a vote until one has voted, then shows the results', async () => {
    const poll = (voted: boolean) => ({
      id: 'p1',
      options: [
        { title: 'Tea', votesCount: voted ? 3 : 2 },
        { title: 'Coffee', votesCount: 1 },
      ],
      multiple: false,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      expired: false,
      votesCount: voted ? 4 : 3,
      votersCount: voted ? 4 : 3,
      voted,
      ownVotes: voted ? [0] : [],
    });
    let container = render(post('6', { poll: poll(false) }));
    // A poll loads with the first post that has one.
    await act(async () => {
      await import('./StatusPoll');
    });
    const choices = container.querySelectorAll<HTMLInputElement>('.poll input[type="radio"]');
    expect(choices).toHaveLength(2);
    const vote = [...container.querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent === 'Vote');
    expect(vote?.disabled).toBe(true);
    act(() => choices[1]?.click());
    expect(vote?.disabled).toBe(false);
    rendered?.unmount();

    container = render(post('7', { poll: poll(true) }));
    expect(container.querySelector('.poll input')).toBeNull();
    const results = [...container.querySelectorAll('.poll__result')].map((row) => row.textContent);
    expect(results).toEqual(['Tea (your choice)75%', 'Coffee25%']);
    expect(container.querySelector('.poll')?.textContent).toContain('4 people voted');
  });

  it('shows the post it quotes, or why it cannot', () => {
    const quoted = { __typename: 'Status', id: 'q1', url: 'https://example.test/@bob/q1', content: '<p>Original words</p>', contentWarning: '', author: author('bob') };
    let container = render(post('8', { quote: { state: 'ACCEPTED', quotedStatus: quoted } }));
    expect(container.querySelector('blockquote.quoted')?.textContent).toContain('Original words');
    expect(container.querySelector('blockquote.quoted')?.textContent).toContain('@bob');
    rendered?.unmount();
    container = render(post('9', { quote: { state: 'REJECTED', quotedStatus: null } }));
    expect(container.textContent).toContain('The quoted post’s author did not allow this quote.');
  });
});
