// Which servers this one federates with: every server but those blocked, or only those on the
// allowlist (asked to confirm first, since it cuts off every other); and the allowlist itself,
// where a moderator adds a server by its domain and removes one.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { useAnnounce } from '../../../components/Announcer';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { FormError } from '../../../components/FormError';
import { adminServersText } from '../../../i18n/adminFederationText';
import { t } from '../../../i18n/en';
import { absoluteTime } from '../../../lib/time';
import { messageOf } from '../../../relay/errors';
import { fieldErrors } from '../fieldErrors';
import { allowDomain, allowFailure, allowText, dropAllow, putAllow } from './allowlist';
import type { FederationMode as Mode, FederationModeQuery } from './__generated__/FederationModeQuery.graphql';
import type { FederationModeSetMutation } from './__generated__/FederationModeSetMutation.graphql';
import type { FederationModeAddAllowMutation } from './__generated__/FederationModeAddAllowMutation.graphql';
import type { FederationModeRemoveAllowMutation } from './__generated__/FederationModeRemoveAllowMutation.graphql';

const modeQuery = graphql`
  query FederationModeQuery {
    federationMode
    domainAllows {
      id
      domain
      createdAt
    }
  }
`;

const setModeMutation = graphql`
  mutation FederationModeSetMutation($input: SetFederationModeInput!) {
    setFederationMode(input: $input) {
      mode
    }
  }
`;

const addAllowMutation = graphql`
  mutation FederationModeAddAllowMutation($input: AddDomainAllowInput!) {
    addDomainAllow(input: $input) {
      domainAllow {
        id
        domain
        createdAt
      }
    }
  }
`;

const removeAllowMutation = graphql`
  mutation FederationModeRemoveAllowMutation($input: RemoveDomainAllowInput!) {
    removeDomainAllow(input: $input) {
      removedId
    }
  }
`;

const text = adminServersText.mode;

/** Both modes, the default first. */
export const federationModes = ['BLOCKLIST', 'ALLOWLIST'] as const satisfies readonly Mode[];
type KnownMode = (typeof federationModes)[number];

/** A mode in words; one this client does not know yet is shown as the server spells it. */
export function modeLabel(mode: string): string {
  return mode === 'BLOCKLIST' || mode === 'ALLOWLIST' ? text[mode] : mode;
}

/** The mode shown and the control that changes it; exported for its tests. */
export function ModeControl({ mode, allowed }: { mode: string; allowed: number }) {
  // The mode picked, until it is saved; the server's mode otherwise.
  const [picked, setPicked] = useState<KnownMode | null>(null);
  const chosen: KnownMode = picked ?? (mode === 'ALLOWLIST' ? 'ALLOWLIST' : 'BLOCKLIST');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation<FederationModeSetMutation>(setModeMutation);
  const announce = useAnnounce();
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const confirmButton = useRef<HTMLButtonElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmButton.current?.focus();
    else if (wasAsking.current) saveButton.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  const change = (next: KnownMode) => {
    setError(null);
    save({
      variables: { input: { mode: next } },
      updater: (store) => {
        const saved = store.getRootField('setFederationMode')?.getValue('mode');
        if (typeof saved === 'string') store.getRoot().setValue(saved, 'federationMode');
      },
      onCompleted: (response) => {
        setAsking(false);
        setPicked(null);
        announce(t(text.changed, { mode: modeLabel(response.setFederationMode.mode) }));
      },
      onError: (failure) => {
        setAsking(false);
        setError(messageOf(failure, { FORBIDDEN: allowText.forbidden }));
      },
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === mode) {
      setError(text.unchanged);
      return;
    }
    // Only the allowlist cuts servers off: that one is asked first.
    if (chosen === 'ALLOWLIST') {
      setError(null);
      setAsking(true);
    } else change(chosen);
  };

  return (
    <>
      <p className="federation-mode__current">
        {text.current} <strong>{modeLabel(mode)}</strong>
      </p>
      <form className="form" onSubmit={submit} noValidate aria-label={text.title}>
        <fieldset className="settings__group">
          <legend>{text.choose}</legend>
          {federationModes.map((value) => (
            <div key={value} className="field">
              <label className="checkbox">
                <input
                  type="radio"
                  name={id('mode')}
                  value={value}
                  checked={chosen === value}
                  disabled={asking}
                  aria-describedby={id(`${value}-hint`)}
                  onChange={() => {
                    setPicked(value);
                    setError(null);
                  }}
                />
                {text[value]}
              </label>
              <p id={id(`${value}-hint`)} className="hint">
                {text[`${value}_description`]}
              </p>
            </div>
          ))}
        </fieldset>
        <FormError message={error} />
        {asking ? (
          <div className="confirm" role="group" aria-label={text.question}>
            <p className="confirm__question">{text.question}</p>
            {allowed === 0 && <p className="confirm__question">{text.questionEmpty}</p>}
            <button
              ref={confirmButton}
              type="button"
              className="button button--small button--danger"
              disabled={saving}
              onClick={() => change('ALLOWLIST')}
            >
              {text.confirm}
            </button>
            <button type="button" className="button button--small button--quiet" onClick={() => setAsking(false)}>
              {text.cancel}
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="submit" ref={saveButton} className="button button--primary" disabled={saving}>
              {saving ? text.saving : text.save}
            </button>
          </div>
        )}
      </form>
    </>
  );
}

/** The form adding a server to the allowlist; exported for its tests. */
export function AddAllowForm() {
  const [add, adding] = useMutation<FederationModeAddAllowMutation>(addAllowMutation);
  const [domain, setDomain] = useState('');
  const [failure, setFailure] = useState<{ place: 'domain' | 'form'; message: string } | null>(null);
  const announce = useAnnounce();
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const { errorFor, describedBy, fieldError } = fieldErrors(failure, id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    add({
      variables: { input: { domain: allowDomain(domain) } },
      updater: (store) => putAllow(store, store.getRootField('addDomainAllow')?.getLinkedRecord('domainAllow')),
      onCompleted: (response) => {
        announce(t(allowText.added, { domain: response.addDomainAllow.domainAllow.domain }));
        setDomain('');
      },
      onError: (error) => setFailure(allowFailure(error)),
    });
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={allowText.addTitle}>
      <div className="field">
        <label htmlFor={id('domain')}>{allowText.domain}</label>
        <input
          id={id('domain')}
          className="input"
          required
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          value={domain}
          aria-invalid={errorFor('domain') !== null}
          aria-describedby={describedBy('domain', 'domain-hint')}
          onChange={(event) => setDomain(event.target.value)}
        />
        <p id={id('domain-hint')} className="hint">
          {allowText.domainHint}
        </p>
        {fieldError('domain')}
      </div>
      <FormError message={errorFor('form')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={adding}>
          {adding ? allowText.adding : allowText.add}
        </button>
      </div>
    </form>
  );
}

function RemoveAllow({ id, domain, onError }: { id: string; domain: string; onError: (message: string) => void }) {
  const [remove, removing] = useMutation<FederationModeRemoveAllowMutation>(removeAllowMutation);
  const announce = useAnnounce();
  return (
    <ConfirmButton
      label={allowText.remove}
      question={t(allowText.removeQuestion, { domain })}
      confirmLabel={t(allowText.removeConfirm, { domain })}
      busy={removing}
      onConfirm={() =>
        remove({
          variables: { input: { id } },
          updater: (store) => dropAllow(store, id),
          onCompleted: () => announce(t(allowText.removed, { domain })),
          onError: (error) => onError(messageOf(error, { FORBIDDEN: allowText.forbidden })),
        })
      }
    />
  );
}

/** The federation mode and the allowlist, a panel of the federation page. */
export function FederationMode() {
  const data = useLazyLoadQuery<FederationModeQuery>(modeQuery, {}, { fetchPolicy: 'store-and-network' });
  const [error, setError] = useState<string | null>(null);
  const ids = { mode: useId(), allowlist: useId() };
  return (
    <section className="panel" aria-labelledby={ids.mode}>
      <h2 id={ids.mode} className="section-heading">
        {text.title}
      </h2>
      <p className="hint">{text.intro}</p>
      <ModeControl mode={data.federationMode} allowed={data.domainAllows.length} />
      <section className="setting-item" aria-labelledby={ids.allowlist}>
        <h3 id={ids.allowlist} className="section-heading">
          {allowText.title}
        </h3>
        <p className="hint">{allowText.intro}</p>
        <AddAllowForm />
        <FormError message={error} />
        {data.domainAllows.length === 0 ? (
          <p>{allowText.empty}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table domain-allows">
              <caption>{allowText.list}</caption>
              <thead>
                <tr>
                  <th scope="col">{adminServersText.known.domain}</th>
                  <th scope="col">{allowText.createdAt}</th>
                  <th scope="col">{allowText.actions}</th>
                </tr>
              </thead>
              <tbody>
                {data.domainAllows.map((allow) => (
                  <tr key={allow.id}>
                    <th scope="row">{allow.domain}</th>
                    <td>
                      <time dateTime={allow.createdAt}>{absoluteTime(allow.createdAt)}</time>
                    </td>
                    <td>
                      <RemoveAllow id={allow.id} domain={allow.domain} onError={setError} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
