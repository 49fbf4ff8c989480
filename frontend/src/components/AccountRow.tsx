// An account's row in a list: its picture, name and handle linking to its profile, and
// whatever buttons (or notes) the list puts beside them.
import type { ReactNode } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { shownName } from '../lib/shownName';
import { Link, profilePath } from '../router';
import { Avatar } from './Avatar';
import type { AccountRow_account$key } from './__generated__/AccountRow_account.graphql';

const accountFragment = graphql`
  fragment AccountRow_account on Account {
    acct
    username
    displayName
    avatarUrl
  }
`;

export function AccountRow({ account: key, children }: { account: AccountRow_account$key; children?: ReactNode }) {
  const account = useFragment(accountFragment, key);
  const name = shownName(account);
  return (
    <li className="account-row">
      <Link to={profilePath(account.acct)} className="account-row__link">
        <Avatar url={account.avatarUrl} name={name} />
        <span className="account-row__names">
          <span className="account-row__name">{name}</span>
          <span className="account-row__acct">@{account.acct}</span>
        </span>
      </Link>
      {children}
    </li>
  );
}
