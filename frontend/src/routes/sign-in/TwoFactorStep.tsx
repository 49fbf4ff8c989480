// The second step of signing in to an account with two-factor sign-in: a code of the
// authenticator app, or a recovery code, for the challenge the password was answered with. A
// wrong code may be tried again; a challenge the server no longer knows (expired, or after five
// wrong codes) goes back to the password, as "Back" does.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { pageText } from '../../i18n/pageText';
import { rookeryErrorOf } from '../../relay/errors';
import { completeSignIn } from '../../relay/session';

const text = pageText.signIn;

export function TwoFactorStep({
  challenge,
  onSignedIn,
  onBack,
}: {
  challenge: string;
  onSignedIn: () => void;
  /** Back to the password, with why when it is not the person's own choice. */
  onBack: (why: string | null) => void;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const ids = { code: useId(), hint: useId(), error: useId() };
  // It takes the place of the password form, and the focus with it.
  useEffect(() => field.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await completeSignIn(challenge, code.replace(/\s+/g, ''));
      onSignedIn();
    } catch (failure) {
      const known = rookeryErrorOf(failure);
      if (known.code === 'UNAUTHENTICATED') {
        onBack(text.challengeEnded);
        return;
      }
      setError(known.code === 'INVALID_TWO_FACTOR_CODE' ? text.wrongCode : known.message);
      setCode('');
      setBusy(false);
      field.current?.focus();
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor={ids.code}>{text.code}</label>
        <input
          ref={field}
          id={ids.code}
          className="input"
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          value={code}
          aria-invalid={error !== null}
          aria-describedby={error === null ? ids.hint : `${ids.hint} ${ids.error}`}
          onChange={(event) => setCode(event.target.value)}
        />
        <p id={ids.hint} className="hint">
          {text.codeHint}
        </p>
        {error !== null && (
          <p id={ids.error} className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? text.verifying : text.verify}
        </button>
        <button type="button" className="button" onClick={() => onBack(null)}>
          {text.back}
        </button>
      </div>
    </form>
  );
}
