// The local timeline: public posts from this server, live.
import { useMemo } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { Status } from '../../components/Status';
import { Timeline } from '../../components/Timeline';
import { useLiveTimeline } from '../../components/live';
import { en } from '../../i18n/en';
import type { LocalPageQuery } from './__generated__/LocalPageQuery.graphql';
import type { LocalPageSubscription } from './__generated__/LocalPageSubscription.graphql';
import type { LocalPage_query$key } from './__generated__/LocalPage_query.graphql';
import type { LocalPageTimelinePaginationQuery } from './__generated__/LocalPageTimelinePaginationQuery.graphql';

const pageQuery = graphql`
  query LocalPageQuery {
    ...LocalPage_query
  }
`;

const timelineFragment = graphql`
  fragment LocalPage_query on Query
  @refetchable(queryName: "LocalPageTimelinePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    localTimeline(first: $count, after: $cursor) @connection(key: "LocalPage_localTimeline") {
      __id
      edges {
        node {
          id
          ...Status_status
        }
      }
    }
  }
`;

const updates = graphql`
  subscription LocalPageSubscription {
    publicTimelineUpdates(localOnly: true) {
      kind
      statusId
      status {
        id
        ...Status_status
      }
    }
  }
`;

function LocalTimeline({ query, signedIn }: { query: LocalPage_query$key; signedIn: boolean }) {
  const { data, loadNext, hasNext, isLoadingNext, refetch } = usePaginationFragment<
    LocalPageTimelinePaginationQuery,
    LocalPage_query$key
  >(timelineFragment, query);
  const edges = data.localTimeline.edges;
  const shown = useMemo(() => new Set(edges.map((edge) => edge.node.id)), [edges]);
  const live = useLiveTimeline<LocalPageSubscription>(
    updates,
    {},
    (response) => response.publicTimelineUpdates,
    data.localTimeline.__id,
    shown,
  );
  return (
    <Timeline
      label={en.timeline.localTitle}
      count={edges.length}
      hasNext={hasNext}
      isLoadingNext={isLoadingNext}
      loadNext={() => loadNext(20)}
      live={live}
      onRefresh={() => refetch({}, { fetchPolicy: 'network-only' })}
      emptyMessage={en.timeline.empty}
    >
      {edges.map((edge) => (
        <Status key={edge.node.id} status={edge.node} signedIn={signedIn} />
      ))}
    </Timeline>
  );
}

export default function LocalPage({ signedIn }: { signedIn: boolean }) {
  const data = useLazyLoadQuery<LocalPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return (
    <>
      <PageHeading title={en.timeline.localTitle} />
      <p className="page-description">{en.timeline.localDescription}</p>
      <LocalTimeline query={data} signedIn={signedIn} />
    </>
  );
}
