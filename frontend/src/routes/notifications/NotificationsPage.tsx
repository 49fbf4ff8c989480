// The viewer's notifications, newest first and live, of every type or one kind at a time,
// with a link to the follow requests while some wait; each can be dismissed, and all marked
// read.
import { useEffect, useRef, useState, useTransition } from 'react';
import {
  graphql,
  useLazyLoadQuery,
  useMutation,
  usePaginationFragment,
  useSubscribeToInvalidationState,
} from 'react-relay/hooks';
import { useAnnounce } from '../../components/Announcer';
import { PageHeading } from '../../components/PageHeading';
import { Timeline } from '../../components/Timeline';
import { noLiveUpdates } from '../../components/live';
import { t } from '../../i18n/en';
import { accountText } from '../../i18n/accountText';
import { pageText } from '../../i18n/pageText';
import { useLiveConnection } from '../../relay/connection';
import { messageOf } from '../../relay/errors';
import { Link } from '../../router';
import HomePage from '../home/HomePage';
import { Notification } from './Notification';
import {
  FILTER_NAMES,
  NOTIFICATION_FILTERS,
  markAllRead,
  notificationsConnectionId,
  type NotificationFilter,
} from './store';
import type { NotificationsPageQuery } from './__generated__/NotificationsPageQuery.graphql';
import type { NotificationsPage_query$key } from './__generated__/NotificationsPage_query.graphql';
import type { NotificationsPagePaginationQuery } from './__generated__/NotificationsPagePaginationQuery.graphql';
import type { NotificationsPageMarkReadMutation } from './__generated__/NotificationsPageMarkReadMutation.graphql';

const pageQuery = graphql`
  query NotificationsPageQuery($types: [NotificationType!]!) {
    unreadNotificationCount
    ...NotificationsPage_query @arguments(types: $types)
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
  @argumentDefinitions(
    types: { type: "[NotificationType!]!" }
    count: { type: "Int", defaultValue: 20 }
    cursor: { type: "String" }
  ) {
    notifications(filter: { types: $types }, first: $count, after: $cursor)
      @connection(key: "NotificationsPage_notifications") {
      edges {
        node {
          id
          ...Notification_notification
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

function NotificationList({ query, filter }: { query: NotificationsPage_query$key; filter: NotificationFilter }) {
  const { data, loadNext, hasNext, isLoadingNext, refetch } = usePaginationFragment<
    NotificationsPagePaginationQuery,
    NotificationsPage_query$key
  >(listFragment, query);
  const refresh = () => refetch({}, { fetchPolicy: 'network-only' });
  // Fetched afresh when notifications were lost, and when the live connection comes back.
  useSubscribeToInvalidationState([notificationsConnectionId(filter)], refresh);
  const { reconnects } = useLiveConnection();
  const seenReconnects = useRef(reconnects);
  useEffect(() => {
    if (reconnects === seenReconnects.current) return;
    seenReconnects.current = reconnects;
    refetch({}, { fetchPolicy: 'network-only' });
  }, [reconnects, refetch]);
  const edges = data.notifications.edges;
  return (
    <Timeline
      label={t(pageText.notifications.listLabel, { kind: pageText.notifications.filters[filter] })}
      count={edges.length}
      hasNext={hasNext}
      isLoadingNext={isLoadingNext}
      loadNext={() => loadNext(20)}
      // New notifications go straight to the top (the navigation's subscription puts them there).
      live={noLiveUpdates}
      onRefresh={refresh}
      emptyMessage={filter === 'all' ? pageText.notifications.empty : pageText.notifications.emptyFiltered}
    >
      {edges.map(({ node }) => (
        <Notification key={node.id} notification={node} />
      ))}
    </Timeline>
  );
}

function Notifications() {
  const [filter, setFilter] = useState<NotificationFilter>('all');
  const [switching, startSwitching] = useTransition();
  const data = useLazyLoadQuery<NotificationsPageQuery>(
    pageQuery,
    { types: NOTIFICATION_FILTERS[filter] },
    { fetchPolicy: 'store-and-network' },
  );
  const announce = useAnnounce();
  const [markRead, marking] = useMutation<NotificationsPageMarkReadMutation>(markReadMutation);
  const onMarkRead = () =>
    markRead({
      variables: {},
      updater: markAllRead,
      onCompleted: () => announce(pageText.notifications.allRead),
      onError: (error) => announce(t(pageText.notifications.markReadFailed, { reason: messageOf(error) })),
    });
  return (
    <>
      <PageHeading title={pageText.notifications.title} />
      {data.followRequests.edges.length > 0 && (
        <p className="panel follow-requests-link">
          <Link to="/follow-requests">{accountText.followRequests.waiting}</Link>
        </p>
      )}
      <div className="notifications__bar">
        <div className="filters" role="group" aria-label={pageText.notifications.filter}>
          {FILTER_NAMES.map((name) => (
            <button
              key={name}
              type="button"
              className="button button--small"
              aria-pressed={filter === name}
              onClick={() => startSwitching(() => setFilter(name))}
            >
              {pageText.notifications.filters[name]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button--small"
          disabled={marking || data.unreadNotificationCount === 0}
          onClick={onMarkRead}
        >
          {pageText.notifications.markAllRead}
        </button>
      </div>
      <div aria-busy={switching}>
        <NotificationList query={data} filter={filter} />
      </div>
    </>
  );
}

export default function NotificationsPage({ signedIn }: { signedIn: boolean }) {
  return signedIn ? <Notifications /> : <HomePage signedIn={false} />;
}
