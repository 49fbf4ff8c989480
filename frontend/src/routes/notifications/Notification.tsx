// One notification: an icon and a sentence saying what happened, when, the post it is about,
// and a button to dismiss it.
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { useAnnounce } from '../../components/Announcer';
import {
  AtIcon,
  BoostIcon,
  FlagIcon,
  PencilIcon,
  PersonPlusIcon,
  PollIcon,
  QuoteIcon,
  StarIcon,
} from '../../components/Icons';
import { RelativeTime } from '../../components/RelativeTime';
import { Status } from '../../components/Status';
import { en, t } from '../../i18n/en';
import { messageOf } from '../../relay/errors';
import { Link, profilePath } from '../../router';
import { dismissNotification } from './store';
import type { Notification_notification$key, NotificationType } from './__generated__/Notification_notification.graphql';
import type { NotificationDismissMutation } from './__generated__/NotificationDismissMutation.graphql';

const notificationFragment = graphql`
  fragment Notification_notification on Notification {
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
      ...Status_status
    }
  }
`;

const dismissMutation = graphql`
  mutation NotificationDismissMutation($input: DismissNotificationInput!) {
    dismissNotification(input: $input) {
      dismissedNotificationId
    }
  }
`;

const ICONS: Record<NotificationType, typeof StarIcon> = {
  MENTION: AtIcon,
  FOLLOW: PersonPlusIcon,
  FOLLOW_REQUEST: PersonPlusIcon,
  FAVOURITE: StarIcon,
  REBLOG: BoostIcon,
  ADMIN_REPORT: FlagIcon,
  UPDATE: PencilIcon,
  POLL: PollIcon,
  QUOTE: QuoteIcon,
  '%future added value': AtIcon,
};

/** What happened, as a sentence naming who did it. */
function sentenceFor(type: string, name: string): string {
  const message = (en.notifications.types as Record<string, string>)[type] ?? en.notifications.unknownType;
  return t(message, { name });
}

export function Notification({ notification: key }: { notification: Notification_notification$key }) {
  const notification = useFragment(notificationFragment, key);
  const announce = useAnnounce();
  const [dismiss, dismissing] = useMutation<NotificationDismissMutation>(dismissMutation);
  const account = notification.account ?? null;
  const name =
    account === null ? en.notifications.someone : account.displayName === '' ? account.username : account.displayName;
  const sentence = sentenceFor(notification.type, name);
  const Icon = ICONS[notification.type];
  const onDismiss = () =>
    dismiss({
      variables: { input: { id: notification.id } },
      updater: (store) => dismissNotification(store, notification.id),
      onError: (error) => announce(t(en.notifications.dismissFailed, { reason: messageOf(error) })),
    });
  return (
    <div className={`notification notification--${notification.type.toLowerCase()}${notification.read ? '' : ' notification--unread'}`}>
      <div className="notification__what">
        <Icon />
        <p>
          {account === null ? sentence : <Link to={profilePath(account.acct)}>{sentence}</Link>}
          {!notification.read && <span className="visually-hidden">, {en.notifications.unread}</span>} ·{' '}
          <RelativeTime iso={notification.createdAt} />
        </p>
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={dismissing}
          aria-label={t(en.notifications.dismissOne, { sentence })}
          onClick={onDismiss}
        >
          {en.notifications.dismiss}
        </button>
      </div>
      {notification.status !== null && notification.status !== undefined && <Status status={notification.status} signedIn />}
    </div>
  );
}
