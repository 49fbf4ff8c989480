// A list of accounts (rows of AccountRow), or what is said when it is empty, and a button
// that loads more.
import type { ReactNode } from 'react';
import { accountText } from '../i18n/accountText';

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
            {isLoadingNext ? accountText.accounts.loadingMore : accountText.accounts.loadMore}
          </button>
        </div>
      )}
    </>
  );
}
