// Live timeline updates: new posts wait above the list until the reader asks for them, so
// what the reader is reading never moves; edits update in place, deletions leave the list.
import { useCallback, useMemo, useState } from 'react';
import { useRelayEnvironment, useSubscription } from 'react-relay/hooks';
import {
  ConnectionHandler,
  commitLocalUpdate,
  type GraphQLSubscriptionConfig,
  type GraphQLTaggedNode,
  type OperationType,
  type RecordSourceSelectorProxy,
} from 'relay-runtime';

/** One event of a timeline subscription, whichever field carried it. */
export interface TimelineEvent {
  readonly kind: string;
  readonly statusId?: string | null;
  readonly status?: { readonly id: string } | null;
}

export interface LiveTimeline {
  /** Posts that came since, not shown yet, oldest first. */
  pending: readonly string[];
  /** Events were lost, or the live connection failed: the list should be fetched again. */
  lagged: boolean;
  /** Puts the waiting posts at the top of the list. */
  showPending: () => void;
  clearLagged: () => void;
}

/** A list without live updates: nothing waits, nothing is missed. */
export const noLiveUpdates: LiveTimeline = {
  pending: [],
  lagged: false,
  showPending: () => undefined,
  clearLagged: () => undefined,
};

/** The ids of `ids` that `queued` does not hold yet, appended in order. */
export function enqueue(queued: readonly string[], ids: readonly string[]): string[] {
  const seen = new Set(queued);
  const next = [...queued];
  for (const id of ids) {
    if (!seen.has(id)) {
      seen.add(id);
      next.push(id);
    }
  }
  return next;
}

/**
 * Subscribes with `subscription` (variables `variables`) and keeps new posts for the
 * connection `connectionId` waiting; `shown` are the ids the list shows now.
 */
export function useLiveTimeline<T extends OperationType>(
  subscription: GraphQLTaggedNode,
  variables: T['variables'],
  pick: (response: T['response']) => TimelineEvent | null | undefined,
  connectionId: string,
  shown: ReadonlySet<string>,
): LiveTimeline {
  const environment = useRelayEnvironment();
  const [queued, setQueued] = useState<string[]>([]);
  const [lagged, setLagged] = useState(false);
  const variablesKey = JSON.stringify(variables);

  const config = useMemo<GraphQLSubscriptionConfig<T>>(
    () => ({
      subscription,
      variables: JSON.parse(variablesKey) as T['variables'],
      updater: (store: RecordSourceSelectorProxy<T['response']>, data: T['response'] | null | undefined) => {
        const event = data === null || data === undefined ? null : pick(data);
        if (event?.kind !== 'DELETED' || event.statusId === null || event.statusId === undefined) return;
        const connection = store.get(connectionId);
        if (connection !== null && connection !== undefined) {
          ConnectionHandler.deleteNode(connection, event.statusId);
        }
      },
      onNext: (data: T['response'] | null | undefined) => {
        const event = data === null || data === undefined ? null : pick(data);
        if (event === null || event === undefined) return;
        if (event.kind === 'CREATED' && event.status !== null && event.status !== undefined) {
          const id = event.status.id;
          setQueued((current) => enqueue(current, [id]));
        } else if (event.kind === 'DELETED' && event.statusId !== null && event.statusId !== undefined) {
          const id = event.statusId;
          setQueued((current) => current.filter((queuedId) => queuedId !== id));
        } else if (event.kind === 'LAGGED') {
          setLagged(true);
        }
      },
      // A live connection that failed or closed has missed what came since.
      onError: () => setLagged(true),
    }),
    // `pick` reads a fixed field; the subscription restarts only when its variables change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [subscription, variablesKey, connectionId],
  );
  useSubscription<T>(config);

  const pending = useMemo(() => queued.filter((id) => !shown.has(id)), [queued, shown]);

  const showPending = useCallback(() => {
    commitLocalUpdate(environment, (store) => {
      const connection = store.get(connectionId);
      if (connection === null || connection === undefined) return;
      // Oldest first, each before the last: the newest ends on top.
      for (const id of pending) {
        const record = store.get(id);
        if (record === null || record === undefined) continue;
        const edge = ConnectionHandler.createEdge(store, connection, record, 'StatusEdge');
        ConnectionHandler.insertEdgeBefore(connection, edge);
      }
    });
    setQueued([]);
  }, [environment, connectionId, pending]);

  const clearLagged = useCallback(() => setLagged(false), []);

  return { pending, lagged, showPending, clearLagged };
}
