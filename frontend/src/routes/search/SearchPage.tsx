// Search, `/search?q=`: people, hashtags and posts; a pasted `@user@domain` or link is looked
// up on its server first and opens the profile it names, or shows the post.
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { graphql, useLazyLoadQuery, useRelayEnvironment } from 'react-relay/hooks';
import { fetchQuery } from 'relay-runtime';
import { AccountRow } from '../../components/AccountRow';
import { PageHeading } from '../../components/PageHeading';
import { Status } from '../../components/Status';
import { en, t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { remoteLookupOf, type RemoteLookup } from '../../lib/search';
import { messageOf } from '../../relay/errors';
import { Link, navigate, profilePath, tagPath, useSearchParam } from '../../router';
import type { SearchPageAccountLookupQuery } from './__generated__/SearchPageAccountLookupQuery.graphql';
import type { SearchPageObjectLookupQuery } from './__generated__/SearchPageObjectLookupQuery.graphql';
import type { SearchPageQuery } from './__generated__/SearchPageQuery.graphql';
import type { Status_status$key } from '../../components/__generated__/Status_status.graphql';

const searchQuery = graphql`
  query SearchPageQuery($query: String!) {
    search(query: $query, first: 10) {
      accounts {
        id
        ...AccountRow_account
      }
      hashtags {
        name
      }
      statuses {
        edges {
          node {
            id
            ...Status_status
          }
        }
      }
    }
  }
`;

const accountLookup = graphql`
  query SearchPageAccountLookupQuery($handle: String!) {
    resolveAccount(handle: $handle) {
      acct
    }
  }
`;

const objectLookup = graphql`
  query SearchPageObjectLookupQuery($url: String!) {
    resolveObject(url: $url) {
      __typename
      ... on Account {
        acct
      }
      ...Status_status @alias(as: "status")
    }
  }
`;

type LookupState =
  | { state: 'looking' }
  | { state: 'failed'; message: string }
  | { state: 'status'; status: Status_status$key };

/** The text that names a lookup. */
function lookupKey(lookup: RemoteLookup): string {
  return lookup.kind === 'account' ? lookup.handle : lookup.url;
}

/**
 * Looks `lookup` up on its server: an account opens its profile, a post shows here; when
 * that fails, says why above `fallback` (the search's own results).
 */
function RemoteLookupResult({ lookup, fallback }: { lookup: RemoteLookup; fallback: ReactNode }) {
  const environment = useRelayEnvironment();
  const [result, setResult] = useState<LookupState>({ state: 'looking' });
  const key = lookupKey(lookup);

  useEffect(() => {
    const fail = (error: unknown) =>
      setResult({ state: 'failed', message: t(pageText.search.lookupFailed, { reason: messageOf(error) }) });
    const subscription =
      lookup.kind === 'account'
        ? fetchQuery<SearchPageAccountLookupQuery>(environment, accountLookup, { handle: lookup.handle }).subscribe({
            next: (data) => navigate(profilePath(data.resolveAccount.acct), { replace: true }),
            error: fail,
          })
        : fetchQuery<SearchPageObjectLookupQuery>(environment, objectLookup, { url: lookup.url }).subscribe({
            next: (data) => {
              const found = data.resolveObject;
              if (found.acct !== undefined) navigate(profilePath(found.acct), { replace: true });
              else if (found.status !== null && found.status !== undefined) setResult({ state: 'status', status: found.status });
            },
            error: fail,
          });
    return () => subscription.unsubscribe();
    // `key` names the lookup; the object itself is made afresh at each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [environment, key]);

  if (result.state === 'looking') return <p className="loading" role="status">{pageText.search.lookingUp}</p>;
  if (result.state === 'failed') {
    return (
      <>
        <p className="form-error" role="alert">
          {result.message}
        </p>
        {fallback}
      </>
    );
  }
  return (
    <section className="search__section" aria-label={pageText.search.found}>
      <h2 className="section-heading">{pageText.search.found}</h2>
      <Status status={result.status} signedIn />
    </section>
  );
}

function Results({ query, signedIn }: { query: string; signedIn: boolean }) {
  const data = useLazyLoadQuery<SearchPageQuery>(searchQuery, { query }, { fetchPolicy: 'store-and-network' });
  const { accounts, hashtags, statuses } = data.search;
  return (
    <>
      <section className="search__section" aria-labelledby="search-accounts">
        <h2 id="search-accounts" className="section-heading">
          {pageText.search.accounts}
        </h2>
        {accounts.length === 0 ? (
          <p className="hint">{pageText.search.noAccounts}</p>
        ) : (
          <ul className="account-list panel">
            {accounts.map((account) => (
              <AccountRow key={account.id} account={account} />
            ))}
          </ul>
        )}
      </section>
      <section className="search__section" aria-labelledby="search-hashtags">
        <h2 id="search-hashtags" className="section-heading">
          {pageText.search.hashtags}
        </h2>
        {hashtags.length === 0 ? (
          <p className="hint">{pageText.search.noHashtags}</p>
        ) : (
          <ul className="search__list search__hashtags panel">
            {hashtags.map((hashtag) => (
              <li key={hashtag.name}>
                <Link to={tagPath(hashtag.name)}>#{hashtag.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="search__section" aria-labelledby="search-statuses">
        <h2 id="search-statuses" className="section-heading">
          {pageText.search.statuses}
        </h2>
        {!signedIn ? (
          <p className="hint">{pageText.search.signInForStatuses}</p>
        ) : statuses.edges.length === 0 ? (
          <p className="hint">{pageText.search.noStatuses}</p>
        ) : (
          <div className="timeline__list">
            {statuses.edges.map((edge) => (
              <Status key={edge.node.id} status={edge.node} signedIn={signedIn} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}

export default function SearchPage({ signedIn }: { signedIn: boolean }) {
  const query = (useSearchParam('q') ?? '').trim();
  const lookup = signedIn ? remoteLookupOf(query) : null;
  const results = (
    <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
      <Results query={query} signedIn={signedIn} />
    </Suspense>
  );
  return (
    <>
      <PageHeading title={query === '' ? pageText.search.title : t(pageText.search.resultsFor, { query })} />
      {query === '' ? (
        <p className="panel">{pageText.search.prompt}</p>
      ) : lookup !== null ? (
        <RemoteLookupResult key={lookupKey(lookup)} lookup={lookup} fallback={results} />
      ) : (
        results
      )}
    </>
  );
}
