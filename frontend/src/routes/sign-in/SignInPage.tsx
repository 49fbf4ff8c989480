// Signing in with a username (or email) and password; the server sets the session cookie.
import { useId, useState, type FormEvent } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { pageText } from '../../i18n/pageText';
import { messageOf } from '../../relay/errors';
import { signIn } from '../../relay/session';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';

export default function SignInPage() {
  const { restart } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { username: useId(), password: useId(), error: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate('/', { replace: true });
      restart();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };

  return (
    <div className="panel narrow">
      <PageHeading title={pageText.signIn.title} />
      <form className="form" onSubmit={(event) => void submit(event)} aria-describedby={error === null ? undefined : ids.error}>
        <div className="field">
          <label htmlFor={ids.username}>{pageText.signIn.username}</label>
          <input
            id={ids.username}
            className="input"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{pageText.signIn.password}</label>
          <input
            id={ids.password}
            className="input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {error !== null && (
          <p id={ids.error} className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? pageText.signIn.submitting : pageText.signIn.submit}
        </button>
      </form>
      <p className="form-footer">
        {pageText.signIn.noAccount} <Link to="/sign-up">{pageText.signIn.signUpLink}</Link>
      </p>
    </div>
  );
}
