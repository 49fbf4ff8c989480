// The accounts asking to follow the viewer, each accepted or rejected here.
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import { AccountList } from '../../components/AccountList';
import { AccountRow } from '../../components/AccountRow';
import { useAnnounce } from '../../components/Announcer';
import { PageHeading } from '../../components/PageHeading';
import { en, t } from '../../i18n/en';
import { accountText } from '../../i18n/accountText';
import { messageOf } from '../../relay/errors';
import { Link } from '../../router';
import type { FollowRequestsPageQuery } from './__generated__/FollowRequestsPageQuery.graphql';
import type { FollowRequestsPage_query$key } from './__generated__/FollowRequestsPage_query.graphql';
import type { FollowRequestsPagePaginationQuery } from './__generated__/FollowRequestsPagePaginationQuery.graphql';
import type { FollowRequestsPageAcceptMutation } from './__generated__/FollowRequestsPageAcceptMutation.graphql';
import type { FollowRequestsPageRejectMutation } from './__generated__/FollowRequestsPageRejectMutation.graphql';

const pageQuery = graphql`
  query FollowRequestsPageQuery {
    ...FollowRequestsPage_query
  }
`;

const listFragment = graphql`
  fragment FollowRequestsPage_query on Query
  @refetchable(queryName: "FollowRequestsPagePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 40 }, cursor: { type: "String" }) {
    followRequests(first: $count, after: $cursor) @connection(key: "FollowRequestsPage_followRequests") {
      __id
      edges {
        node {
          id
          acct
          ...AccountRow_account
        }
      }
    }
  }
`;

const acceptMutation = graphql`
  mutation FollowRequestsPageAcceptMutation($input: AcceptFollowRequestInput!, $connections: [ID!]!) {
    acceptFollowRequest(input: $input) {
      account {
        id @deleteEdge(connections: $connections)
      }
    }
  }
`;

const rejectMutation = graphql`
  mutation FollowRequestsPageRejectMutation($input: RejectFollowRequestInput!, $connections: [ID!]!) {
    rejectFollowRequest(input: $input) {
      account {
        id @deleteEdge(connections: $connections)
      }
    }
  }
`;

function Requests({ query }: { query: FollowRequestsPage_query$key }) {
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<
    FollowRequestsPagePaginationQuery,
    FollowRequestsPage_query$key
  >(listFragment, query);
  const announce = useAnnounce();
  const [accept, accepting] = useMutation<FollowRequestsPageAcceptMutation>(acceptMutation);
  const [reject, rejecting] = useMutation<FollowRequestsPageRejectMutation>(rejectMutation);
  const connections = [data.followRequests.__id];
  const onError = (error: Error) => announce(t(accountText.relationship.failed, { reason: messageOf(error) }));
  const edges = data.followRequests.edges;
  return (
    <AccountList
      label={accountText.followRequests.title}
      count={edges.length}
      emptyMessage={accountText.followRequests.empty}
      hasNext={hasNext}
      isLoadingNext={isLoadingNext}
      loadNext={() => loadNext(40)}
    >
      {edges.map(({ node }) => (
        <AccountRow key={node.id} account={node}>
          <span className="account-row__actions">
            <button
              type="button"
              className="button button--primary"
              aria-label={t(accountText.followRequests.accept, { acct: node.acct })}
              disabled={accepting || rejecting}
              onClick={() => accept({ variables: { input: { accountId: node.id }, connections }, onError })}
            >
              {accountText.followRequests.acceptShort}
            </button>
            <button
              type="button"
              className="button"
              aria-label={t(accountText.followRequests.reject, { acct: node.acct })}
              disabled={accepting || rejecting}
              onClick={() => reject({ variables: { input: { accountId: node.id }, connections }, onError })}
            >
              {accountText.followRequests.rejectShort}
            </button>
          </span>
        </AccountRow>
      ))}
    </AccountList>
  );
}

function FollowRequests() {
  const data = useLazyLoadQuery<FollowRequestsPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return <Requests query={data} />;
}

export default function FollowRequestsPage({ signedIn }: { signedIn: boolean }) {
  return (
    <>
      <PageHeading title={accountText.followRequests.title} />
      {signedIn ? (
        <>
          <p className="page-description">{accountText.followRequests.intro}</p>
          <FollowRequests />
        </>
      ) : (
        <p>
          {accountText.followRequests.signInFirst} <Link to="/sign-in">{en.nav.signIn}</Link>
        </p>
      )}
    </>
  );
}
