// The username, email and password of a new account, as sign-up and first-run setup ask for them.
import { useId } from 'react';
import { pageText } from '../i18n/pageText';

export interface NewAccount {
  username: string;
  email: string;
  password: string;
}

export function NewAccountFields({
  value,
  onChange,
  emailError,
}: {
  value: NewAccount;
  onChange: (value: NewAccount) => void;
  /** The server's refusal of the email address, shown beside it. */
  emailError?: string | null;
}) {
  const ids = {
    username: useId(),
    usernameHint: useId(),
    email: useId(),
    emailError: useId(),
    password: useId(),
    passwordHint: useId(),
  };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.username}>{pageText.signUp.username}</label>
        <input
          id={ids.username}
          className="input"
          name="username"
          autoComplete="username"
          required
          maxLength={30}
          pattern="[A-Za-z0-9_]+"
          aria-describedby={ids.usernameHint}
          value={value.username}
          onChange={(event) => onChange({ ...value, username: event.target.value })}
        />
        <p id={ids.usernameHint} className="hint">
          {pageText.signUp.usernameHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.email}>{pageText.signUp.email}</label>
        <input
          id={ids.email}
          className="input"
          name="email"
          type="email"
          autoComplete="email"
          required
          aria-invalid={emailError != null}
          aria-describedby={emailError == null ? undefined : ids.emailError}
          value={value.email}
          onChange={(event) => onChange({ ...value, email: event.target.value })}
        />
        {emailError != null && (
          <p id={ids.emailError} className="form-error" role="alert">
            {emailError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.password}>{pageText.signUp.password}</label>
        <input
          id={ids.password}
          className="input"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          aria-describedby={ids.passwordHint}
          value={value.password}
          onChange={(event) => onChange({ ...value, password: event.target.value })}
        />
        <p id={ids.passwordHint} className="hint">
          {pageText.signUp.passwordHint}
        </p>
      </div>
    </>
  );
}
