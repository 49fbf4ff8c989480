// A list of accounts, each linking to its profile (with room for buttons beside it), and a
// button that loads more.
import type { ReactNode } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { en } from '../i18n/en';
import { Link, profilePath } from '../router';
import { Avatar } from './Avatar';
import type { AccountList_account$key } from './__generated__/AccountList_account.graphql';
import { shownName } from '../lib/shownName';

const accountFragment = graphql`
  fragment AccountList_account on Account {
    acct
    username
    displayName
    avatarUrl
  }
`;

export function AccountRow({ account: key, children }: { account: AccountList_account$key; children?: ReactNode }) {
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

export function AccountList({
  label,
  count,
  emptyMessage,
  hasNext,
  isLoadingNext,
  loadNext,
  children,
}: {
  label: string;
  count: number;
  emptyMessage: string;
  hasNext: boolean;
  isLoadingNext: boolean;
  loadNext: () => void;
  children: ReactNode;
}) {
  if (count === 0) return <p className="timeline__empty">{emptyMessage}</p>;
  return (
    <>
      <ul className="account-list panel" aria-label={label} aria-busy={isLoadingNext}>
        {children}
      </ul>
      {hasNext && (
        <div className="timeline__footer">
          <button type="button" className="button" disabled={isLoadingNext} onClick={loadNext}>
            {isLoadingNext ? en.accounts.loadingMore : en.accounts.loadMore}
          </button>
        </div>
      )}
    </>
  );
}
