// The local timeline: public posts from this server, live.
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { LiveStatusTimeline } from '../../components/LiveStatusTimeline';
import { en } from '../../i18n/en';
import type { LocalPageQuery } from './__generated__/LocalPageQuery.graphql';
import type { LocalPageCatchUpQuery } from './__generated__/LocalPageCatchUpQuery.graphql';
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
          ...Status_status @arguments(filterContext: PUBLIC)
        }
      }
    }
  }
`;

/** The newest posts, fetched when the live connection comes back. */
const catchUpQuery = graphql`
  query LocalPageCatchUpQuery($count: Int!) {
    localTimeline(first: $count) {
      edges {
        node {
          id
          ...Status_status @arguments(filterContext: PUBLIC)
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
        ...Status_status @arguments(filterContext: PUBLIC)
      }
    }
  }
`;

function LocalTimeline({ query, signedIn }: { query: LocalPage_query$key; signedIn: boolean }) {
  const pagination = usePaginationFragment<LocalPageTimelinePaginationQuery, LocalPage_query$key>(timelineFragment, query);
  return (
    <LiveStatusTimeline<LocalPageSubscription, LocalPageCatchUpQuery>
      label={en.timeline.localTitle}
      emptyMessage={en.timeline.empty}
      signedIn={signedIn}
      connection={pagination.data.localTimeline}
      pagination={pagination}
      subscription={updates}
      pickEvent={(response) => response.publicTimelineUpdates}
      catchUp={{ query: catchUpQuery, pick: (response) => response.localTimeline.edges }}
    />
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
