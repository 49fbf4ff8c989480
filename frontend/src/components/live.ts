// Live timeline updates: new posts wait above the list until the reader asks for them, so
// what the reader is reading never moves; edits update in place, deletions leave the list;
// after the live connection comes back, what was posted meanwhile is fetched and waits too.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRelayEnvironment, useSubscription } from 'react-relay/hooks';
import {
  ConnectionHandler,
  commitLocalUpdate,
  fetchQuery,
  type GraphQLSubscriptionConfig,
  type GraphQLTaggedNode,
  type OperationType,
  type RecordSourceSelectorProxy,
} from 'relay-runtime';
import { useLiveConnection } from '../relay/connection';

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

/** How many of the newest posts a timeline fetches to catch up after a reconnection. */
export const CATCH_UP_COUNT = 40;

/** A query for the newest `$count` posts of a timeline (variables: `count`), newest first. */
export interface CatchUp<Q extends OperationType> {
  query: GraphQLTaggedNode;
  pick: (response: Q['response']) => readonly { readonly node: { readonly id: string } }[];
}

/**
 * The posts of `fetched` (newest first) newer than every one `known` holds, oldest first;
 * `gap` when none of `known` was reached in a full page, so that some may be missing still.
 */
export function newerThanKnown(
  fetched: readonly string[],
  known: ReadonlySet<string>,
  pageSize: number,
): { ids: string[]; gap: boolean } {
  const reached = fetched.findIndex((id) => known.has(id));
  const newer = reached === -1 ? fetched : fetched.slice(0, reached);
  return { ids: [...newer].reverse(), gap: reached === -1 && fetched.length >= pageSize };
}

/**
 * Subscribes with `subscription` (variables `variables`) and keeps new posts for the
 * connection `connectionId` waiting; `shown` are the ids the list shows now. Each time the
 * live connection comes back, `catchUp` fetches the newest posts, and those newer than the
 * ones shown wait too.
 */
export function useLiveTimeline<T extends OperationType, Q extends OperationType>(
  subscription: GraphQLTaggedNode,
  variables: T['variables'],
  pick: (response: T['response']) => TimelineEvent | null | undefined,
  connectionId: string,
  shown: ReadonlySet<string>,
  catchUp: CatchUp<Q>,
): LiveTimeline {
  const environment = useRelayEnvironment();
  const [queued, setQueued] = useState<string[]>([]);
  const [lagged, setLagged] = useState(false);
  const variablesKey = JSON.stringify(variables);
  const { reconnects } = useLiveConnection();
  const caughtUp = useRef(reconnects);
  const known = useRef(new Set<string>());
  const catchUpRef = useRef(catchUp);
  useEffect(() => {
    known.current = new Set([...shown, ...queued]);
    catchUpRef.current = catchUp;
  });

  useEffect(() => {
    if (reconnects === caughtUp.current) return undefined;
    caughtUp.current = reconnects;
    const { query, pick: pickEdges } = catchUpRef.current;
    // The catch-up query takes the subscription's variables (a hashtag's name) and a count.
    const fetching = fetchQuery<Q>(environment, query, { ...JSON.parse(variablesKey), count: CATCH_UP_COUNT } as Q['variables'], {
      fetchPolicy: 'network-only',
    }).subscribe({
      next: (response) => {
        const fetched = pickEdges(response).map((edge) => edge.node.id);
        const { ids, gap } = newerThanKnown(fetched, known.current, CATCH_UP_COUNT);
        setQueued((current) => enqueue(current, ids));
        if (gap) setLagged(true);
      },
      error: () => setLagged(true),
    });
    return () => fetching.unsubscribe();
  }, [environment, reconnects, variablesKey]);

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
