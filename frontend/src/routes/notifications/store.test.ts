// Notifications in the store: one arriving joins the lists of its kind and the unread count;
// marking all read clears the count; dismissing takes one out of lists and count.
import { describe, expect, it } from 'vitest';
import { commitLocalUpdate, createOperationDescriptor, getRequest, type Environment } from 'relay-runtime';
import { environmentWith } from '../../testing/render';
import { dismissNotification, markAllRead, notificationsConnectionId, receiveNotification } from './store';
import NotificationsPageQueryNode from './__generated__/NotificationsPageQuery.graphql';

function notification(id: string, type: string, read = false) {
  return {
    __typename: 'Notification',
    id,
    type,
    read,
    createdAt: '2026-12-07T03:00:00Z',
    account: { __typename: 'Account', id: `account-${id}`, acct: 'bob', username: 'bob', displayName: 'Bob' },
    status: null,
  };
}

function listPayload(unread: number, nodes: ReturnType<typeof notification>[]) {
  return {
    unreadNotificationCount: unread,
    notifications: {
      edges: nodes.map((node) => ({ cursor: node.id, node })),
      pageInfo: { endCursor: nodes.at(-1)?.id ?? null, hasNextPage: false },
    },
  };
}

/** A store holding the "all" and "mentions" lists, as the notifications page loaded them. */
function loaded(): Environment {
  const environment = environmentWith(
    NotificationsPageQueryNode,
    { types: [] },
    listPayload(1, [notification('n1', 'MENTION'), notification('n0', 'FOLLOW', true)]),
  );
  environment.commitPayload(
    createOperationDescriptor(getRequest(NotificationsPageQueryNode), { types: ['MENTION'] }),
    listPayload(1, [notification('n1', 'MENTION')]),
  );
  return environment;
}

function listed(environment: Environment, filter: 'all' | 'mentions'): string[] {
  const source = environment.getStore().getSource();
  const connection = source.get(notificationsConnectionId(filter));
  const edgeRefs = (connection?.edges as { __refs: string[] } | undefined)?.__refs ?? [];
  return edgeRefs.map((ref) => (source.get(ref)?.node as { __ref: string }).__ref);
}

function unread(environment: Environment): unknown {
  return environment.getStore().getSource().get('client:root')?.unreadNotificationCount;
}

function arrive(environment: Environment, payload: ReturnType<typeof notification>): void {
  environment.commitPayload(
    createOperationDescriptor(getRequest(NotificationsPageQueryNode), { types: ['POLL'] }),
    listPayload(Number(unread(environment)), [payload]),
  );
  commitLocalUpdate(environment, (store) => {
    const record = store.get(payload.id);
    if (record !== null && record !== undefined) receiveNotification(store, record);
  });
}

describe('receiveNotification', () => {
  it('puts a notification on top of the lists of its kind, and counts it', () => {
    const environment = loaded();
    expect(listed(environment, 'all')).toEqual(['n1', 'n0']);
    expect(unread(environment)).toBe(1);

    arrive(environment, notification('n2', 'FAVOURITE'));
    expect(listed(environment, 'all')).toEqual(['n2', 'n1', 'n0']);
    expect(listed(environment, 'mentions')).toEqual(['n1']);
    expect(unread(environment)).toBe(2);

    arrive(environment, notification('n3', 'MENTION'));
    expect(listed(environment, 'all')).toEqual(['n3', 'n2', 'n1', 'n0']);
    expect(listed(environment, 'mentions')).toEqual(['n3', 'n1']);
    expect(unread(environment)).toBe(3);
  });

  it('lists a notification once, however often it comes', () => {
    const environment = loaded();
    arrive(environment, notification('n2', 'MENTION'));
    arrive(environment, notification('n2', 'MENTION'));
    expect(listed(environment, 'mentions')).toEqual(['n2', 'n1']);
  });
});

describe('markAllRead', () => {
  it('clears the count and the new marks', () => {
    const environment = loaded();
    arrive(environment, notification('n2', 'FAVOURITE'));
    commitLocalUpdate(environment, markAllRead);
    expect(unread(environment)).toBe(0);
    const source = environment.getStore().getSource();
    expect(['n0', 'n1', 'n2'].map((id) => source.get(id)?.read)).toEqual([true, true, true]);
  });
});

describe('dismissNotification', () => {
  it('takes an unread notification out of every list and the count', () => {
    const environment = loaded();
    commitLocalUpdate(environment, (store) => dismissNotification(store, 'n1'));
    expect(listed(environment, 'all')).toEqual(['n0']);
    expect(listed(environment, 'mentions')).toEqual([]);
    expect(unread(environment)).toBe(0);
  });

  it('leaves the count alone for one already read', () => {
    const environment = loaded();
    commitLocalUpdate(environment, (store) => dismissNotification(store, 'n0'));
    expect(listed(environment, 'all')).toEqual(['n1']);
    expect(unread(environment)).toBe(1);
  });
});
