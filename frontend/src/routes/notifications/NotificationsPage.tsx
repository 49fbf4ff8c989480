// The viewer's notifications, newest first, with the post each is about, and a link to the
// follow requests while some wait; opening them marks them read.
import { useEffect } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { RelativeTime } from '../../components/RelativeTime';
import { Status } from '../../components/Status';
import { Timeline } from '../../components/Timeline';
import { noLiveUpdates } from '../../components/live';
import { en, t } from '../../i18n/en';
import { Link, profilePath } from '../../router';
import HomePage from '../home/HomePage';
import type { NotificationsPageQuery } from './__generated__/NotificationsPageQuery.graphql';
import type { NotificationsPage_query$key } from './__generated__/NotificationsPage_query.graphql';
import type { NotificationsPagePaginationQuery } from './__generated__/NotificationsPagePaginationQuery.graphql';
import type { NotificationsPageMarkReadMutation } from './__generated__/NotificationsPageMarkReadMutation.graphql';

const pageQuery = graphql`
  query NotificationsPageQuery {
    ...NotificationsPage_query
    followRequests(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

const listFragment = graphql`
  fragment NotificationsPage_query on Query
  @refetchable(queryName: "NotificationsPagePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    notifications(first: $count, after: $cursor) @connection(key: "NotificationsPage_notifications") {
      edges {
        node {
          id
          type
          read
          createdAt
          account {
            acct
            username
            displayName
          }
          status {
            id
            ...Status_status @arguments(filterContext: NOTIFICATIONS)
          }
        }
      }
    }
  }
`;

const markReadMutation = graphql`
  mutation NotificationsPageMarkReadMutation {
    markNotificationsRead(input: {}) {
      marked
    }
  }
`;

function NotificationList({ query }: { query: NotificationsPage_query$key }) {
  const { data, loadNext, hasNext, isLoadingNext, refetch } = usePaginationFragment<
    NotificationsPagePaginationQuery,
    NotificationsPage_query$key
  >(listFragment, query);
  const edges = data.notifications.edges;
  return (
    <Timeline
      label={en.notifications.title}
      count={edges.length}
      hasNext={hasNext}
      isLoadingNext={isLoadingNext}
      loadNext={() => loadNext(20)}
      live={noLiveUpdates}
      onRefresh={() => refetch({}, { fetchPolicy: 'network-only' })}
      emptyMessage={en.notifications.empty}
    >
      {edges.map(({ node }) => {
        const account = node.account;
        const name =
          account === null || account === undefined
            ? en.notifications.someone
            : account.displayName === ''
              ? account.username
              : account.displayName;
        const message = en.notifications[node.type as keyof typeof en.notifications] ?? node.type;
        return (
          <div key={node.id} className={`notification${node.read ? '' : ' notification--unread'}`}>
            <p className="notification__what">
              {account === null || account === undefined ? (
                t(message, { name })
              ) : (
                <Link to={profilePath(account.acct)}>{t(message, { name })}</Link>
              )}{' '}
              · <RelativeTime iso={node.createdAt} />
            </p>
            {node.status !== null && node.status !== undefined && <Status status={node.status} signedIn />}
          </div>
        );
      })}
    </Timeline>
  );
}

function Notifications() {
  const data = useLazyLoadQuery<NotificationsPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const [markRead] = useMutation<NotificationsPageMarkReadMutation>(markReadMutation);
  // Seen once listed; they stay marked as new until the page is left.
  useEffect(() => {
    markRead({ variables: {} });
  }, [markRead]);
  return (
    <>
      <PageHeading title={en.notifications.title} />
      {data.followRequests.edges.length > 0 && (
        <p className="panel follow-requests-link">
          <Link to="/follow-requests">{en.followRequests.waiting}</Link>
        </p>
      )}
      <NotificationList query={data} />
    </>
  );
}

export default function NotificationsPage({ signedIn }: { signedIn: boolean }) {
  return signedIn ? <Notifications /> : <HomePage signedIn={false} />;
}
