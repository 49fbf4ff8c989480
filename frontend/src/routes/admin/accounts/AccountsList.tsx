// Every account, newest first, a page at a time, filtered by where it is, its state, its
// role, a part of its handle, name or email, and the address it signed up from.
import { Suspense, useDeferredValue, useId, useMemo, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { PageHeading } from '../../../components/PageHeading';
import { RelativeTime } from '../../../components/RelativeTime';
import { en } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { Link, adminPath } from '../../../router';
import { stateLabels } from '../AccountStanding';
import type {
  AccountOrigin,
  AccountStateFilter,
  AccountsListQuery,
  AdminAccountFilter,
} from './__generated__/AccountsListQuery.graphql';
import type { AccountsListRolesQuery } from './__generated__/AccountsListRolesQuery.graphql';
import type { AccountsListPaginationQuery } from './__generated__/AccountsListPaginationQuery.graphql';
import type { AccountsList_accounts$key } from './__generated__/AccountsList_accounts.graphql';

const PAGE = 40;

const origins = ['LOCAL', 'REMOTE'] as const satisfies readonly AccountOrigin[];
const states = ['ACTIVE', 'PENDING', 'DISABLED', 'LIMITED', 'SUSPENDED'] as const satisfies readonly AccountStateFilter[];

const rolesQuery = graphql`
  query AccountsListRolesQuery {
    roles {
      id
      name
    }
  }
`;

const accountsQuery = graphql`
  query AccountsListQuery($filter: AdminAccountFilter) {
    ...AccountsList_accounts @arguments(filter: $filter)
  }
`;

const accountsFragment = graphql`
  fragment AccountsList_accounts on Query
  @refetchable(queryName: "AccountsListPaginationQuery")
  @argumentDefinitions(filter: { type: "AdminAccountFilter" }, count: { type: "Int", defaultValue: 40 }, cursor: { type: "String" }) {
    adminAccounts(filter: $filter, first: $count, after: $cursor) @connection(key: "AccountsList_adminAccounts") {
      edges {
        node {
          id
          email
          createdAt
          approved
          disabled
          limited
          sensitive
          suspended
          role {
            name
          }
          account {
            acct
          }
        }
      }
    }
  }
`;

function Results({ filter }: { filter: AdminAccountFilter }) {
  const query = useLazyLoadQuery<AccountsListQuery>(accountsQuery, { filter }, { fetchPolicy: 'store-and-network' });
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<AccountsListPaginationQuery, AccountsList_accounts$key>(
    accountsFragment,
    query,
  );
  const edges = data.adminAccounts.edges;
  if (edges.length === 0) return <p className="timeline__empty">{adminText.accounts.empty}</p>;
  return (
    <>
      <div className="admin-table-wrap">
        <table className="admin-table" aria-busy={isLoadingNext}>
          <caption className="visually-hidden">{adminText.accounts.list}</caption>
          <thead>
            <tr>
              <th scope="col">{adminText.accounts.account}</th>
              <th scope="col">{adminText.account.email}</th>
              <th scope="col">{adminText.accounts.role}</th>
              <th scope="col">{adminText.accounts.state}</th>
              <th scope="col">{adminText.accounts.joined}</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => (
              <tr key={node.id}>
                <th scope="row">
                  <Link to={adminPath('accounts', node.id)}>@{node.account.acct}</Link>
                </th>
                <td>{node.email ?? ''}</td>
                <td>{node.role?.name ?? ''}</td>
                <td>{stateLabels(node).join(', ')}</td>
                <td>
                  <RelativeTime iso={node.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasNext && (
        <div className="timeline__footer">
          <button type="button" className="button" disabled={isLoadingNext} onClick={() => loadNext(PAGE)}>
            {isLoadingNext ? adminText.accounts.loadingMore : adminText.accounts.loadMore}
          </button>
        </div>
      )}
    </>
  );
}

/** The filter asked for: nothing for the choices left at "any". */
export function accountFilter(origin: string, state: string, roleId: string, query: string, ip = ''): AdminAccountFilter {
  const filter: { -readonly [K in keyof AdminAccountFilter]: AdminAccountFilter[K] } = {};
  const originChosen = origins.find((item) => item === origin);
  if (originChosen !== undefined) filter.origin = originChosen;
  const stateChosen = states.find((item) => item === state);
  if (stateChosen !== undefined) filter.state = stateChosen;
  if (roleId !== '') filter.roleId = roleId;
  if (query.trim() !== '') filter.query = query.trim();
  if (ip.trim() !== '') filter.ip = ip.trim();
  return filter;
}

export function AccountsList() {
  const { roles } = useLazyLoadQuery<AccountsListRolesQuery>(rolesQuery, {}, { fetchPolicy: 'store-or-network' });
  const [origin, setOrigin] = useState('');
  const [state, setState] = useState('');
  const [roleId, setRoleId] = useState('');
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [ipText, setIpText] = useState('');
  const [ip, setIp] = useState('');
  const chosen = useMemo(() => accountFilter(origin, state, roleId, query, ip), [origin, state, roleId, query, ip]);
  // The accounts found so far stay until the new ones come.
  const filter = useDeferredValue(chosen);
  const ids = { origin: useId(), state: useId(), role: useId(), query: useId(), ip: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text);
    setIp(ipText);
  };
  return (
    <div className="admin-page">
      <PageHeading title={adminText.accounts.title} />
      <form className="inline-form admin-filters" role="search" aria-label={adminText.accounts.filters} onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.origin}>{adminText.accounts.origin}</label>
          <select id={ids.origin} className="input" value={origin} onChange={(event) => setOrigin(event.target.value)}>
            <option value="">{adminText.accounts.anyOrigin}</option>
            {origins.map((item) => (
              <option key={item} value={item}>
                {adminText.accounts[item]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.state}>{adminText.accounts.state}</label>
          <select id={ids.state} className="input" value={state} onChange={(event) => setState(event.target.value)}>
            <option value="">{adminText.accounts.anyState}</option>
            {states.map((item) => (
              <option key={item} value={item}>
                {adminText.accounts[item]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{adminText.accounts.role}</label>
          <select id={ids.role} className="input" value={roleId} onChange={(event) => setRoleId(event.target.value)}>
            <option value="">{adminText.accounts.anyRole}</option>
            {roles.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.query}>{adminText.accounts.query}</label>
          <input id={ids.query} className="input" type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.ip}>{adminText.accounts.ip}</label>
          <input
            id={ids.ip}
            className="input"
            type="search"
            autoCapitalize="none"
            spellCheck={false}
            value={ipText}
            onChange={(event) => setIpText(event.target.value)}
          />
        </div>
        <button type="submit" className="button">
          {adminText.accounts.search}
        </button>
      </form>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <Results filter={filter} />
      </Suspense>
    </div>
  );
}
