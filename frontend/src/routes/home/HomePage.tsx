// The home timeline: one's own posts and those of the accounts one follows, live.
import { Suspense, lazy } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { ConnectionHandler } from 'relay-runtime';
import { PageHeading } from '../../components/PageHeading';
import { LiveStatusTimeline } from '../../components/LiveStatusTimeline';
import { en } from '../../i18n/en';
import { Link, navigate, useSearchParam } from '../../router';
import type { HomePageQuery } from './__generated__/HomePageQuery.graphql';
import type { HomePageCatchUpQuery } from './__generated__/HomePageCatchUpQuery.graphql';
import type { HomePageSubscription } from './__generated__/HomePageSubscription.graphql';
import type { HomePage_query$key } from './__generated__/HomePage_query.graphql';
import type { HomePageTimelinePaginationQuery } from './__generated__/HomePageTimelinePaginationQuery.graphql';

const pageQuery = graphql`
  query HomePageQuery {
    ...Compose_query
    ...HomePage_query
  }
`;

const timelineFragment = graphql`
  fragment HomePage_query on Query
  @refetchable(queryName: "HomePageTimelinePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 40 }, cursor: { type: "String" }) {
    homeTimeline(first: $count, after: $cursor) @connection(key: "HomePage_homeTimeline") {
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

/** The newest posts, fetched when the live connection comes back. */
const catchUpQuery = graphql`
  query HomePageCatchUpQuery($count: Int!) {
    homeTimeline(first: $count) {
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
  subscription HomePageSubscription {
    homeTimelineUpdates {
      kind
      statusId
      status {
        id
        ...Status_status
      }
    }
  }
`;

// The composer loads beside the timeline rather than before it: the posts paint first.
const Compose = lazy(() => import('../../components/Compose').then((module) => ({ default: module.Compose })));

/** Where posts written on this page go. */
export const HOME_CONNECTION = ConnectionHandler.getConnectionID('client:root', 'HomePage_homeTimeline');

function HomeTimeline({ query }: { query: HomePage_query$key }) {
  const pagination = usePaginationFragment<HomePageTimelinePaginationQuery, HomePage_query$key>(timelineFragment, query);
  return (
    <LiveStatusTimeline<HomePageSubscription, HomePageCatchUpQuery>
      label={en.timeline.homeTitle}
      emptyMessage={en.timeline.homeEmpty}
      signedIn
      connection={pagination.data.homeTimeline}
      pagination={pagination}
      subscription={updates}
      pickEvent={(response) => response.homeTimelineUpdates}
      catchUp={{ query: catchUpQuery, pick: (response) => response.homeTimeline.edges }}
    />
  );
}

function SignedInHome() {
  const data = useLazyLoadQuery<HomePageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const quote = useSearchParam('quote');
  return (
    <>
      <PageHeading title={en.timeline.homeTitle} />
      <Suspense fallback={<div className="panel compose--loading" />}>
        <Compose query={data} connections={[HOME_CONNECTION]} quoteOfId={quote} onQuoteDone={() => navigate('/', { replace: true })} />
      </Suspense>
      <HomeTimeline query={data} />
    </>
  );
}

export default function HomePage({ signedIn }: { signedIn: boolean }) {
  if (!signedIn) {
    return (
      <div className="panel">
        <PageHeading title={en.timeline.homeTitle} />
        <p>{en.timeline.signInForHome}</p>
        <p className="actions">
          <Link to="/sign-in" className="button button--primary">
            {en.nav.signIn}
          </Link>
          <Link to="/local" className="button">
            {en.timeline.localTitle}
          </Link>
        </p>
      </div>
    );
  }
  return <SignedInHome />;
}
