// One conversation: its messages oldest first, a reply box, and leaving it. Opening it marks
// it read, and so does a new message that comes while it is open.
import { Suspense, useDeferredValue, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation, useRelayEnvironment } from 'react-relay/hooks';
import { useAnnounce } from '../../components/Announcer';
import { CONVERSATIONS_CONNECTION, refreshUnreadConversations } from '../../components/ConversationsLive';
import { participantNames } from '../../components/ConversationSummary';
import { Avatar } from '../../components/Avatar';
import { Content } from '../../components/Content';
import { RelativeTime } from '../../components/RelativeTime';
import { en } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { messageOf } from '../../relay/errors';
import { Link, navigate, profilePath } from '../../router';
import type { ConversationThreadLeaveMutation } from './__generated__/ConversationThreadLeaveMutation.graphql';
import type { ConversationThread_message$key } from './__generated__/ConversationThread_message.graphql';
import type { ConversationThreadMarkReadMutation } from './__generated__/ConversationThreadMarkReadMutation.graphql';
import type { ConversationThreadMessagesQuery } from './__generated__/ConversationThreadMessagesQuery.graphql';
import type { ConversationThreadQuery } from './__generated__/ConversationThreadQuery.graphql';
import type { ConversationThreadReplyMutation } from './__generated__/ConversationThreadReplyMutation.graphql';
import { shownName } from '../../lib/shownName';

const conversationQuery = graphql`
  query ConversationThreadQuery($id: ID!) {
    node(id: $id) {
      __typename
      ... on Conversation {
        id
        unread
        participants {
          id
          acct
          username
          displayName
        }
        lastStatus {
          id
        }
      }
    }
  }
`;

// The latest message and those it answers: replies to it would be later, so it has none.
// Each is read with what a message shows (the server weighs a thread's lists as 100 posts,
// so whole posts would pass its complexity limit).
const messagesQuery = graphql`
  query ConversationThreadMessagesQuery($statusId: ID!) {
    thread(statusId: $statusId) {
      ancestors {
        ...ConversationThread_message
      }
      status {
        ...ConversationThread_message
      }
    }
  }
`;

const messageFragment = graphql`
  fragment ConversationThread_message on Status {
    id
    content
    createdAt
    deleted
    author {
      acct
      username
      displayName
      avatarUrl
    }
  }
`;

const markReadMutation = graphql`
  mutation ConversationThreadMarkReadMutation($input: ConversationInput!) {
    markConversationRead(input: $input) {
      conversation {
        id
        unread
      }
    }
  }
`;

const replyMutation = graphql`
  mutation ConversationThreadReplyMutation($input: CreateStatusInput!) {
    createStatus(input: $input) {
      status {
        ...ConversationThread_message
      }
    }
  }
`;

const leaveMutation = graphql`
  mutation ConversationThreadLeaveMutation($input: ConversationInput!, $connections: [ID!]!) {
    leaveConversation(input: $input) {
      leftConversationId @deleteEdge(connections: $connections)
    }
  }
`;

/** The text a reply starts with: a mention of everyone else, so that they all receive it. */
export function replyPrefix(participants: readonly { acct: string }[]): string {
  return participants.map((account) => `@${account.acct} `).join('');
}

/** One message: who wrote it, when, and what it says. */
function Message({ message: key }: { message: ConversationThread_message$key }) {
  const message = useFragment(messageFragment, key);
  const name = shownName(message.author);
  if (message.deleted) return <p className="status status__deleted">{en.status.deleted}</p>;
  return (
    <article className="status">
      <header className="status__header">
        <Link to={profilePath(message.author.acct)} className="status__author">
          <Avatar url={message.author.avatarUrl} name={name} />
          <span className="status__names">
            <span className="status__display-name">{name}</span>
            <span className="status__acct">@{message.author.acct}</span>
          </span>
        </Link>
        <span className="status__time">
          <RelativeTime iso={message.createdAt} />
        </span>
      </header>
      <Content html={message.content} />
    </article>
  );
}

function Messages({ statusId }: { statusId: string }) {
  const data = useLazyLoadQuery<ConversationThreadMessagesQuery>(messagesQuery, { statusId }, { fetchPolicy: 'store-and-network' });
  const messages = [...data.thread.ancestors, data.thread.status];
  return (
    <ol className="conversation__messages" aria-label={pageText.conversations.thread}>
      {messages.map((message, index) => (
        <li key={index}>
          <Message message={message} />
        </li>
      ))}
    </ol>
  );
}

function ReplyBox({ conversationId, inReplyToId, prefix }: { conversationId: string; inReplyToId: string; prefix: string }) {
  const announce = useAnnounce();
  const [commit, sending] = useMutation<ConversationThreadReplyMutation>(replyMutation);
  const [text, setText] = useState(prefix);
  const [error, setError] = useState<string | null>(null);
  const ids = { text: useId(), hint: useId(), error: useId() };
  const empty = text.trim() === '' || text.trim() === prefix.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (empty || sending) return;
    setError(null);
    commit({
      variables: { input: { text, visibility: 'DIRECT', inReplyToId } },
      // The reply is the conversation's latest message: the thread shows it at once.
      updater: (store) => {
        const reply = store.getRootField('createStatus').getLinkedRecord('status');
        if (reply !== null && reply !== undefined) store.get(conversationId)?.setLinkedRecord(reply, 'lastStatus');
      },
      onCompleted: () => {
        setText(prefix);
        announce(pageText.conversations.sent);
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  return (
    <form className="conversation__reply" onSubmit={submit}>
      <label htmlFor={ids.text}>{pageText.conversations.reply}</label>
      <textarea
        id={ids.text}
        className="input"
        rows={3}
        value={text}
        aria-describedby={error === null ? ids.hint : `${ids.hint} ${ids.error}`}
        onChange={(event) => setText(event.target.value)}
      />
      <p id={ids.hint} className="hint">
        {pageText.conversations.replyHint}
      </p>
      {error !== null && (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={empty || sending}>
          {sending ? pageText.conversations.sending : pageText.conversations.send}
        </button>
      </div>
    </form>
  );
}

function LeaveButton({ conversationId }: { conversationId: string }) {
  const announce = useAnnounce();
  const environment = useRelayEnvironment();
  const [commit, leaving] = useMutation<ConversationThreadLeaveMutation>(leaveMutation);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const leaveButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) confirmButton.current?.focus();
  }, [asking]);

  const leave = () => {
    setError(null);
    commit({
      variables: { input: { id: conversationId }, connections: [CONVERSATIONS_CONNECTION] },
      onCompleted: () => {
        refreshUnreadConversations(environment);
        announce(pageText.conversations.left);
        navigate('/conversations');
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  if (!asking) {
    return (
      <button ref={leaveButton} type="button" className="button button--small" onClick={() => setAsking(true)}>
        {pageText.conversations.leave}
      </button>
    );
  }
  return (
    <div className="conversation__leave" role="group" aria-label={pageText.conversations.leave}>
      <p>{pageText.conversations.leaveQuestion}</p>
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="actions">
        <button ref={confirmButton} type="button" className="button button--danger" disabled={leaving} onClick={leave}>
          {leaving ? pageText.conversations.leaving : pageText.conversations.leaveConfirm}
        </button>
        <button type="button" className="button" onClick={() => setAsking(false)}>
          {pageText.conversations.cancel}
        </button>
      </p>
    </div>
  );
}

/** Marks the conversation read whenever it is open and unread. */
function useMarkRead(conversationId: string, unread: boolean) {
  const environment = useRelayEnvironment();
  const [commit] = useMutation<ConversationThreadMarkReadMutation>(markReadMutation);
  useEffect(() => {
    if (!unread) return;
    commit({
      variables: { input: { id: conversationId } },
      optimisticResponse: { markConversationRead: { conversation: { id: conversationId, unread: false } } },
      onCompleted: () => refreshUnreadConversations(environment),
      onError: () => undefined,
    });
  }, [commit, environment, conversationId, unread]);
}

export function ConversationThread({ id }: { id: string }) {
  const data = useLazyLoadQuery<ConversationThreadQuery>(conversationQuery, { id }, { fetchPolicy: 'store-and-network' });
  const conversation = data.node?.__typename === 'Conversation' ? data.node : null;
  useMarkRead(id, conversation?.unread ?? false);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => heading.current?.focus(), [id]);
  // While the newest message loads, the ones before it stay on the page.
  const lastStatusId = useDeferredValue(conversation?.lastStatus?.id ?? null);

  if (conversation === null) {
    return <p className="panel">{pageText.conversations.notAConversation}</p>;
  }
  const names = participantNames(conversation.participants);
  return (
    <section className="conversation" aria-labelledby={headingId}>
      <header className="conversation__header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {names}
        </h2>
        <LeaveButton conversationId={conversation.id} />
      </header>
      {lastStatusId === null ? (
        <p>{pageText.conversations.noLastMessage}</p>
      ) : (
        <>
          <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
            <Messages statusId={lastStatusId} />
          </Suspense>
          <ReplyBox
            key={conversation.id}
            conversationId={conversation.id}
            inReplyToId={lastStatusId}
            prefix={replyPrefix(conversation.participants)}
          />
        </>
      )}
    </section>
  );
}
