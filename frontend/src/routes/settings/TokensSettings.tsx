// The viewer's personal access tokens: make one (its secret shown this once), revoke one;
// and, for developers, the way to GraphiQL.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { RelativeTime } from '../../components/RelativeTime';
import { SecretOnce } from '../../components/SecretOnce';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { appendToRoot, removeFromRoot } from '../../lib/rootList';
import { absoluteTime } from '../../lib/time';
import { messageOf } from '../../relay/errors';
import { DeveloperSection } from './DeveloperSection';
import type { TokensSettingsQuery } from './__generated__/TokensSettingsQuery.graphql';
import type { TokensSettingsCreateMutation } from './__generated__/TokensSettingsCreateMutation.graphql';
import type { TokensSettingsRevokeMutation } from './__generated__/TokensSettingsRevokeMutation.graphql';

const pageQuery = graphql`
  query TokensSettingsQuery {
    accessTokens {
      id
      name
      scopes
      createdAt
      lastUsedAt
      expiresAt
    }
  }
`;

const createMutation = graphql`
  mutation TokensSettingsCreateMutation($name: String!, $scopes: [AccessTokenScope!]!) {
    createAccessToken(input: { name: $name, scopes: $scopes }) {
      accessToken {
        id
        name
        scopes
        createdAt
        lastUsedAt
        expiresAt
      }
      secret
    }
  }
`;

const revokeMutation = graphql`
  mutation TokensSettingsRevokeMutation($id: ID!) {
    revokeAccessToken(input: { id: $id }) {
      revokedAccessTokenId
    }
  }
`;

const scopes = ['READ', 'WRITE', 'FOLLOW', 'ADMIN'] as const;
type Scope = (typeof scopes)[number];

/** The form; the secret it is answered with lives in this component's state alone. */
export function CreateToken() {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Scope[]>(['READ']);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [commit, busy] = useMutation<TokensSettingsCreateMutation>(createMutation);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    commit({
      variables: { name, scopes: chosen },
      updater: (store) =>
        appendToRoot(store, 'accessTokens', store.getRootField('createAccessToken')?.getLinkedRecord('accessToken')),
      onCompleted: (response) => {
        setCreated({ name: response.createAccessToken.accessToken.name, secret: response.createAccessToken.secret });
        setName('');
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  if (created !== null) {
    return (
      <SecretOnce label={t(settingsText.tokens.secretLabel, { name: created.name })} secret={created.secret} onDone={() => setCreated(null)} />
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>{settingsText.tokens.name}</label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setName(event.target.value)}
        />
        <p id={`${id}-hint`} className="hint">
          {settingsText.tokens.nameHint}
        </p>
      </div>
      <fieldset className="settings__group">
        <legend>{settingsText.tokens.scopes}</legend>
        {scopes.map((scope) => (
          <div key={scope} className="settings__option">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(scope)}
                aria-describedby={`${id}-${scope}`}
                onChange={(event) =>
                  setChosen(scopes.filter((item) => (item === scope ? event.target.checked : chosen.includes(item))))
                }
              />
              {settingsText.tokens[scope]}
            </label>
            <p id={`${id}-${scope}`} className="hint">
              {settingsText.tokens[`${scope}_description`]}
            </p>
          </div>
        ))}
      </fieldset>
      <FormError message={error} />
      <button type="submit" className="button button--primary settings__add" disabled={busy}>
        {busy ? settingsText.tokens.creating : settingsText.tokens.create}
      </button>
    </form>
  );
}

export default function TokensSettings() {
  const data = useLazyLoadQuery<TokensSettingsQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const [revoke, revoking] = useMutation<TokensSettingsRevokeMutation>(revokeMutation);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="panel">
      <PageHeading title={settingsText.tokens.title} />
      <p className="page-description">{settingsText.tokens.intro}</p>
      <CreateToken />
      <FormError message={error} />
      {data.accessTokens.length === 0 ? (
        <p>{settingsText.tokens.empty}</p>
      ) : (
        <ul className="setting-items" aria-label={settingsText.tokens.mine}>
          {data.accessTokens.map((token) => (
            <li key={token.id} className="setting-item">
              <div className="setting-item__head">
                <span className="setting-item__title">{token.name}</span>
                <ConfirmButton
                  label={settingsText.tokens.revoke}
                  question={t(settingsText.tokens.revokeQuestion, { name: token.name })}
                  confirmLabel={t(settingsText.tokens.revokeConfirm, { name: token.name })}
                  busy={revoking}
                  onConfirm={() => {
                    setError(null);
                    revoke({
                      variables: { id: token.id },
                      updater: (store) => removeFromRoot(store, 'accessTokens', token.id),
                      onError: (failure) => setError(messageOf(failure)),
                    });
                  }}
                />
              </div>
              <p className="hint">
                {token.scopes.map((scope) => (scope in settingsText.tokens ? settingsText.tokens[scope as Scope] : scope)).join(', ')} ·{' '}
                <span>
                  {settingsText.tokens.created} <RelativeTime iso={token.createdAt} />
                </span>{' '}
                ·{' '}
                {token.lastUsedAt === null || token.lastUsedAt === undefined ? (
                  settingsText.tokens.neverUsed
                ) : (
                  <span>
                    {settingsText.tokens.lastUsed} <RelativeTime iso={token.lastUsedAt} />
                  </span>
                )}
                {token.expiresAt !== null && token.expiresAt !== undefined && (
                  <> · {t(settingsText.tokens.expires, { when: absoluteTime(token.expiresAt) })}</>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <DeveloperSection />
    </div>
  );
}
