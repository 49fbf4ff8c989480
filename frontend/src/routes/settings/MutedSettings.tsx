// The accounts the viewer mutes, the latest first, each with a button to unmute it.
import { useState } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import { AccountRow } from '../../components/AccountRow';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { en, t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { absoluteTime } from '../../lib/time';
import { messageOf } from '../../relay/errors';
import type { MutedSettingsQuery } from './__generated__/MutedSettingsQuery.graphql';
import type { MutedSettings_query$key } from './__generated__/MutedSettings_query.graphql';
import type { MutedSettingsPaginationQuery } from './__generated__/MutedSettingsPaginationQuery.graphql';
import type { MutedSettingsUnmuteMutation } from './__generated__/MutedSettingsUnmuteMutation.graphql';

const pageQuery = graphql`
  query MutedSettingsQuery {
    ...MutedSettings_query
  }
`;

const mutedFragment = graphql`
  fragment MutedSettings_query on Query
  @refetchable(queryName: "MutedSettingsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 40 }, cursor: { type: "String" }) {
    mutedAccounts(first: $count, after: $cursor) @connection(key: "MutedSettings_mutedAccounts") {
      __id
      edges {
        node {
          id
          acct
          ...AccountRow_account
          relationship {
            mutingEndsAt
          }
        }
      }
    }
  }
`;

const unmuteMutation = graphql`
  mutation MutedSettingsUnmuteMutation($accountId: ID!, $connections: [ID!]!) {
    unmute(input: { accountId: $accountId }) {
      account {
        id @deleteEdge(connections: $connections)
      }
    }
  }
`;

export default function MutedSettings() {
  const query = useLazyLoadQuery<MutedSettingsQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<MutedSettingsPaginationQuery, MutedSettings_query$key>(
    mutedFragment,
    query,
  );
  const [commit, busy] = useMutation<MutedSettingsUnmuteMutation>(unmuteMutation);
  const [error, setError] = useState<string | null>(null);
  const edges = data.mutedAccounts.edges;
  const unmute = (accountId: string) => {
    setError(null);
    commit({
      variables: { accountId, connections: [data.mutedAccounts.__id] },
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <div className="panel">
      <PageHeading title={settingsText.muted.title} />
      <p className="page-description">{settingsText.muted.intro}</p>
      <FormError message={error} />
      {edges.length === 0 ? (
        <p>{settingsText.muted.empty}</p>
      ) : (
        <ul className="account-list" aria-label={settingsText.muted.mine}>
          {edges.map(({ node }) => (
            <AccountRow key={node.id} account={node}>
              <span className="account-row__actions">
                {node.relationship?.mutingEndsAt !== null && node.relationship?.mutingEndsAt !== undefined && (
                  <span className="hint">{t(settingsText.muted.until, { when: absoluteTime(node.relationship.mutingEndsAt) })}</span>
                )}
                <button type="button" className="button button--small" disabled={busy} onClick={() => unmute(node.id)}>
                  {t(settingsText.muted.unmute, { acct: node.acct })}
                </button>
              </span>
            </AccountRow>
          ))}
        </ul>
      )}
      {hasNext && (
        <button type="button" className="button settings__add" disabled={isLoadingNext} onClick={() => loadNext(40)}>
          {isLoadingNext ? en.timeline.loadingMore : en.timeline.loadMore}
        </button>
      )}
    </div>
  );
}
