// Conversations as they change: one live subscription while signed in puts a conversation
// with a new message at the top of the list, and the navigation shows how many are unread.
import { useMemo } from 'react';
import { graphql, useLazyLoadQuery, useRelayEnvironment, useSubscription } from 'react-relay/hooks';
import { ConnectionHandler, fetchQuery, type Environment, type GraphQLSubscriptionConfig } from 'relay-runtime';
import { en, t } from '../i18n/en';
import type { ConversationsLiveSubscription } from './__generated__/ConversationsLiveSubscription.graphql';
import type { ConversationsLiveUnreadQuery } from './__generated__/ConversationsLiveUnreadQuery.graphql';

/** The list of conversations the conversations page shows. */
export const CONVERSATIONS_CONNECTION = ConnectionHandler.getConnectionID('client:root', 'ConversationsPage_conversations');

const unreadQuery = graphql`
  query ConversationsLiveUnreadQuery {
    unreadConversationCount
  }
`;

const updates = graphql`
  subscription ConversationsLiveSubscription {
    conversationUpdates {
      id
      lastStatus {
        id
      }
      ...ConversationSummary_conversation
    }
  }
`;

/** Asks the server again how many conversations are unread. */
export function refreshUnreadConversations(environment: Environment): void {
  fetchQuery<ConversationsLiveUnreadQuery>(environment, unreadQuery, {}, { fetchPolicy: 'network-only' }).subscribe({});
}

/** Listens for conversations with new messages (renders nothing). */
export function ConversationUpdates() {
  const environment = useRelayEnvironment();
  const config = useMemo<GraphQLSubscriptionConfig<ConversationsLiveSubscription>>(
    () => ({
      subscription: updates,
      variables: {},
      updater: (store) => {
        const conversation = store.getRootField('conversationUpdates');
        const connection = store.get(CONVERSATIONS_CONNECTION);
        if (conversation === null || connection === null || connection === undefined) return;
        ConnectionHandler.deleteNode(connection, conversation.getDataID());
        const edge = ConnectionHandler.createEdge(store, connection, conversation, 'ConversationEdge');
        ConnectionHandler.insertEdgeBefore(connection, edge);
      },
      onNext: () => refreshUnreadConversations(environment),
      // A failed live connection leaves the list as it was; the page shows it afresh when opened.
      onError: () => undefined,
    }),
    [environment],
  );
  useSubscription<ConversationsLiveSubscription>(config);
  return null;
}

/** How many conversations are unread, beside the navigation's link; nothing when none is. */
export function UnreadConversationsBadge() {
  const data = useLazyLoadQuery<ConversationsLiveUnreadQuery>(unreadQuery, {}, { fetchPolicy: 'store-or-network' });
  const count = data.unreadConversationCount;
  if (count === 0) return null;
  return (
    <>
      <b className="nav__badge" aria-hidden="true">
        {count}
      </b>
      <span className="visually-hidden"> {t(en.nav.unreadConversations, { count })}</span>
    </>
  );
}
