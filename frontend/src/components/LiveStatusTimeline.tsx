// A timeline page's list of posts from its connection: live "N new posts", the list, load more.
import { useMemo } from 'react';
import type { GraphQLTaggedNode, OperationType } from 'relay-runtime';
import { Status } from './Status';
import { Timeline } from './Timeline';
import { useLiveTimeline, type CatchUp, type TimelineEvent } from './live';
import type { Status_status$key } from './__generated__/Status_status.graphql';

/** One page of a timeline connection, as the page's fragment reads it. */
export interface StatusConnection {
  readonly __id: string;
  readonly edges: readonly { readonly node: Status_status$key & { readonly id: string } }[];
}

/** What `usePaginationFragment` gives that the list uses. */
export interface StatusPagination {
  hasNext: boolean;
  isLoadingNext: boolean;
  loadNext(count: number): unknown;
  refetch(variables: Record<string, never>, options: { fetchPolicy: 'network-only' }): unknown;
}

interface Props<T extends OperationType, Q extends OperationType> {
  label: string;
  emptyMessage: string;
  signedIn: boolean;
  connection: StatusConnection;
  pagination: StatusPagination;
  /** The subscription that brings this timeline's new posts, edits and deletions. */
  subscription: GraphQLTaggedNode;
  /** The subscription's variables, if it has any. */
  variables?: T['variables'];
  /** The field of the subscription's response that carries the event. */
  pickEvent: (response: T['response']) => TimelineEvent | null | undefined;
  /** Fetches the newest posts when the live connection comes back after dropping. */
  catchUp: CatchUp<Q>;
}

export function LiveStatusTimeline<T extends OperationType, Q extends OperationType>({
  label,
  emptyMessage,
  signedIn,
  connection,
  pagination,
  subscription,
  variables = {},
  pickEvent,
  catchUp,
}: Props<T, Q>) {
  const edges = connection.edges;
  const shown = useMemo(() => new Set(edges.map((edge) => edge.node.id)), [edges]);
  const live = useLiveTimeline<T, Q>(subscription, variables, pickEvent, connection.__id, shown, catchUp);
  return (
    <Timeline
      label={label}
      count={edges.length}
      hasNext={pagination.hasNext}
      isLoadingNext={pagination.isLoadingNext}
      loadNext={() => pagination.loadNext(20)}
      live={live}
      onRefresh={() => pagination.refetch({}, { fetchPolicy: 'network-only' })}
      emptyMessage={emptyMessage}
    >
      {edges.map((edge) => (
        <Status key={edge.node.id} status={edge.node} signedIn={signedIn} />
      ))}
    </Timeline>
  );
}
