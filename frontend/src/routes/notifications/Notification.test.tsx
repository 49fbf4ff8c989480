// Every kind of notification reads as a sentence naming who did it, with an icon.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { environmentWith, render, type Rendered } from '../../testing/render';
import { Notification } from './Notification';
import type { NotificationTestQuery } from './__generated__/NotificationTestQuery.graphql';

const query = graphql`
  query NotificationTestQuery {
    notifications(first: 20) {
      edges {
        node {
          id
          ...Notification_notification
        }
      }
    }
  }
`;

const TYPES = [
  'MENTION',
  'FOLLOW',
  'FOLLOW_REQUEST',
  'FAVOURITE',
  'REBLOG',
  'ADMIN_REPORT',
  'UPDATE',
  'POLL',
  'QUOTE',
  'MODERATION_WARNING',
  'REPORT_RESOLVED',
];

function List() {
  const data = useLazyLoadQuery<NotificationTestQuery>(query, {}, { fetchPolicy: 'store-only' });
  return (
    <>
      {data.notifications.edges.map(({ node }) => (
        <Notification key={node.id} notification={node} />
      ))}
    </>
  );
}

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

describe('Notification', () => {
  it('says what happened for every type, with an icon, and who did it', () => {
    const environment = environmentWith(query, {}, {
      notifications: {
        edges: TYPES.map((type, index) => ({
          node: {
            __typename: 'Notification',
            id: `n${index}`,
            type,
            read: index > 0,
            createdAt: new Date().toISOString(),
            account: type === 'POLL' || type === 'MODERATION_WARNING' ? null : { __typename: 'Account', id: 'bob', acct: 'bob@elsewhere.example', username: 'bob', displayName: 'Bob' },
            status: null,
          },
        })),
      },
    });
    rendered = render(environment, <List />);
    const items = Array.from(rendered.container.querySelectorAll('.notification'));
    const sentences = items.map((item) => item.querySelector('p')?.textContent?.replace(/ · .*$/, ''));
    expect(sentences).toEqual([
      'Bob mentioned you, unread',
      'Bob followed you',
      'Bob asked to follow you',
      'Bob favourited your post',
      'Bob boosted your post',
      'Bob filed a report',
      'Bob edited a post you boosted or quoted',
      'A poll you voted in or wrote has ended',
      'Bob quoted your post',
      'A moderator acted on your account: see your account standing',
      'Your report about Bob was acted on. Thank you',
    ]);
    expect(items.every((item) => item.querySelector('svg[aria-hidden="true"]') !== null)).toBe(true);
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe('/@bob@elsewhere.example');
    expect(items[9]?.querySelector('p a')?.getAttribute('href')).toBe('/settings/strikes');
    expect(items[10]?.querySelector('p a'), 'the account reported may be gone').toBeNull();
    expect(items[0]?.classList.contains('notification--unread')).toBe(true);
    expect(items[1]?.classList.contains('notification--unread')).toBe(false);
    expect(items[3]?.querySelector('button')?.getAttribute('aria-label')).toBe('Dismiss: Bob favourited your post');
  });

  it('accepts a follow request, and says so in place of the buttons', async () => {
    const requests: string[] = [];
    const environment = environmentWith(
      query,
      {},
      {
        notifications: {
          edges: [
            {
              node: {
                __typename: 'Notification',
                id: 'n1',
                type: 'FOLLOW_REQUEST',
                read: false,
                createdAt: new Date().toISOString(),
                account: { __typename: 'Account', id: 'bob', acct: 'bob', username: 'bob', displayName: 'Bob' },
                status: null,
              },
            },
          ],
        },
      },
      (operation, variables) => {
        requests.push(`${operation.name} ${JSON.stringify(variables)}`);
        return Promise.resolve({ data: { acceptFollowRequest: { account: { __typename: 'Account', id: 'bob' } } } });
      },
    );
    rendered = render(environment, <List />);
    const group = rendered.container.querySelector('[role="group"]');
    expect(group?.getAttribute('aria-label')).toBe('Follow request of Bob');
    const accept = Array.from(group?.querySelectorAll('button') ?? []).find((button) => button.textContent === 'Accept');
    await act(async () => accept?.click());
    expect(requests).toEqual(['NotificationAcceptMutation {"input":{"accountId":"bob"}}']);
    expect(rendered.container.querySelector('[role="group"]')).toBeNull();
    expect(rendered.container.querySelector('.notification__answer')?.textContent).toBe('Bob follows you now.');
  });
});
