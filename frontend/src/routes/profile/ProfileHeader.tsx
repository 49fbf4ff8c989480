// Who an account is: header picture, avatar, names, markers, bio, fields and counts, a notice
// when it has moved, and what the viewer can do about it.
import { graphql, useFragment } from 'react-relay/hooks';
import { AccountActions } from '../../components/AccountActions';
import { Avatar } from '../../components/Avatar';
import { Content } from '../../components/Content';
import { CheckIcon } from '../../components/Icons';
import { PageHeading } from '../../components/PageHeading';
import { t } from '../../i18n/en';
import { accountText } from '../../i18n/accountText';
import { absoluteTime } from '../../lib/time';
import { Link, profilePath } from '../../router';
import type { ProfileHeader_account$key } from './__generated__/ProfileHeader_account.graphql';
import { shownName } from '../../lib/shownName';

const accountFragment = graphql`
  fragment ProfileHeader_account on Account {
    acct
    username
    displayName
    note
    avatarUrl
    headerUrl
    locked
    bot
    statusesCount
    followersCount
    followingCount
    fields {
      name
      valueHtml
      verifiedAt
    }
    movedTo {
      acct
      username
      displayName
    }
    ...AccountActions_account
  }
`;

export function ProfileHeader({
  account: key,
  isSelf,
  blockedDomains,
}: {
  account: ProfileHeader_account$key;
  /** The viewer's own profile. */
  isSelf: boolean;
  /** The servers the viewer blocks; null when no one is signed in. */
  blockedDomains: readonly string[] | null;
}) {
  const account = useFragment(accountFragment, key);
  const name = shownName(account);
  const movedTo = account.movedTo;
  return (
    <section className="profile panel">
      {account.headerUrl !== null && account.headerUrl !== undefined && account.headerUrl !== '' && (
        <img className="profile__header" src={account.headerUrl} alt="" decoding="async" />
      )}
      {movedTo !== null && movedTo !== undefined && (
        <p className="profile__moved" role="note">
          {t(accountText.profile.movedTo, { name })}{' '}
          <Link to={profilePath(movedTo.acct)}>
            {shownName(movedTo)} (@{movedTo.acct})
          </Link>
        </p>
      )}
      <Avatar url={account.avatarUrl} name={name} size="large" />
      <div className="profile__names">
        <PageHeading title={name} />
        <p className="profile__acct">@{account.acct}</p>
        {(account.locked || account.bot) && (
          <p className="profile__badges">
            {account.locked && <span className="badge">{accountText.profile.locked}</span>}
            {account.bot && <span className="badge">{accountText.profile.bot}</span>}
          </p>
        )}
      </div>
      {isSelf ? (
        <p>
          <Link to="/settings/profile" className="button">
            {accountText.profile.editProfile}
          </Link>
        </p>
      ) : (
        blockedDomains !== null && <AccountActions account={account} blockedDomains={blockedDomains} />
      )}
      <Content html={account.note} className="content profile__note" />
      {account.fields.length > 0 && (
        <dl className="profile__fields">
          {account.fields.map((field, index) => (
            <div key={index} className={`profile__field${field.verifiedAt == null ? '' : ' profile__field--verified'}`}>
              <dt>{field.name}</dt>
              <dd>
                <Content html={field.valueHtml} className="content content--inline" />
                {field.verifiedAt != null && (
                  <span className="profile__verified" title={t(accountText.profile.verified, { when: absoluteTime(field.verifiedAt) })}>
                    <CheckIcon />
                    <span className="visually-hidden">{t(accountText.profile.verified, { when: absoluteTime(field.verifiedAt) })}</span>
                  </span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="profile__counts">
        <span>{t(accountText.profile.posts, { count: account.statusesCount })}</span>
        <Link to={profilePath(account.acct, 'followers')}>{t(accountText.profile.followers, { count: account.followersCount })}</Link>
        <Link to={profilePath(account.acct, 'following')}>{t(accountText.profile.following, { count: account.followingCount })}</Link>
      </p>
    </section>
  );
}
