// The servers this one knows accounts of, those with the most first, found by a part of their
// domain: how many accounts and posts of each are here, the follows both ways, and whether it
// is blocked, allowed or given up on for delivery. Each opens its own page.
import { Suspense, useDeferredValue, useId, useState } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { adminServersText } from '../../../i18n/adminFederationText';
import { en, t } from '../../../i18n/en';
import { severityLabel } from '../../../lib/domainBlocks';
import { Link, adminPath } from '../../../router';
import type { KnownServersQuery, KnownServersQuery$data } from './__generated__/KnownServersQuery.graphql';

const serversQuery = graphql`
  query KnownServersQuery($query: String) {
    knownServers(query: $query, first: 50) {
      domain
      accounts
      statuses
      following
      followers
      unavailable
      allowed
      block {
        severity
      }
    }
  }
`;

const text = adminServersText.known;

type Server = KnownServersQuery$data['knownServers'][number];

/** The badges a server's row shows: blocked (and how), allowed, unavailable for delivery. */
export function serverBadges(server: Pick<Server, 'allowed' | 'unavailable' | 'block'>): string[] {
  const badges: string[] = [];
  if (server.block !== null && server.block !== undefined) badges.push(t(text.blocked, { severity: severityLabel(server.block.severity) }));
  if (server.allowed) badges.push(text.allowed);
  if (server.unavailable) badges.push(text.unavailable);
  return badges;
}

/** The servers found for `query`, a row each; exported for its tests. */
export function ServersTable({ servers, query }: { servers: readonly Server[]; query: string }) {
  if (servers.length === 0) return <p>{query === '' ? text.empty : t(text.noMatch, { query })}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table known-servers">
        <caption>{text.list}</caption>
        <thead>
          <tr>
            <th scope="col">{text.domain}</th>
            <th scope="col">{text.accounts}</th>
            <th scope="col">{text.statuses}</th>
            <th scope="col">{text.following}</th>
            <th scope="col">{text.followers}</th>
            <th scope="col">{text.state}</th>
          </tr>
        </thead>
        <tbody>
          {servers.map((server) => {
            const badges = serverBadges(server);
            return (
              <tr key={server.domain}>
                <th scope="row">
                  <Link className="known-servers__domain" to={adminPath('federation', server.domain)}>
                    {server.domain}
                  </Link>
                </th>
                <td>{server.accounts}</td>
                <td>{server.statuses}</td>
                <td>{server.following}</td>
                <td>{server.followers}</td>
                <td>
                  {badges.length > 0 && (
                    <ul className="admin-badges">
                      {badges.map((badge) => (
                        <li key={badge} className="badge">
                          {badge}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Results({ query }: { query: string }) {
  const data = useLazyLoadQuery<KnownServersQuery>(
    serversQuery,
    { query: query === '' ? null : query },
    { fetchPolicy: 'store-and-network' },
  );
  return <ServersTable servers={data.knownServers} query={query} />;
}

/** The known servers with their search box, a panel of the federation page. */
export function KnownServers() {
  const [typed, setTyped] = useState('');
  // The servers found so far stay until those for what is typed now come.
  const query = useDeferredValue(typed.trim().toLowerCase());
  const ids = { title: useId(), search: useId(), hint: useId() };
  return (
    <section className="panel" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="section-heading">
        {text.title}
      </h2>
      <p className="hint">{text.intro}</p>
      <div className="field known-servers__search" role="search" aria-label={text.search}>
        <label htmlFor={ids.search}>{text.search}</label>
        <input
          id={ids.search}
          className="input"
          type="search"
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          aria-describedby={ids.hint}
          onChange={(event) => setTyped(event.target.value)}
        />
        <p id={ids.hint} className="hint">
          {text.searchHint}
        </p>
      </div>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <Results query={query} />
      </Suspense>
    </section>
  );
}
