// When the live connection comes back after dropping, a timeline fetches the newest posts and
// offers those posted meanwhile behind "Show N new posts", without moving what is shown.
import { act } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Environment,
  Network,
  Observable,
  RecordSource,
  Store,
  createOperationDescriptor,
  getRequest,
  type FetchFunction,
} from 'relay-runtime';
import { en, t } from '../i18n/en';
import { LiveConnection, attachLiveConnection } from '../relay/connection';
import { render, type Rendered } from '../testing/render';
import { LiveStatusTimeline } from './LiveStatusTimeline';
import type { LiveStatusTimelineTestQuery } from './__generated__/LiveStatusTimelineTestQuery.graphql';
import type { LiveStatusTimelineTest_query$key } from './__generated__/LiveStatusTimelineTest_query.graphql';
import type { LiveStatusTimelineTestPaginationQuery } from './__generated__/LiveStatusTimelineTestPaginationQuery.graphql';
import type { LiveStatusTimelineTestSubscription } from './__generated__/LiveStatusTimelineTestSubscription.graphql';
import type { LiveStatusTimelineTestCatchUpQuery } from './__generated__/LiveStatusTimelineTestCatchUpQuery.graphql';
import { post as statusRecord } from '../testing/posts';

const pageQuery = graphql`
  query LiveStatusTimelineTestQuery {
    ...LiveStatusTimelineTest_query
  }
`;

const fragment = graphql`
  fragment LiveStatusTimelineTest_query on Query
  @refetchable(queryName: "LiveStatusTimelineTestPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    localTimeline(first: $count, after: $cursor) @connection(key: "LiveStatusTimelineTest_localTimeline") {
      __id
      edges {
        node {
          id
          ...Status_status
        }
      }
    }
  }
`;

const updates = graphql`
  subscription LiveStatusTimelineTestSubscription {
    publicTimelineUpdates(localOnly: true) {
      kind
      statusId
      status {
        id
        ...Status_status
      }
    }
  }
`;

const catchUpQuery = graphql`
  query LiveStatusTimelineTestCatchUpQuery($count: Int!) {
    localTimeline(first: $count) {
      edges {
        node {
          id
          ...Status_status
        }
      }
    }
  }
`;

function post(id: string) {
  return statusRecord(id, { content: `<p>Post ${id}</p>`, favouritesCount: 0 });
}

function page(ids: string[]) {
  return {
    edges: ids.map((id) => ({ cursor: id, node: post(id) })),
    pageInfo: { endCursor: ids.at(-1) ?? null, hasNextPage: false },
  };
}

function Local() {
  const data = useLazyLoadQuery<LiveStatusTimelineTestQuery>(pageQuery, {}, { fetchPolicy: 'store-only' });
  const pagination = usePaginationFragment<LiveStatusTimelineTestPaginationQuery, LiveStatusTimelineTest_query$key>(
    fragment,
    data,
  );
  return (
    <LiveStatusTimeline<LiveStatusTimelineTestSubscription, LiveStatusTimelineTestCatchUpQuery>
      label="Local"
      emptyMessage={en.timeline.empty}
      signedIn
      connection={pagination.data.localTimeline}
      pagination={pagination}
      subscription={updates}
      pickEvent={(response) => response.publicTimelineUpdates}
      catchUp={{ query: catchUpQuery, pick: (response) => response.localTimeline.edges }}
    />
  );
}

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

/** A timeline showing `shown`, whose catch-up fetch answers `newest`. */
function timeline(shown: string[], newest: string[]) {
  const requests: string[] = [];
  const fetch: FetchFunction = (operation, variables) => {
    requests.push(`${operation.name} ${JSON.stringify(variables)}`);
    return Promise.resolve({ data: { localTimeline: page(newest) } });
  };
  const environment = new Environment({
    network: Network.create(fetch, () => Observable.create(() => undefined)),
    store: new Store(new RecordSource()),
  });
  const connection = new LiveConnection();
  attachLiveConnection(environment, connection);
  environment.commitPayload(createOperationDescriptor(getRequest(pageQuery), {}), { localTimeline: page(shown) });
  rendered = render(environment, <Local />);
  const articles = () => Array.from(rendered?.container.querySelectorAll('article') ?? []).map((a) => a.textContent);
  const newPostsButton = () =>
    Array.from(rendered?.container.querySelectorAll('button') ?? []).find((b) => b.textContent?.startsWith('Show'));
  return { connection, requests, articles, newPostsButton };
}

describe('LiveStatusTimeline after a reconnection', () => {
  it('offers the posts it missed, and shows them on top when asked', async () => {
    const { connection, requests, articles, newPostsButton } = timeline(['b', 'a'], ['d', 'c', 'b', 'a']);
    expect(articles()).toHaveLength(2);
    const release = connection.opened();
    act(() => connection.connected());
    expect(requests).toEqual([]);

    // Dropped, then back.
    act(() => connection.closed());
    await act(async () => connection.connected());
    expect(requests).toEqual(['LiveStatusTimelineTestCatchUpQuery {"count":40}']);
    expect(newPostsButton()?.textContent).toBe(t(en.timeline.newPosts, { count: 2 }));
    // What was shown has not moved.
    expect(articles()[0]).toContain('Post b');

    act(() => newPostsButton()?.click());
    expect(articles().map((text) => /Post (\w)/.exec(text ?? '')?.[1])).toEqual(['d', 'c', 'b', 'a']);
    expect(newPostsButton()).toBeUndefined();
    release();
  });

  it('offers nothing when nothing was posted meanwhile', async () => {
    const { connection, requests, newPostsButton } = timeline(['b', 'a'], ['b', 'a']);
    connection.opened();
    act(() => connection.closed());
    await act(async () => connection.connected());
    expect(requests).toHaveLength(1);
    expect(newPostsButton()).toBeUndefined();
  });
});
