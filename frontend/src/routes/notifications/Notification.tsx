// One notification: an icon and a sentence saying what happened, when, the post it is about,
// a button to dismiss it, and for a follow request, buttons to accept or reject it.
import { useState } from 'react';
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
import { t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { messageOf } from '../../relay/errors';
import { Link, profilePath } from '../../router';
import { dismissNotification } from './store';
import type { Notification_notification$key, NotificationType } from './__generated__/Notification_notification.graphql';
import type { NotificationDismissMutation } from './__generated__/NotificationDismissMutation.graphql';
import type { NotificationAcceptMutation } from './__generated__/NotificationAcceptMutation.graphql';
import type { NotificationRejectMutation } from './__generated__/NotificationRejectMutation.graphql';
import { shownName } from '../../lib/shownName';

const notificationFragment = graphql`
  fragment Notification_notification on Notification {
    id
    type
    read
    createdAt
    account {
      id
      acct
      username
      displayName
    }
    status {
      id
      ...Status_status @arguments(filterContext: NOTIFICATIONS)
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

const acceptMutation = graphql`
  mutation NotificationAcceptMutation($input: AcceptFollowRequestInput!) {
    acceptFollowRequest(input: $input) {
      account {
        id
      }
    }
  }
`;

const rejectMutation = graphql`
  mutation NotificationRejectMutation($input: RejectFollowRequestInput!) {
    rejectFollowRequest(input: $input) {
      account {
        id
      }
    }
  }
`;

/** Accept and reject buttons for the follow request of `accountId`, then what was decided. */
function FollowRequestAnswer({ accountId, name }: { accountId: string; name: string }) {
  const announce = useAnnounce();
  const [accept, accepting] = useMutation<NotificationAcceptMutation>(acceptMutation);
  const [reject, rejecting] = useMutation<NotificationRejectMutation>(rejectMutation);
  const [answer, setAnswer] = useState<string | null>(null);
  if (answer !== null) return <p className="notification__answer">{answer}</p>;
  const options = (done: string) => ({
    variables: { input: { accountId } },
    onCompleted: () => {
      setAnswer(done);
      announce(done);
    },
    onError: (error: Error) => announce(t(pageText.notifications.answerFailed, { reason: messageOf(error) })),
  });
  return (
    <div className="notification__answer" role="group" aria-label={t(pageText.notifications.followRequestOf, { name })}>
      <button
        type="button"
        className="button button--small button--primary"
        disabled={accepting || rejecting}
        onClick={() => accept(options(t(pageText.notifications.accepted, { name })))}
      >
        {pageText.notifications.accept}
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={accepting || rejecting}
        onClick={() => reject(options(t(pageText.notifications.rejected, { name })))}
      >
        {pageText.notifications.reject}
      </button>
    </div>
  );
}

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
  MODERATION_WARNING: FlagIcon,
  REPORT_RESOLVED: FlagIcon,
  '%future added value': AtIcon,
};

/** Where a notification's sentence leads: the account standing for a moderator's action,
 * nowhere for a report acted on (the account reported may be gone), else the account. */
function linkFor(type: string, acct: string | null): string | null {
  if (type === 'MODERATION_WARNING') return '/settings/strikes';
  if (type === 'REPORT_RESOLVED' || acct === null) return null;
  return profilePath(acct);
}

/** What happened, as a sentence naming who did it. */
function sentenceFor(type: string, name: string): string {
  const message = (pageText.notifications.types as Record<string, string>)[type] ?? pageText.notifications.unknownType;
  return t(message, { name });
}

export function Notification({ notification: key }: { notification: Notification_notification$key }) {
  const notification = useFragment(notificationFragment, key);
  const announce = useAnnounce();
  const [dismiss, dismissing] = useMutation<NotificationDismissMutation>(dismissMutation);
  const account = notification.account ?? null;
  const name =
    account === null ? pageText.notifications.someone : shownName(account);
  const sentence = sentenceFor(notification.type, name);
  const Icon = ICONS[notification.type];
  const link = linkFor(notification.type, account?.acct ?? null);
  const onDismiss = () =>
    dismiss({
      variables: { input: { id: notification.id } },
      updater: (store) => dismissNotification(store, notification.id),
      onError: (error) => announce(t(pageText.notifications.dismissFailed, { reason: messageOf(error) })),
    });
  return (
    <div className={`notification notification--${notification.type.toLowerCase()}${notification.read ? '' : ' notification--unread'}`}>
      <div className="notification__what">
        <Icon />
        <p>
          {link === null ? sentence : <Link to={link}>{sentence}</Link>}
          {!notification.read && <span className="visually-hidden">, {pageText.notifications.unread}</span>} ·{' '}
          <RelativeTime iso={notification.createdAt} />
        </p>
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={dismissing}
          aria-label={t(pageText.notifications.dismissOne, { sentence })}
          onClick={onDismiss}
        >
          {pageText.notifications.dismiss}
        </button>
      </div>
      {notification.type === 'FOLLOW_REQUEST' && account !== null && (
        <FollowRequestAnswer accountId={account.id} name={name} />
      )}
      {notification.status !== null && notification.status !== undefined && <Status status={notification.status} signedIn />}
    </div>
  );
}
