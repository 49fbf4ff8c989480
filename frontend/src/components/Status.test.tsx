// A post as readers see it, rendered from a real Relay store: boosts name the booster, a
// content warning hides the text until opened, links in the text open safely, its time
// opens its page, and its menu offers what the reader may do.
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

function menuItems(container: HTMLElement): string[] {
  const more = container.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]');
  act(() => more?.click());
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

  it('offers its author to edit, pin, archive and delete it, and no report', () => {
    const container = render(post('5'), { id: 'account-alice', acct: 'alice' });
    expect(menuItems(container)).toEqual([
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

  it('offers another reader to bookmark, mute and report it', () => {
    const container = render(post('6'), { id: 'account-bob', acct: 'bob' });
    expect(menuItems(container)).toEqual([
      en.statusMenu.bookmark,
      en.statusMenu.mute,
      en.statusMenu.copyLink,
      'Report @alice',
    ]);
  });

  it('edits its author’s post in place', () => {
    const container = render(post('7', { source: 'Read this' }), { id: 'account-alice', acct: 'alice' });
    menuItems(container);
    const edit = Array.from(container.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')).find(
      (item) => item.textContent === en.statusMenu.edit,
    );
    act(() => edit?.click());
    const text = container.querySelector<HTMLTextAreaElement>('.status__editor textarea');
    expect(text?.value).toBe('Read this');
    expect(document.activeElement).toBe(text);
    expect(container.querySelector('.content')).toBeNull();
  });
});
