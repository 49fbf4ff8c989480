// The server's announcements above every page while signed in: those current and not yet
// dismissed, each with a button to dismiss it. Kept live: a new or edited announcement
// appears, one deleted or unpublished goes, and each shows and leaves at its own times.
// Loaded apart from the first page, and silent when it fails: the page goes on without it.
import { Suspense, useEffect, useId, useMemo, useRef, useState } from 'react';
import { graphql, useLazyLoadQuery, useMutation, useRelayEnvironment, useSubscription } from 'react-relay/hooks';
import { fetchQuery, type GraphQLSubscriptionConfig, type RecordProxy, type RecordSourceSelectorProxy } from 'relay-runtime';
import { t } from '../i18n/en';
import { pageText } from '../i18n/pageText';
import { nextChange, shownAnnouncements } from '../lib/announcements';
import { messageOf } from '../relay/errors';
import { useLiveConnection } from '../relay/connection';
import { useAnnounce } from './Announcer';
import { Content } from './Content';
import { Quietly } from './Quietly';
import type { AnnouncementsQuery } from './__generated__/AnnouncementsQuery.graphql';
import type { AnnouncementsSubscription } from './__generated__/AnnouncementsSubscription.graphql';
import type { AnnouncementsDismissMutation } from './__generated__/AnnouncementsDismissMutation.graphql';

const text = pageText.announcements;

export const announcementsQuery = graphql`
  query AnnouncementsQuery {
    announcements {
      id
      html
      startsAt
      endsAt
      read
    }
  }
`;

const updates = graphql`
  subscription AnnouncementsSubscription {
    announcementUpdates {
      announcementId
      announcement {
        id
        html
        startsAt
        endsAt
        read
        published
      }
    }
  }
`;

const dismissMutation = graphql`
  mutation AnnouncementsDismissMutation($id: ID!) {
    dismissAnnouncement(input: { id: $id }) {
      announcement {
        id
        read
      }
    }
  }
`;

/**
 * Puts one event of `announcementUpdates` into the viewer's announcements: a published one
 * not listed yet goes first (newest first), an edited one changes where it is, and one
 * deleted or unpublished (no announcement) leaves the list.
 */
export function receiveAnnouncement(store: RecordSourceSelectorProxy, event: RecordProxy | null | undefined): void {
  if (event === null || event === undefined) return;
  const root = store.getRoot();
  const listed = root.getLinkedRecords('announcements');
  // Not fetched yet: the query brings it as it is.
  if (listed === null || listed === undefined) return;
  const id = event.getValue('announcementId');
  const announcement = event.getLinkedRecord('announcement');
  const others = listed.filter(
    (item): item is RecordProxy =>
      item !== null && item !== undefined && item.getDataID() !== id && item.getDataID() !== announcement?.getDataID(),
  );
  if (announcement === null || announcement === undefined || announcement.getValue('published') === false) {
    if (others.length !== listed.length) root.setLinkedRecords(others, 'announcements');
  } else if (others.length === listed.length) {
    root.setLinkedRecords([announcement, ...others], 'announcements');
  }
}

function Banner() {
  const environment = useRelayEnvironment();
  const data = useLazyLoadQuery<AnnouncementsQuery>(announcementsQuery, {}, { fetchPolicy: 'store-and-network' });
  const [now, setNow] = useState(() => Date.now());
  const [commitDismiss] = useMutation<AnnouncementsDismissMutation>(dismissMutation);
  const announce = useAnnounce();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // After a dismissal: the announcement whose button takes the focus, or null for the page's heading.
  const focusAfter = useRef<string | null | undefined>(undefined);

  const config = useMemo<GraphQLSubscriptionConfig<AnnouncementsSubscription>>(
    () => ({
      subscription: updates,
      variables: {},
      updater: (store) => receiveAnnouncement(store, store.getRootField('announcementUpdates')),
      // Its times are read against the clock as it is now.
      onNext: () => setNow(Date.now()),
      // Without the live connection, the announcements stay as fetched.
      onError: () => undefined,
    }),
    [],
  );
  useSubscription<AnnouncementsSubscription>(config);

  // What changed while the live connection was lost is fetched afresh once it is back.
  const { reconnects } = useLiveConnection();
  const seenReconnects = useRef(reconnects);
  useEffect(() => {
    if (reconnects === seenReconnects.current) return undefined;
    seenReconnects.current = reconnects;
    const fetching = fetchQuery<AnnouncementsQuery>(
      environment,
      announcementsQuery,
      {},
      { fetchPolicy: 'network-only' },
    ).subscribe({
      next: () => setNow(Date.now()),
      error: () => undefined,
    });
    return () => fetching.unsubscribe();
  }, [environment, reconnects]);

  // An announcement shows at its start and leaves at its end without a reload.
  const all = data.announcements;
  useEffect(() => {
    const next = nextChange(all, now);
    if (next === null) return undefined;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(Math.max(0, next - Date.now()), 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [all, now]);

  const shown = shownAnnouncements(all, now);

  useEffect(() => {
    const target = focusAfter.current;
    if (target === undefined) return;
    focusAfter.current = undefined;
    const button = target === null ? undefined : buttons.current.get(target);
    if (button !== undefined) button.focus();
    else document.querySelector<HTMLElement>('#main h1')?.focus();
  });

  const dismiss = (id: string) => {
    const index = shown.findIndex((announcement) => announcement.id === id);
    focusAfter.current = (shown[index + 1] ?? shown[index - 1])?.id ?? null;
    commitDismiss({
      variables: { id },
      optimisticResponse: { dismissAnnouncement: { announcement: { id, read: true } } },
      onCompleted: () => announce(text.dismissed),
      onError: (error) => announce(t(text.dismissFailed, { reason: messageOf(error) })),
    });
  };

  if (shown.length === 0) return null;
  return (
    <section className="announcements" aria-label={text.region}>
      <ul className="announcements__list">
        {shown.map((announcement) => (
          <Item
            key={announcement.id}
            html={announcement.html}
            register={(element) => {
              if (element === null) buttons.current.delete(announcement.id);
              else buttons.current.set(announcement.id, element);
            }}
            onDismiss={() => dismiss(announcement.id)}
          />
        ))}
      </ul>
    </section>
  );
}

function Item({
  html,
  register,
  onDismiss,
}: {
  html: string;
  register: (element: HTMLButtonElement | null) => void;
  onDismiss: () => void;
}) {
  const id = useId();
  return (
    <li className="announcement">
      <div id={id} className="announcement__text">
        <Content html={html} />
      </div>
      <button
        type="button"
        ref={register}
        className="button button--small button--quiet"
        aria-describedby={id}
        onClick={onDismiss}
      >
        {text.dismiss}
      </button>
    </li>
  );
}

/** The announcements for a signed-in viewer, above the page. */
export default function Announcements() {
  return (
    <Quietly>
      <Suspense fallback={null}>
        <Banner />
      </Suspense>
    </Quietly>
  );
}
