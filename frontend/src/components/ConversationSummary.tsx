// One conversation in the list: who is in it, the latest message, and whether it is unread.
import { graphql, useFragment } from 'react-relay/hooks';
import { pageText } from '../i18n/pageText';
import { textOf } from '../lib/html';
import { Link, conversationPath } from '../router';
import { Avatar } from './Avatar';
import { RelativeTime } from './RelativeTime';
import type { ConversationSummary_conversation$key } from './__generated__/ConversationSummary_conversation.graphql';
import { shownName } from '../lib/shownName';

const conversationFragment = graphql`
  fragment ConversationSummary_conversation on Conversation {
    id
    unread
    participants {
      id
      acct
      username
      displayName
      avatarUrl
    }
    lastStatus {
      id
      content
      createdAt
    }
  }
`;

/** Everyone's names, as a person reads them. */
export function participantNames(participants: readonly { username: string; displayName: string }[]): string {
  if (participants.length === 0) return pageText.conversations.withNobody;
  return participants.map(shownName).join(', ');
}

export function ConversationSummary({
  conversation: key,
  current,
}: {
  conversation: ConversationSummary_conversation$key;
  current: boolean;
}) {
  const conversation = useFragment(conversationFragment, key);
  const names = participantNames(conversation.participants);
  const first = conversation.participants[0];
  const last = conversation.lastStatus;
  return (
    <Link
      to={conversationPath(conversation.id)}
      className={`conversation-summary${conversation.unread ? ' conversation-summary--unread' : ''}`}
      aria-current={current ? 'page' : undefined}
    >
      <Avatar url={first?.avatarUrl} name={names} />
      <span className="conversation-summary__text">
        <span className="conversation-summary__names">
          {conversation.unread && (
            <span className="conversation-summary__unread">
              <span className="visually-hidden">{pageText.conversations.unread}: </span>
            </span>
          )}
          {names}
        </span>
        <span className="conversation-summary__last">
          {last === null || last === undefined ? pageText.conversations.noLastMessage : textOf(last.content)}
        </span>
      </span>
      {last !== null && last !== undefined && (
        <span className="conversation-summary__time">
          <RelativeTime iso={last.createdAt} />
        </span>
      )}
    </Link>
  );
}
