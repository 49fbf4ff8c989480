// The federated timeline: public posts from everywhere this server knows, live.
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { LiveStatusTimeline } from '../../components/LiveStatusTimeline';
import { en } from '../../i18n/en';
import type { FederatedPageQuery } from './__generated__/FederatedPageQuery.graphql';
import type { FederatedPageCatchUpQuery } from './__generated__/FederatedPageCatchUpQuery.graphql';
import type { FederatedPageSubscription } from './__generated__/FederatedPageSubscription.graphql';
import type { FederatedPage_query$key } from './__generated__/FederatedPage_query.graphql';
import type { FederatedPageTimelinePaginationQuery } from './__generated__/FederatedPageTimelinePaginationQuery.graphql';

const pageQuery = graphql`
  query FederatedPageQuery {
    ...FederatedPage_query
  }
`;

const timelineFragment = graphql`
  fragment FederatedPage_query on Query
  @refetchable(queryName: "FederatedPageTimelinePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    publicTimeline(first: $count, after: $cursor) @connection(key: "FederatedPage_publicTimeline") {
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
  query FederatedPageCatchUpQuery($count: Int!) {
    publicTimeline(first: $count) {
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
  subscription FederatedPageSubscription {
    publicTimelineUpdates(localOnly: false) {
      kind
      statusId
      status {
        id
        ...Status_status @arguments(filterContext: PUBLIC)
      }
    }
  }
`;

function FederatedTimeline({ query, signedIn }: { query: FederatedPage_query$key; signedIn: boolean }) {
  const pagination = usePaginationFragment<FederatedPageTimelinePaginationQuery, FederatedPage_query$key>(timelineFragment, query);
  return (
    <LiveStatusTimeline<FederatedPageSubscription, FederatedPageCatchUpQuery>
      label={en.timeline.federatedTitle}
      emptyMessage={en.timeline.empty}
      signedIn={signedIn}
      connection={pagination.data.publicTimeline}
      pagination={pagination}
      subscription={updates}
      pickEvent={(response) => response.publicTimelineUpdates}
      catchUp={{ query: catchUpQuery, pick: (response) => response.publicTimeline.edges }}
    />
  );
}

export default function FederatedPage({ signedIn }: { signedIn: boolean }) {
  const data = useLazyLoadQuery<FederatedPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return (
    <>
      <PageHeading title={en.timeline.federatedTitle} />
      <p className="page-description">{en.timeline.federatedDescription}</p>
      <FederatedTimeline query={data} signedIn={signedIn} />
    </>
  );
}
