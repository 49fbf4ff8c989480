// A post's page: what it answers above, the post in focus, replies below indented by depth,
// and a reply composer that opens under the post answered, addressed to its author.
import { act, Suspense } from 'react';
import { createOperationDescriptor, getRequest } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { Announcer } from '../../components/Announcer';
import { statusGlobalId } from '../../router';
import { ViewerContext } from '../../session';
import { account, post } from '../../testing/posts';
import { environmentWith, render, type Rendered } from '../../testing/render';
import StatusPage from './StatusPage';
import pageQuery from './__generated__/StatusPageQuery.graphql';
import postsQuery from './__generated__/StatusPagePostsQuery.graphql';

const id = statusGlobalId('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');

const status = post(id, { content: '<p>The answer</p>', repliesCount: 2 });
const thread = {
  ancestors: [{ __typename: 'Status', id: 'root' }],
  descendants: [
    { __typename: 'Status', id: 'r1', inReplyTo: { __typename: 'Status', id } },
    { __typename: 'Status', id: 'r2', inReplyTo: { __typename: 'Status', id: 'r1' } },
  ],
};
const nodes = [
  post('root', { content: '<p>The question</p>' }),
  post('r1', { content: '<p>A reply</p>', author: account('bob') }),
  post('r2', { content: '<p>A reply to the reply</p>' }),
];

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function show(): HTMLDivElement {
  const environment = environmentWith(
    pageQuery,
    { id },
    { instance: { maxStatusChars: 500, charactersReservedPerUrl: 23, maxMediaAttachments: 4 }, status, thread },
    () => new Promise(() => undefined),
  );
  environment.commitPayload(createOperationDescriptor(getRequest(postsQuery), { ids: ['root', 'r1', 'r2'] }), {
    nodes,
  });
  rendered = render(
    environment,
    <Announcer>
      <ViewerContext value={{ id: 'account-alice', acct: 'alice' }}>
        <Suspense fallback="loading">
          <StatusPage statusId={id} signedIn />
        </Suspense>
      </ViewerContext>
    </Announcer>,
  );
  return rendered.container;
}

const texts = (elements: Iterable<Element>) => Array.from(elements, (element) => element.querySelector('.content')?.textContent);

describe('StatusPage', () => {
  it('shows what the post answers above it, the post in focus, and its replies below', () => {
    const container = show();
    expect(container.querySelector('h1')?.textContent).toBe('Post by Alice');
    expect(texts(container.querySelectorAll('.thread__ancestors article'))).toEqual(['The question']);
    expect(texts(container.querySelectorAll('article[aria-current="true"]'))).toEqual(['The answer']);
    const replies = container.querySelectorAll('.thread__replies article');
    expect(texts(replies)).toEqual(['A reply', 'A reply to the reply']);
    expect(replies[0]?.classList.contains('status--depth-1')).toBe(true);
    expect(replies[1]?.classList.contains('status--depth-2')).toBe(true);
  });

  it('opens a composer under the reply answered, addressed to its author', () => {
    const container = show();
    const reply = container.querySelectorAll('.thread__replies article')[0];
    act(() => reply?.querySelector<HTMLButtonElement>('[data-shortcut="reply"]')?.click());
    const form = reply?.nextElementSibling;
    expect(form?.getAttribute('aria-label')).toBe('Reply to bob');
    const text = form?.querySelector('textarea');
    expect(text?.value).toBe('@bob ');
    expect(document.activeElement).toBe(text);
    act(() =>
      Array.from(form?.querySelectorAll('button') ?? [])
        .find((button) => button.textContent === 'Cancel')
        ?.click(),
    );
    expect(container.querySelector('textarea')).toBeNull();
  });
});
