// `/lists/<id>`: the posts of a list's accounts, newest first, loading more as one reads.
import { useMemo } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { Status } from '../../components/Status';
import { Timeline } from '../../components/Timeline';
import { noLiveUpdates } from '../../components/live';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { Link } from '../../router';
import { SignInForLists } from './ListsPage';
import type { ListTimelinePageQuery } from './__generated__/ListTimelinePageQuery.graphql';
import type { ListTimelinePage_query$key } from './__generated__/ListTimelinePage_query.graphql';
import type { ListTimelinePagePaginationQuery } from './__generated__/ListTimelinePagePaginationQuery.graphql';

const pageQuery = graphql`
  query ListTimelinePageQuery($id: ID!) {
    list(id: $id) {
      id
      title
    }
    ...ListTimelinePage_query @arguments(id: $id)
  }
`;

const timelineFragment = graphql`
  fragment ListTimelinePage_query on Query
  @refetchable(queryName: "ListTimelinePagePaginationQuery")
  @argumentDefinitions(id: { type: "ID!" }, count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    listTimeline(id: $id, first: $count, after: $cursor) @connection(key: "ListTimelinePage_listTimeline") {
      edges {
        node {
          id
          ...Status_status
        }
      }
    }
  }
`;

function ListTimeline({ query, label }: { query: ListTimelinePage_query$key; label: string }) {
  const { data, loadNext, hasNext, isLoadingNext, refetch } = usePaginationFragment<
    ListTimelinePagePaginationQuery,
    ListTimelinePage_query$key
  >(timelineFragment, query);
  const edges = data.listTimeline.edges;
  return (
    <Timeline
      label={label}
      count={edges.length}
      hasNext={hasNext}
      isLoadingNext={isLoadingNext}
      loadNext={() => loadNext(20)}
      live={noLiveUpdates}
      onRefresh={() => refetch({}, { fetchPolicy: 'network-only' })}
      emptyMessage={settingsText.lists.timelineEmpty}
    >
      {edges.map((edge) => (
        <Status key={edge.node.id} status={edge.node} signedIn />
      ))}
    </Timeline>
  );
}

function ListTimelineLoader({ id }: { id: string }) {
  const variables = useMemo(() => ({ id }), [id]);
  const data = useLazyLoadQuery<ListTimelinePageQuery>(pageQuery, variables, { fetchPolicy: 'store-and-network' });
  return (
    <>
      <PageHeading title={data.list.title} />
      <p className="page-description">
        <Link to="/settings/lists">{settingsText.lists.manage}</Link>
      </p>
      <ListTimeline query={data} label={t(settingsText.lists.timelineLabel, { title: data.list.title })} />
    </>
  );
}

export default function ListTimelinePage({ id, signedIn }: { id: string; signedIn: boolean }) {
  return signedIn ? <ListTimelineLoader id={id} /> : <SignInForLists />;
}
