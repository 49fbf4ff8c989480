// How notifications change the Relay store: one arriving joins the lists of its type and the
// unread count; marking all read clears the count; a dismissed one leaves lists and count.
import { ConnectionHandler, type RecordProxy, type RecordSourceProxy } from 'relay-runtime';
import type { NotificationType } from './__generated__/Notification_notification.graphql';

/** The lists the notifications page offers, by name, with the types each shows (all: none). */
export const NOTIFICATION_FILTERS = {
  all: [],
  mentions: ['MENTION'],
  favourites: ['FAVOURITE'],
  boosts: ['REBLOG'],
  follows: ['FOLLOW', 'FOLLOW_REQUEST'],
  quotes: ['QUOTE'],
  polls: ['POLL'],
  edits: ['UPDATE'],
  reports: ['ADMIN_REPORT', 'REPORT_RESOLVED', 'MODERATION_WARNING'],
} as const satisfies Record<string, readonly NotificationType[]>;

export type NotificationFilter = keyof typeof NOTIFICATION_FILTERS;

export const FILTER_NAMES = Object.keys(NOTIFICATION_FILTERS) as NotificationFilter[];

/** The store's id of the notifications page's list for `filter`. */
export function notificationsConnectionId(filter: NotificationFilter): string {
  return ConnectionHandler.getConnectionID('client:root', 'NotificationsPage_notifications', {
    filter: { types: NOTIFICATION_FILTERS[filter] },
  });
}

const UNREAD = 'unreadNotificationCount';

function changeUnread(store: RecordSourceProxy, by: number): void {
  const root = store.getRoot();
  const count = root.getValue(UNREAD);
  if (typeof count === 'number') root.setValue(Math.max(0, count + by), UNREAD);
}

function loadedLists(store: RecordSourceProxy): RecordProxy[] {
  return FILTER_NAMES.map((filter) => store.get(notificationsConnectionId(filter))).filter(
    (connection): connection is RecordProxy => connection !== null && connection !== undefined,
  );
}

/** A new notification: on top of every loaded list it belongs in, and counted if unread. */
export function receiveNotification(store: RecordSourceProxy, notification: RecordProxy): void {
  const type = notification.getValue('type');
  for (const filter of FILTER_NAMES) {
    const types: readonly string[] = NOTIFICATION_FILTERS[filter];
    if (types.length > 0 && !types.includes(String(type))) continue;
    const connection = store.get(notificationsConnectionId(filter));
    if (connection === null || connection === undefined) continue;
    const edges = connection.getLinkedRecords('edges') ?? [];
    const listed = edges.some((edge) => edge?.getLinkedRecord('node')?.getDataID() === notification.getDataID());
    if (listed) continue;
    const edge = ConnectionHandler.createEdge(store, connection, notification, 'NotificationEdge');
    ConnectionHandler.insertEdgeBefore(connection, edge);
  }
  if (notification.getValue('read') !== true) changeUnread(store, 1);
}

/** Every notification read: none counted, none shown as new. */
export function markAllRead(store: RecordSourceProxy): void {
  store.getRoot().setValue(0, UNREAD);
  for (const connection of loadedLists(store)) {
    for (const edge of connection.getLinkedRecords('edges') ?? []) {
      edge?.getLinkedRecord('node')?.setValue(true, 'read');
    }
  }
}

/** A notification dismissed: gone from every list, and from the count if it was unread. */
export function dismissNotification(store: RecordSourceProxy, id: string): void {
  const notification = store.get(id);
  if (notification !== null && notification !== undefined && notification.getValue('read') !== true) {
    changeUnread(store, -1);
  }
  for (const connection of loadedLists(store)) ConnectionHandler.deleteNode(connection, id);
}

/** Marks every loaded list stale, for the page to fetch again (notifications were lost). */
export function invalidateLists(store: RecordSourceProxy): void {
  for (const connection of loadedLists(store)) connection.invalidateRecord();
}
