// The unread count beside the navigation's link and in the title bar: fetched, raised live as
// notifications arrive, and gone once they are read.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  Environment,
  Network,
  Observable,
  RecordSource,
  Store,
  commitLocalUpdate,
  type GraphQLResponse,
} from 'relay-runtime';
import type { Sink } from 'relay-runtime/lib/network/RelayObservable';
import { setPageTitle } from '../lib/documentTitle';
import { LiveConnection, attachLiveConnection } from '../relay/connection';
import { markAllRead } from '../routes/notifications/store';
import { render, type Rendered } from '../testing/render';
import { UnreadNotifications } from './UnreadNotifications';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function received(id: string, type: string) {
  return {
    data: {
      notificationReceived: {
        kind: 'RECEIVED',
        notification: {
          __typename: 'Notification',
          id,
          type,
          read: false,
          createdAt: '2026-12-07T03:00:00Z',
          account: { __typename: 'Account', id: 'bob', acct: 'bob', username: 'bob', displayName: '' },
          status: null,
        },
      },
    },
  };
}

async function showBadge(initially: number) {
  const streams: Sink<GraphQLResponse>[] = [];
  const server = { unread: initially };
  const environment = new Environment({
    network: Network.create(
      () => Promise.resolve({ data: { unreadNotificationCount: server.unread } }),
      () => Observable.create<GraphQLResponse>((sink) => void streams.push(sink)),
    ),
    store: new Store(new RecordSource()),
  });
  const connection = new LiveConnection();
  attachLiveConnection(environment, connection);
  setPageTitle('Home · Rookery');
  await act(async () => {
    rendered = render(environment, <UnreadNotifications />);
  });
  const badge = () => rendered?.container.querySelector('.nav__badge')?.textContent ?? null;
  const push = (response: GraphQLResponse) => act(() => streams.forEach((sink) => sink.next(response)));
  return { environment, badge, push, server, connection };
}

describe('UnreadNotifications', () => {
  it('shows the count, raises it as notifications arrive, and drops it when read', async () => {
    const { environment, badge, push } = await showBadge(2);
    expect(badge()).toBe('2');
    expect(rendered?.container.textContent).toContain('(2 unread)');
    expect(document.title).toBe('(2) Home · Rookery');

    push(received('n1', 'MENTION'));
    expect(badge()).toBe('3');
    expect(document.title).toBe('(3) Home · Rookery');

    act(() => commitLocalUpdate(environment, markAllRead));
    expect(badge()).toBeNull();
    expect(document.title).toBe('Home · Rookery');
  });

  it('shows nothing when all is read, and forgets the count when gone', async () => {
    const { badge, push } = await showBadge(0);
    expect(badge()).toBeNull();
    expect(document.title).toBe('Home · Rookery');
    push(received('n2', 'FOLLOW'));
    expect(document.title).toBe('(1) Home · Rookery');
    rendered?.unmount();
    rendered = undefined;
    expect(document.title).toBe('Home · Rookery');
  });

  it('counts afresh when the live connection comes back, for what came while it was lost', async () => {
    const { badge, server, connection } = await showBadge(1);
    expect(badge()).toBe('1');
    connection.opened();
    act(() => connection.connected());
    act(() => connection.closed());
    server.unread = 4;
    await act(async () => connection.connected());
    expect(badge()).toBe('4');
    expect(document.title).toBe('(4) Home · Rookery');
  });
});
