// A page of posts from a connection without live updates (a profile, bookmarks, favourites).
import { Status } from './Status';
import { Timeline } from './Timeline';
import { noLiveUpdates } from './live';
import type { StatusConnection, StatusPagination } from './LiveStatusTimeline';

interface Props {
  label: string;
  emptyMessage: string;
  signedIn: boolean;
  connection: Omit<StatusConnection, '__id'>;
  pagination: StatusPagination;
}

export function StatusList({ label, emptyMessage, signedIn, connection, pagination }: Props) {
  const edges = connection.edges;
  return (
    <Timeline
      label={label}
      count={edges.length}
      hasNext={pagination.hasNext}
      isLoadingNext={pagination.isLoadingNext}
      loadNext={() => pagination.loadNext(20)}
      live={noLiveUpdates}
      onRefresh={() => pagination.refetch({}, { fetchPolicy: 'network-only' })}
      emptyMessage={emptyMessage}
    >
      {edges.map((edge) => (
        <Status key={edge.node.id} status={edge.node} signedIn={signedIn} />
      ))}
    </Timeline>
  );
}
