// A post as readers see it, rendered from a real Relay store: boosts name the booster, a
// content warning hides the text until opened, and links in the text open safely.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { RelayEnvironmentProvider, graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Environment, Network, RecordSource, Store, createOperationDescriptor, getRequest } from 'relay-runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

const author = (username: string) => ({
  __typename: 'Account',
  id: `account-${username}`,
  acct: username,
  username,
  displayName: username === 'alice' ? 'Alice' : '',
  avatarUrl: null,
});

function post(id: string, overrides: Record<string, unknown> = {}) {
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
    author: author('alice'),
    mediaAttachments: [],
    repliesCount: 0,
    favourited: false,
    favouritesCount: 2,
    reblogged: false,
    reblogsCount: 0,
    viewerCanBoost: true,
    reblog: null,
    ...overrides,
  };
}

// Tells React that updates here are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render(status: Record<string, unknown>) {
  const environment = new Environment({
    network: Network.create(() => Promise.reject(new Error('no network in this test'))),
    store: new Store(new RecordSource()),
  });
  const operation = createOperationDescriptor(getRequest(query), { id: status.id as string });
  environment.commitPayload(operation, { status });
  act(() => {
    root.render(
      <RelayEnvironmentProvider environment={environment}>
        <StatusById id={status.id as string} />
      </RelayEnvironmentProvider>,
    );
  });
}

describe('Status', () => {
  it('shows the author and text, with links marked', () => {
    render(post('1'));
    expect(container.textContent).toContain('Alice');
    expect(container.textContent).toContain('@alice');
    const link = container.querySelector('.content a');
    expect(link?.getAttribute('rel')).toBe('noopener nofollow ugc');
    expect(container.querySelector('button[aria-pressed="false"]')).not.toBeNull();
  });

  it('shows who boosted above the post boosted', () => {
    render(post('2', { author: author('bob'), content: '', reblog: post('3') }));
    expect(container.querySelector('.status__boosted-by')?.textContent).toBe('bob boosted');
    expect(container.querySelector('.status__display-name')?.textContent).toBe('Alice');
  });

  it('hides the text behind its content warning until opened', () => {
    render(post('4', { contentWarning: 'Spoilers' }));
    const toggle = container.querySelector<HTMLButtonElement>('.status__warning button');
    expect(container.textContent).toContain('Spoilers');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('.content')).toBeNull();
    act(() => toggle?.click());
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(container.querySelector('.content')?.textContent).toBe('Read this');
  });
});
