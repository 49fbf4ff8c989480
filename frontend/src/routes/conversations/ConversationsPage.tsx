// Direct messages, `/conversations`: the list beside the open conversation on wide screens,
// one of them at a time on narrow ones.
import { Suspense } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { ConversationSummary } from '../../components/ConversationSummary';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PageHeading } from '../../components/PageHeading';
import { en } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { Link } from '../../router';
import { ConversationThread } from './ConversationThread';
import type { ConversationsPageQuery } from './__generated__/ConversationsPageQuery.graphql';
import type { ConversationsPage_query$key } from './__generated__/ConversationsPage_query.graphql';
import type { ConversationsPaginationQuery } from './__generated__/ConversationsPaginationQuery.graphql';

const pageQuery = graphql`
  query ConversationsPageQuery {
    ...ConversationsPage_query
  }
`;

const listFragment = graphql`
  fragment ConversationsPage_query on Query
  @refetchable(queryName: "ConversationsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    conversations(first: $count, after: $cursor) @connection(key: "ConversationsPage_conversations") {
      edges {
        node {
          id
          ...ConversationSummary_conversation
        }
      }
    }
  }
`;

function ConversationList({ query, openId }: { query: ConversationsPage_query$key; openId: string | null }) {
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<
    ConversationsPaginationQuery,
    ConversationsPage_query$key
  >(listFragment, query);
  const edges = data.conversations.edges;
  return (
    <nav className="conversations__list" aria-label={pageText.conversations.list}>
      {edges.length === 0 ? (
        <p className="timeline__empty">{pageText.conversations.empty}</p>
      ) : (
        <ul className="conversation-list">
          {edges.map((edge) => (
            <li key={edge.node.id}>
              <ConversationSummary conversation={edge.node} current={edge.node.id === openId} />
            </li>
          ))}
        </ul>
      )}
      {hasNext && (
        <button type="button" className="button" disabled={isLoadingNext} onClick={() => loadNext(20)}>
          {isLoadingNext ? en.timeline.loadingMore : pageText.conversations.loadMore}
        </button>
      )}
    </nav>
  );
}

function Conversations({ conversationId }: { conversationId: string | null }) {
  const data = useLazyLoadQuery<ConversationsPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return (
    <div className={conversationId === null ? 'conversations' : 'conversations conversations--open'}>
      <ConversationList query={data} openId={conversationId} />
      <div className="conversations__thread">
        {conversationId === null ? (
          <p className="conversations__choose">{pageText.conversations.choose}</p>
        ) : (
          <>
            <Link to="/conversations" className="conversations__back">
              {pageText.conversations.back}
            </Link>
            <ErrorBoundary>
              <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
                <ConversationThread id={conversationId} />
              </Suspense>
            </ErrorBoundary>
          </>
        )}
      </div>
    </div>
  );
}

export default function ConversationsPage({
  conversationId,
  signedIn,
}: {
  conversationId: string | null;
  signedIn: boolean;
}) {
  return (
    <>
      <PageHeading title={pageText.conversations.title} />
      {signedIn ? (
        <Conversations conversationId={conversationId} />
      ) : (
        <div className="panel">
          <p>{pageText.conversations.signInFirst}</p>
          <p className="actions">
            <Link to="/sign-in" className="button button--primary">
              {en.nav.signIn}
            </Link>
          </p>
        </div>
      )}
    </>
  );
}
