// A profile, `/@user` or `/@user@domain`: who the account is, then its posts.
import { Suspense, useMemo } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { Avatar } from '../../components/Avatar';
import { Content } from '../../components/Content';
import { PageHeading } from '../../components/PageHeading';
import { StatusList } from '../../components/StatusList';
import { en, t } from '../../i18n/en';
import type { ProfilePageQuery } from './__generated__/ProfilePageQuery.graphql';
import type { ProfilePageStatusesQuery } from './__generated__/ProfilePageStatusesQuery.graphql';
import type { ProfilePage_query$key } from './__generated__/ProfilePage_query.graphql';
import type { ProfilePageStatusesPaginationQuery } from './__generated__/ProfilePageStatusesPaginationQuery.graphql';

const pageQuery = graphql`
  query ProfilePageQuery($handle: String!) {
    accountByHandle(handle: $handle) {
      id
      acct
      username
      displayName
      note
      avatarUrl
      locked
      bot
      statusesCount
      followersCount
      followingCount
      fields {
        name
        valueHtml
      }
    }
  }
`;

const statusesQuery = graphql`
  query ProfilePageStatusesQuery($accountId: ID!) {
    ...ProfilePage_query @arguments(accountId: $accountId)
  }
`;

const statusesFragment = graphql`
  fragment ProfilePage_query on Query
  @refetchable(queryName: "ProfilePageStatusesPaginationQuery")
  @argumentDefinitions(
    accountId: { type: "ID!" }
    count: { type: "Int", defaultValue: 20 }
    cursor: { type: "String" }
  ) {
    accountStatuses(accountId: $accountId, pinnedFirst: true, first: $count, after: $cursor)
      @connection(key: "ProfilePage_accountStatuses") {
      edges {
        node {
          id
          ...Status_status
        }
      }
    }
  }
`;

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

function ProfileStatusesLoader({ accountId, label, signedIn }: { accountId: string; label: string; signedIn: boolean }) {
  const data = useLazyLoadQuery<ProfilePageStatusesQuery>(statusesQuery, { accountId }, { fetchPolicy: 'store-and-network' });
  return <ProfileStatuses query={data} label={label} signedIn={signedIn} />;
}

export default function ProfilePage({ handle, signedIn }: { handle: string; signedIn: boolean }) {
  const variables = useMemo(() => ({ handle }), [handle]);
  const data = useLazyLoadQuery<ProfilePageQuery>(pageQuery, variables, { fetchPolicy: 'store-and-network' });
  const account = data.accountByHandle;
  const name = account.displayName === '' ? account.username : account.displayName;
  return (
    <>
      <section className="profile panel">
        <Avatar url={account.avatarUrl} name={name} size="large" />
        <div className="profile__names">
          <PageHeading title={name} />
          <p className="profile__acct">@{account.acct}</p>
          {(account.locked || account.bot) && (
            <p className="profile__badges">
              {account.locked && <span className="badge">{en.profile.locked}</span>}
              {account.bot && <span className="badge">{en.profile.bot}</span>}
            </p>
          )}
        </div>
        <Content html={account.note} className="content profile__note" />
        {account.fields.length > 0 && (
          <dl className="profile__fields">
            {account.fields.map((field, index) => (
              <div key={index} className="profile__field">
                <dt>{field.name}</dt>
                <dd>
                  <Content html={field.valueHtml} className="content content--inline" />
                </dd>
              </div>
            ))}
          </dl>
        )}
        <p className="profile__counts">
          <span>{t(en.profile.posts, { count: account.statusesCount })}</span>
          <span>{t(en.profile.followers, { count: account.followersCount })}</span>
          <span>{t(en.profile.following, { count: account.followingCount })}</span>
        </p>
      </section>
      <h2 className="section-heading">{en.profile.postsHeading}</h2>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <ProfileStatusesLoader accountId={account.id} label={en.profile.postsHeading} signedIn={signedIn} />
      </Suspense>
    </>
  );
}
