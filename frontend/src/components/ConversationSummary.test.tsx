// A conversation in the list names the others in it, quotes the latest message and marks it unread.
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { replyPrefix } from '../routes/conversations/ConversationThread';
import { environmentWith, render, type Rendered } from '../testing/render';
import { ConversationSummary, participantNames } from './ConversationSummary';
import type { ConversationSummaryTestQuery } from './__generated__/ConversationSummaryTestQuery.graphql';

const query = graphql`
  query ConversationSummaryTestQuery($id: ID!) {
    node(id: $id) {
      ...ConversationSummary_conversation @alias(as: "conversation")
    }
  }
`;

function Summary({ id }: { id: string }) {
  const data = useLazyLoadQuery<ConversationSummaryTestQuery>(query, { id }, { fetchPolicy: 'store-only' });
  const conversation = data.node?.conversation;
  return conversation === null || conversation === undefined ? null : <ConversationSummary conversation={conversation} current={false} />;
}

const account = (username: string, displayName = '') => ({
  __typename: 'Account',
  id: `account-${username}`,
  acct: username,
  username,
  displayName,
  avatarUrl: null,
});

function conversation(id: string, unread: boolean) {
  return {
    __typename: 'Conversation',
    id,
    unread,
    participants: [account('bob', 'Bob'), account('carol')],
    lastStatus: {
      __typename: 'Status',
      id: `${id}-last`,
      content: '<p><a href="https://example.test/@bob" class="mention">@<span>bob</span></a> see you</p><p>at noon</p>',
      createdAt: new Date().toISOString(),
    },
  };
}

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function show(node: ReturnType<typeof conversation>): HTMLAnchorElement {
  rendered = render(environmentWith(query, { id: node.id }, { node }), <Summary id={node.id} />);
  const link = rendered.container.querySelector('a');
  if (link === null) throw new Error('no link');
  return link;
}

describe('ConversationSummary', () => {
  it('names everyone else, quotes the latest message as text and marks it unread', () => {
    const link = show(conversation('c/1', true));
    expect(link.getAttribute('href')).toBe('/conversations/c%2F1');
    expect(link.querySelector('.conversation-summary__names')?.textContent).toBe('Unread: Bob, carol');
    expect(link.querySelector('.conversation-summary__last')?.textContent).toBe('@bob see you at noon');
  });

  it('has no unread marker once read', () => {
    const link = show(conversation('c2', false));
    expect(link.querySelector('.conversation-summary__unread')).toBeNull();
    expect(link.textContent).not.toContain('Unread');
  });
});

describe('participantNames and replyPrefix', () => {
  it('say who is in it and mention them all', () => {
    expect(participantNames([])).toBe('Only you');
    expect(replyPrefix([{ acct: 'bob' }, { acct: 'dana@other.example' }])).toBe('@bob @dana@other.example ');
  });
});
