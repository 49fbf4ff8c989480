// The viewer's email address: the one they have, whether it is confirmed, a new one waiting for
// its link to be followed (with the button to send that link again), and the form to change it,
// which needs the current password. A wrong password, an address taken or refused show at
// their fields; the address changes only once the link mailed to the new one is followed.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { ResendConfirmation } from '../../components/ResendConfirmation';
import { en, t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { rookeryErrorOf } from '../../relay/errors';
import type { EmailSettingsChangeMutation } from './__generated__/EmailSettingsChangeMutation.graphql';
import type { EmailSettingsQuery } from './__generated__/EmailSettingsQuery.graphql';

const emailQuery = graphql`
  query EmailSettingsQuery {
    emailAddress {
      email
      confirmed
      pending
    }
  }
`;

const changeMutation = graphql`
  mutation EmailSettingsChangeMutation($input: ChangeEmailInput!) {
    changeEmail(input: $input) {
      pending
    }
  }
`;

const text = settingsText.email;

/** Where a refusal shows: beside one of the two fields, or above the button. */
export type EmailErrorPlace = 'email' | 'password' | 'form';

/** Where the server's refusal of a change goes, and what it says. */
export function changeEmailFailure(failure: unknown): { place: EmailErrorPlace; message: string } {
  const known = rookeryErrorOf(failure);
  if (known.code === 'INVALID_CREDENTIALS') return { place: 'password', message: text.wrongPassword };
  if (known.code === 'EMAIL_TAKEN') return { place: 'email', message: en.errors.EMAIL_TAKEN };
  const field = known.field?.split('.').pop();
  if (known.code === 'VALIDATION' && field === 'email') return { place: 'email', message: known.message };
  if (known.code === 'VALIDATION' && field === 'password') return { place: 'password', message: known.message };
  return { place: 'form', message: known.message };
}

export default function EmailSettings() {
  const data = useLazyLoadQuery<EmailSettingsQuery>(emailQuery, {}, { fetchPolicy: 'store-and-network' });
  const { email, confirmed } = data.emailAddress;
  const pending = data.emailAddress.pending ?? null;
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<{ place: EmailErrorPlace; message: string } | null>(null);
  const [changedTo, setChangedTo] = useState<string | null>(null);
  const [commit, busy] = useMutation<EmailSettingsChangeMutation>(changeMutation);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;

  const errorFor = (place: EmailErrorPlace) => (failure?.place === place ? failure.message : null);
  const describedBy = (place: EmailErrorPlace, hint?: string) =>
    [hint === undefined ? null : id(hint), failure?.place === place ? id(`${place}-error`) : null]
      .filter((item) => item !== null)
      .join(' ') || undefined;
  const errorText = (place: EmailErrorPlace) =>
    errorFor(place) !== null && (
      <p id={id(`${place}-error`)} className="form-error" role="alert">
        {errorFor(place)}
      </p>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setChangedTo(null);
    commit({
      variables: { input: { email: address.trim(), password } },
      updater: (store) => {
        // The viewer's address has no id: the new one waiting is put on the one this page reads.
        const waiting = store.getRootField('changeEmail')?.getValue('pending');
        const current = store.getRoot().getLinkedRecord('emailAddress');
        if (typeof waiting === 'string' && current !== null && current !== undefined) current.setValue(waiting, 'pending');
      },
      onCompleted: (response) => {
        setChangedTo(response.changeEmail.pending);
        setAddress('');
        setPassword('');
      },
      onError: (error) => setFailure(changeEmailFailure(error)),
    });
  };

  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <dl className="email-settings">
        <dt>{text.current}</dt>
        <dd>
          <span>{email}</span>{' '}
          <span className="badge">{confirmed ? text.confirmed : text.notConfirmed}</span>
        </dd>
        {pending !== null && (
          <>
            <dt>{text.pending}</dt>
            <dd>
              <span>{pending}</span>{' '}
              <span className="hint">{text.pendingHint}</span>
            </dd>
          </>
        )}
      </dl>
      {!confirmed && pending === null && <p className="hint">{text.notConfirmedHint}</p>}
      {(!confirmed || pending !== null) && <ResendConfirmation />}
      <h2 className="section-heading">{text.changeHeading}</h2>
      <p id={id('change-hint')} className="hint">
        {text.changeHint}
      </p>
      <form className="form" onSubmit={submit} aria-describedby={id('change-hint')}>
        <div className="field">
          <label htmlFor={id('email')}>{text.newAddress}</label>
          <input
            id={id('email')}
            className="input"
            name="email"
            type="email"
            autoComplete="email"
            required
            value={address}
            aria-invalid={errorFor('email') !== null}
            aria-describedby={describedBy('email')}
            onChange={(event) => setAddress(event.target.value)}
          />
          {errorText('email')}
        </div>
        <div className="field">
          <label htmlFor={id('password')}>{text.password}</label>
          <input
            id={id('password')}
            className="input"
            name="current-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            aria-invalid={errorFor('password') !== null}
            aria-describedby={describedBy('password')}
            onChange={(event) => setPassword(event.target.value)}
          />
          {errorText('password')}
        </div>
        {errorText('form')}
        {changedTo !== null && (
          <p className="form-success" role="status">
            {t(text.changed, { email: changedTo })}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? text.saving : text.save}
        </button>
      </form>
    </div>
  );
}
