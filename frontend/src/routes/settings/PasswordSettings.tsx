// Changing the viewer's password: the current one, the new one twice (compared here before
// anything is sent), and whether the other sessions stay signed in; the answer says how
// many were signed out. A wrong current password and a refused new one show at their fields.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { PageHeading } from '../../components/PageHeading';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { rookeryErrorOf } from '../../relay/errors';
import type { PasswordSettingsChangeMutation } from './__generated__/PasswordSettingsChangeMutation.graphql';

const changeMutation = graphql`
  mutation PasswordSettingsChangeMutation($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      revokedTokens
    }
  }
`;

const text = settingsText.password;

/** Where a refusal shows: beside one of the three fields, or above the button. */
export type PasswordErrorPlace = 'current' | 'new' | 'repeat' | 'form';

/** Where the server's refusal of a change goes, and what it says. */
export function changePasswordFailure(failure: unknown): { place: PasswordErrorPlace; message: string } {
  const known = rookeryErrorOf(failure);
  if (known.code === 'INVALID_CREDENTIALS') return { place: 'current', message: text.wrongCurrent };
  const field = known.field?.split('.').pop();
  if (known.code === 'VALIDATION' && field === 'newPassword') return { place: 'new', message: known.message };
  if (known.code === 'VALIDATION' && field === 'currentPassword') return { place: 'current', message: known.message };
  return { place: 'form', message: known.message };
}

export default function PasswordSettings() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [keepOthers, setKeepOthers] = useState(false);
  const [failure, setFailure] = useState<{ place: PasswordErrorPlace; message: string } | null>(null);
  const [revoked, setRevoked] = useState<number | null>(null);
  const [commit, busy] = useMutation<PasswordSettingsChangeMutation>(changeMutation);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;

  const errorFor = (place: PasswordErrorPlace) => (failure?.place === place ? failure.message : null);
  const describedBy = (place: PasswordErrorPlace, hint?: string) =>
    [hint === undefined ? null : id(hint), failure?.place === place ? id(`${place}-error`) : null]
      .filter((item) => item !== null)
      .join(' ') || undefined;
  const errorText = (place: PasswordErrorPlace) =>
    errorFor(place) !== null && (
      <p id={id(`${place}-error`)} className="form-error" role="alert">
        {errorFor(place)}
      </p>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRevoked(null);
    if (next !== repeat) {
      setFailure({ place: 'repeat', message: text.mismatch });
      return;
    }
    setFailure(null);
    commit({
      variables: { input: { currentPassword: current, newPassword: next, keepOtherSessions: keepOthers } },
      onCompleted: (response) => {
        setRevoked(response.changePassword.revokedTokens);
        setCurrent('');
        setNext('');
        setRepeat('');
        setKeepOthers(false);
      },
      onError: (error) => setFailure(changePasswordFailure(error)),
    });
  };

  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={id('current')}>{text.current}</label>
          <input
            id={id('current')}
            className="input"
            name="current-password"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            aria-invalid={errorFor('current') !== null}
            aria-describedby={describedBy('current')}
            onChange={(event) => setCurrent(event.target.value)}
          />
          {errorText('current')}
        </div>
        <NewPasswordFields
          id={id}
          text={text}
          next={next}
          onNext={setNext}
          repeat={repeat}
          onRepeat={setRepeat}
          newError={errorFor('new')}
          repeatError={errorFor('repeat')}
        />
        <div className="settings__option">
          <label className="checkbox">
            <input
              type="checkbox"
              name="keep-other-sessions"
              checked={keepOthers}
              aria-describedby={id('keep-hint')}
              onChange={(event) => setKeepOthers(event.target.checked)}
            />
            {text.keepOthers}
          </label>
          <p id={id('keep-hint')} className="hint">
            {text.keepOthersHint}
          </p>
        </div>
        {errorText('form')}
        {revoked !== null && (
          <p className="form-success" role="status">
            {t(text.changed, { count: revoked })}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? text.saving : text.save}
        </button>
      </form>
    </div>
  );
}
