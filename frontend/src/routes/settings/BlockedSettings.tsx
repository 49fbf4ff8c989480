// The accounts and servers the viewer blocks: unblock either, and block another server.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import type { RecordSourceProxy } from 'relay-runtime';
import { AccountRow } from '../../components/AccountRow';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { en, t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { messageOf } from '../../relay/errors';
import type { BlockedSettingsQuery } from './__generated__/BlockedSettingsQuery.graphql';
import type { BlockedSettings_query$key } from './__generated__/BlockedSettings_query.graphql';
import type { BlockedSettingsPaginationQuery } from './__generated__/BlockedSettingsPaginationQuery.graphql';
import type { BlockedSettingsUnblockMutation } from './__generated__/BlockedSettingsUnblockMutation.graphql';
import type { BlockedSettingsBlockDomainMutation } from './__generated__/BlockedSettingsBlockDomainMutation.graphql';
import type { BlockedSettingsUnblockDomainMutation } from './__generated__/BlockedSettingsUnblockDomainMutation.graphql';

const pageQuery = graphql`
  query BlockedSettingsQuery {
    blockedDomains
    ...BlockedSettings_query
  }
`;

const blockedFragment = graphql`
  fragment BlockedSettings_query on Query
  @refetchable(queryName: "BlockedSettingsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 40 }, cursor: { type: "String" }) {
    blockedAccounts(first: $count, after: $cursor) @connection(key: "BlockedSettings_blockedAccounts") {
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

const unblockMutation = graphql`
  mutation BlockedSettingsUnblockMutation($accountId: ID!, $connections: [ID!]!) {
    unblock(input: { accountId: $accountId }) {
      account {
        id @deleteEdge(connections: $connections)
      }
    }
  }
`;

const blockDomainMutation = graphql`
  mutation BlockedSettingsBlockDomainMutation($domain: String!) {
    blockDomain(input: { domain: $domain }) {
      domain
    }
  }
`;

const unblockDomainMutation = graphql`
  mutation BlockedSettingsUnblockDomainMutation($domain: String!) {
    unblockDomain(input: { domain: $domain }) {
      domain
    }
  }
`;

/** `domains` with `domain` added (kept alphabetical, as the server lists them) or taken out. */
export function withDomain(domains: readonly string[], domain: string, blocked: boolean): string[] {
  const others = domains.filter((item) => item !== domain);
  return blocked ? [...others, domain].sort() : others;
}

function BlockedAccounts({ query }: { query: BlockedSettings_query$key }) {
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<BlockedSettingsPaginationQuery, BlockedSettings_query$key>(
    blockedFragment,
    query,
  );
  const [commit, busy] = useMutation<BlockedSettingsUnblockMutation>(unblockMutation);
  const [error, setError] = useState<string | null>(null);
  const edges = data.blockedAccounts.edges;
  return (
    <section className="settings__section" aria-labelledby="blocked-accounts">
      <h2 id="blocked-accounts" className="section-heading">
        {settingsText.blocked.accounts}
      </h2>
      <FormError message={error} />
      {edges.length === 0 ? (
        <p>{settingsText.blocked.accountsEmpty}</p>
      ) : (
        <ul className="account-list" aria-label={settingsText.blocked.accounts}>
          {edges.map(({ node }) => (
            <AccountRow key={node.id} account={node}>
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => {
                  setError(null);
                  commit({
                    variables: { accountId: node.id, connections: [data.blockedAccounts.__id] },
                    onError: (failure) => setError(messageOf(failure)),
                  });
                }}
              >
                {t(settingsText.blocked.unblock, { acct: node.acct })}
              </button>
            </AccountRow>
          ))}
        </ul>
      )}
      {hasNext && (
        <button type="button" className="button settings__add" disabled={isLoadingNext} onClick={() => loadNext(40)}>
          {isLoadingNext ? en.timeline.loadingMore : en.timeline.loadMore}
        </button>
      )}
    </section>
  );
}

function BlockedDomains({ domains }: { domains: readonly string[] }) {
  const [domain, setDomain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [block, blocking] = useMutation<BlockedSettingsBlockDomainMutation>(blockDomainMutation);
  const [unblock, unblocking] = useMutation<BlockedSettingsUnblockDomainMutation>(unblockDomainMutation);
  const id = useId();
  const setBlocked = (name: string, blocked: boolean) => (store: RecordSourceProxy) => {
    const root = store.getRoot();
    const current = (root.getValue('blockedDomains') as readonly string[] | null) ?? [];
    root.setValue(withDomain(current, name, blocked), 'blockedDomains');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    block({
      variables: { domain },
      updater: (store) => {
        const kept = store.getRootField('blockDomain')?.getValue('domain');
        if (typeof kept === 'string') setBlocked(kept, true)(store);
      },
      onCompleted: () => setDomain(''),
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <section className="settings__section" aria-labelledby="blocked-domains">
      <h2 id="blocked-domains" className="section-heading">
        {settingsText.blocked.domains}
      </h2>
      <p className="hint">{settingsText.blocked.domainsIntro}</p>
      <form className="inline-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={id}>{settingsText.blocked.domain}</label>
          <input
            id={id}
            className="input"
            value={domain}
            aria-invalid={error !== null}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setDomain(event.target.value)}
          />
          <p id={`${id}-hint`} className="hint">
            {settingsText.blocked.domainHint}
          </p>
        </div>
        <button type="submit" className="button button--primary" disabled={blocking || domain.trim() === ''}>
          {blocking ? settingsText.blocked.blocking : settingsText.blocked.block}
        </button>
      </form>
      <FormError message={error} />
      {domains.length === 0 ? (
        <p>{settingsText.blocked.domainsEmpty}</p>
      ) : (
        <ul className="setting-items" aria-label={settingsText.blocked.domains}>
          {domains.map((name) => (
            <li key={name} className="setting-item setting-item__head">
              <span className="setting-item__title">{name}</span>
              <button
                type="button"
                className="button button--small"
                disabled={unblocking}
                onClick={() => {
                  setError(null);
                  unblock({
                    variables: { domain: name },
                    updater: setBlocked(name, false),
                    onError: (failure) => setError(messageOf(failure)),
                  });
                }}
              >
                {t(settingsText.blocked.unblockDomain, { domain: name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function BlockedSettings() {
  const data = useLazyLoadQuery<BlockedSettingsQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return (
    <div className="panel">
      <PageHeading title={settingsText.blocked.title} />
      <p className="page-description">{settingsText.blocked.intro}</p>
      <BlockedAccounts query={data} />
      <BlockedDomains domains={data.blockedDomains} />
    </div>
  );
}
