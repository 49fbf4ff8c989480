// The count of unread notifications, beside the navigation's link and in the title bar, kept
// live by the viewer's notification stream, which also puts new ones into the loaded lists.
import { useEffect, useMemo, useRef } from 'react';
import { graphql, useLazyLoadQuery, useRelayEnvironment, useSubscription } from 'react-relay/hooks';
import { fetchQuery, type GraphQLSubscriptionConfig } from 'relay-runtime';
import { t } from '../i18n/en';
import { pageText } from '../i18n/pageText';
import { setUnreadCount } from '../lib/documentTitle';
import { useLiveConnection } from '../relay/connection';
import { invalidateLists, receiveNotification } from '../routes/notifications/store';
import type { UnreadNotificationsQuery } from './__generated__/UnreadNotificationsQuery.graphql';
import type { UnreadNotificationsSubscription } from './__generated__/UnreadNotificationsSubscription.graphql';

const countQuery = graphql`
  query UnreadNotificationsQuery {
    unreadNotificationCount
  }
`;

const stream = graphql`
  subscription UnreadNotificationsSubscription {
    notificationReceived {
      kind
      notification {
        id
        type
        read
        ...Notification_notification
      }
    }
  }
`;

/** The unread count, shown after its link's name; rendered only for a signed-in viewer. */
export function UnreadNotifications() {
  const environment = useRelayEnvironment();
  const data = useLazyLoadQuery<UnreadNotificationsQuery>(countQuery, {}, { fetchPolicy: 'store-and-network' });
  const count = data.unreadNotificationCount;

  const config = useMemo<GraphQLSubscriptionConfig<UnreadNotificationsSubscription>>(() => {
    const recount = () => fetchQuery(environment, countQuery, {}, { fetchPolicy: 'network-only' }).subscribe({});
    return {
      subscription: stream,
      variables: {},
      updater: (store) => {
        const event = store.getRootField('notificationReceived');
        if (event?.getValue('kind') === 'LAGGED') {
          invalidateLists(store);
          return;
        }
        const notification = event?.getLinkedRecord('notification');
        if (notification !== null && notification !== undefined) receiveNotification(store, notification);
      },
      onNext: (response) => {
        if (response?.notificationReceived.kind === 'LAGGED') recount();
      },
    };
  }, [environment]);
  useSubscription<UnreadNotificationsSubscription>(config);

  // What arrived while the live connection was lost is counted afresh once it is back.
  const { reconnects } = useLiveConnection();
  const seenReconnects = useRef(reconnects);
  useEffect(() => {
    if (reconnects === seenReconnects.current) return undefined;
    seenReconnects.current = reconnects;
    const fetching = fetchQuery(environment, countQuery, {}, { fetchPolicy: 'network-only' }).subscribe({});
    return () => fetching.unsubscribe();
  }, [environment, reconnects]);

  useEffect(() => setUnreadCount(count), [count]);
  useEffect(() => () => setUnreadCount(0), []);

  if (count <= 0) return null;
  return (
    <>
      <span className="nav__badge" aria-hidden="true">
        {count > 99 ? '99+' : count}
      </span>
      <span className="visually-hidden"> {t(pageText.notifications.unreadCount, { count })}</span>
    </>
  );
}
