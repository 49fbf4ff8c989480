// Who follows an account, or whom it follows, most recent first, a page at a time.
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { AccountList } from '../../components/AccountList';
import { AccountRow } from '../../components/AccountRow';
import { accountText } from '../../i18n/accountText';
import type { FollowsListFollowersQuery } from './__generated__/FollowsListFollowersQuery.graphql';
import type { FollowsListFollowingQuery } from './__generated__/FollowsListFollowingQuery.graphql';
import type { FollowsList_followers$key } from './__generated__/FollowsList_followers.graphql';
import type { FollowsList_following$key } from './__generated__/FollowsList_following.graphql';
import type { FollowsListFollowersPaginationQuery } from './__generated__/FollowsListFollowersPaginationQuery.graphql';
import type { FollowsListFollowingPaginationQuery } from './__generated__/FollowsListFollowingPaginationQuery.graphql';

const PAGE = 40;

const followersQuery = graphql`
  query FollowsListFollowersQuery($accountId: ID!) {
    ...FollowsList_followers @arguments(accountId: $accountId)
  }
`;

const followingQuery = graphql`
  query FollowsListFollowingQuery($accountId: ID!) {
    ...FollowsList_following @arguments(accountId: $accountId)
  }
`;

const followersFragment = graphql`
  fragment FollowsList_followers on Query
  @refetchable(queryName: "FollowsListFollowersPaginationQuery")
  @argumentDefinitions(accountId: { type: "ID!" }, count: { type: "Int", defaultValue: 40 }, cursor: { type: "String" }) {
    followers(accountId: $accountId, first: $count, after: $cursor) @connection(key: "FollowsList_followers") {
      edges {
        node {
          id
          ...AccountRow_account
        }
      }
    }
  }
`;

const followingFragment = graphql`
  fragment FollowsList_following on Query
  @refetchable(queryName: "FollowsListFollowingPaginationQuery")
  @argumentDefinitions(accountId: { type: "ID!" }, count: { type: "Int", defaultValue: 40 }, cursor: { type: "String" }) {
    following(accountId: $accountId, first: $count, after: $cursor) @connection(key: "FollowsList_following") {
      edges {
        node {
          id
          ...AccountRow_account
        }
      }
    }
  }
`;

function Followers({ accountId }: { accountId: string }) {
  const query = useLazyLoadQuery<FollowsListFollowersQuery>(followersQuery, { accountId }, { fetchPolicy: 'store-and-network' });
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<
    FollowsListFollowersPaginationQuery,
    FollowsList_followers$key
  >(followersFragment, query);
  const edges = data.followers.edges;
  return (
    <AccountList
      label={accountText.profile.followersHeading}
      count={edges.length}
      emptyMessage={accountText.profile.followersEmpty}
      hasNext={hasNext}
      isLoadingNext={isLoadingNext}
      loadNext={() => loadNext(PAGE)}
    >
      {edges.map(({ node }) => (
        <AccountRow key={node.id} account={node} />
      ))}
    </AccountList>
  );
}

function Following({ accountId }: { accountId: string }) {
  const query = useLazyLoadQuery<FollowsListFollowingQuery>(followingQuery, { accountId }, { fetchPolicy: 'store-and-network' });
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<
    FollowsListFollowingPaginationQuery,
    FollowsList_following$key
  >(followingFragment, query);
  const edges = data.following.edges;
  return (
    <AccountList
      label={accountText.profile.followingHeading}
      count={edges.length}
      emptyMessage={accountText.profile.followingEmpty}
      hasNext={hasNext}
      isLoadingNext={isLoadingNext}
      loadNext={() => loadNext(PAGE)}
    >
      {edges.map(({ node }) => (
        <AccountRow key={node.id} account={node} />
      ))}
    </AccountList>
  );
}

export function FollowsList({ accountId, which }: { accountId: string; which: 'followers' | 'following' }) {
  return which === 'followers' ? <Followers accountId={accountId} /> : <Following accountId={accountId} />;
}
