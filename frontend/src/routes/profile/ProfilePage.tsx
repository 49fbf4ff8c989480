// A profile, `/@user` or `/@user@domain`: who the account is, then its posts (with or without
// replies, or those with media), or who follows it and whom it follows.
import { Suspense, useMemo } from 'react';
import { graphql, useFragment, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { StatusList } from '../../components/StatusList';
import { en } from '../../i18n/en';
import { accountText } from '../../i18n/accountText';
import { Link, profilePath, type ProfileSection } from '../../router';
import { useViewer } from '../../session';
import { FollowsList } from './FollowsList';
import { ProfileHeader } from './ProfileHeader';
import type { ProfilePageQuery } from './__generated__/ProfilePageQuery.graphql';
import type { ProfilePage_account$key } from './__generated__/ProfilePage_account.graphql';
import type { ProfilePageStatusesQuery } from './__generated__/ProfilePageStatusesQuery.graphql';
import type { ProfilePage_query$key } from './__generated__/ProfilePage_query.graphql';
import type { ProfilePageStatusesPaginationQuery } from './__generated__/ProfilePageStatusesPaginationQuery.graphql';

// A remote handle is looked up on its server (`resolveAccount`) for a signed-in viewer;
// otherwise only accounts this server knows can be shown.
const pageQuery = graphql`
  query ProfilePageQuery($handle: String!, $resolve: Boolean!, $signedIn: Boolean!) {
    accountByHandle(handle: $handle) @skip(if: $resolve) {
      ...ProfilePage_account
    }
    resolveAccount(handle: $handle) @include(if: $resolve) {
      ...ProfilePage_account
    }
    blockedDomains @include(if: $signedIn)
  }
`;

const accountFragment = graphql`
  fragment ProfilePage_account on Account {
    id
    acct
    ...ProfileHeader_account
  }
`;

const statusesQuery = graphql`
  query ProfilePageStatusesQuery($accountId: ID!, $excludeReplies: Boolean!, $onlyMedia: Boolean!, $pinnedFirst: Boolean!) {
    ...ProfilePage_query
      @arguments(accountId: $accountId, excludeReplies: $excludeReplies, onlyMedia: $onlyMedia, pinnedFirst: $pinnedFirst)
  }
`;

const statusesFragment = graphql`
  fragment ProfilePage_query on Query
  @refetchable(queryName: "ProfilePageStatusesPaginationQuery")
  @argumentDefinitions(
    accountId: { type: "ID!" }
    excludeReplies: { type: "Boolean!" }
    onlyMedia: { type: "Boolean!" }
    pinnedFirst: { type: "Boolean!" }
    count: { type: "Int", defaultValue: 20 }
    cursor: { type: "String" }
  ) {
    accountStatuses(
      accountId: $accountId
      excludeReplies: $excludeReplies
      onlyMedia: $onlyMedia
      pinnedFirst: $pinnedFirst
      first: $count
      after: $cursor
    ) @connection(key: "ProfilePage_accountStatuses") {
      edges {
        node {
          id
          ...Status_status @arguments(filterContext: ACCOUNT)
        }
      }
    }
  }
`;

type PostsSection = Extract<ProfileSection, 'posts' | 'replies' | 'media'>;

/** What each tab asks of `accountStatuses`: pinned posts come first on the first tab alone. */
const postsFilters: Record<PostsSection, { excludeReplies: boolean; onlyMedia: boolean; pinnedFirst: boolean }> = {
  posts: { excludeReplies: true, onlyMedia: false, pinnedFirst: true },
  replies: { excludeReplies: false, onlyMedia: false, pinnedFirst: false },
  media: { excludeReplies: false, onlyMedia: true, pinnedFirst: false },
};

const tabs: readonly { section: PostsSection; label: string }[] = [
  { section: 'posts', label: accountText.profile.tabPosts },
  { section: 'replies', label: accountText.profile.tabReplies },
  { section: 'media', label: accountText.profile.tabMedia },
];

function ProfileStatuses({ query, label, signedIn }: { query: ProfilePage_query$key; label: string; signedIn: boolean }) {
  const pagination = usePaginationFragment<ProfilePageStatusesPaginationQuery, ProfilePage_query$key>(
    statusesFragment,
    query,
  );
  return (
    <StatusList
      label={label}
      emptyMessage={en.timeline.empty}
      signedIn={signedIn}
      connection={pagination.data.accountStatuses}
      pagination={pagination}
    />
  );
}

function ProfileStatusesLoader({
  accountId,
  section,
  signedIn,
}: {
  accountId: string;
  section: PostsSection;
  signedIn: boolean;
}) {
  const data = useLazyLoadQuery<ProfilePageStatusesQuery>(
    statusesQuery,
    { accountId, ...postsFilters[section] },
    { fetchPolicy: 'store-and-network' },
  );
  const label = tabs.find((tab) => tab.section === section)?.label ?? accountText.profile.postsHeading;
  return <ProfileStatuses query={data} label={label} signedIn={signedIn} />;
}

function Profile({
  account: key,
  section,
  blockedDomains,
  signedIn,
}: {
  account: ProfilePage_account$key;
  section: ProfileSection;
  blockedDomains: readonly string[] | null;
  signedIn: boolean;
}) {
  const account = useFragment(accountFragment, key);
  const viewer = useViewer();
  return (
    <>
      <ProfileHeader account={account} isSelf={viewer?.id === account.id} blockedDomains={blockedDomains} />
      <nav className="tabs" aria-label={accountText.profile.tabs}>
        {tabs.map((tab) => (
          <Link
            key={tab.section}
            to={profilePath(account.acct, tab.section)}
            className="tabs__link"
            aria-current={tab.section === section ? 'page' : undefined}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        {section === 'followers' || section === 'following' ? (
          <>
            <h2 className="section-heading">
              {section === 'followers' ? accountText.profile.followersHeading : accountText.profile.followingHeading}
            </h2>
            <FollowsList accountId={account.id} which={section} />
          </>
        ) : (
          <ProfileStatusesLoader accountId={account.id} section={section} signedIn={signedIn} />
        )}
      </Suspense>
    </>
  );
}

export default function ProfilePage({
  handle,
  section,
  signedIn,
}: {
  handle: string;
  section: ProfileSection;
  signedIn: boolean;
}) {
  const variables = useMemo(() => ({ handle, resolve: signedIn && handle.includes('@'), signedIn }), [handle, signedIn]);
  const data = useLazyLoadQuery<ProfilePageQuery>(pageQuery, variables, { fetchPolicy: 'store-and-network' });
  const account = data.resolveAccount ?? data.accountByHandle;
  if (account === null || account === undefined) return null;
  return <Profile account={account} section={section} blockedDomains={data.blockedDomains ?? null} signedIn={signedIn} />;
}
