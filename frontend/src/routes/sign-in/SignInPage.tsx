// Signing in with a username (or email) and password; the server sets the session cookie.
// A disabled or suspended account is refused, and may sign in to its strikes alone to appeal
// them: the token for that is kept in this page's state only, and signed out with "Done".
// An account with two-factor sign-in is answered with a challenge: a second step asks a code.
import { Suspense, lazy, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { en } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { loginToAppeal, type AppealSession } from '../../relay/appeal';
import { rookeryErrorOf, type RookeryError } from '../../relay/errors';
import { signIn } from '../../relay/session';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import { TwoFactorStep } from './TwoFactorStep';

const AppealPanel = lazy(() => import('./AppealPanel'));

export default function SignInPage() {
  const { restart } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Pick<RookeryError, 'code' | 'message'> | null>(null);
  const [appeal, setAppeal] = useState<AppealSession | null>(null);
  const [opening, setOpening] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const backFromCode = useRef(false);
  const ids = { username: useId(), password: useId(), error: useId() };

  // Back from the code step, the password is asked again.
  useEffect(() => {
    if (challenge === null && backFromCode.current) passwordField.current?.focus();
    backFromCode.current = challenge !== null;
  }, [challenge]);

  const signedIn = () => {
    navigate('/', { replace: true });
    restart();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await signIn(username.trim(), password);
      if ('twoFactorChallenge' in answer) {
        setChallenge(answer.twoFactorChallenge);
        setBusy(false);
        return;
      }
      signedIn();
    } catch (failure) {
      setError(rookeryErrorOf(failure));
      setBusy(false);
    }
  };

  const back = (why: string | null) => {
    setChallenge(null);
    setPassword('');
    setError(why === null ? null : { code: 'UNAUTHENTICATED', message: why });
  };

  const openAppeal = async () => {
    setOpening(true);
    try {
      setAppeal(await loginToAppeal(username.trim(), password));
      setError(null);
      setPassword('');
    } catch (failure) {
      setError(rookeryErrorOf(failure));
    }
    setOpening(false);
  };

  if (appeal !== null) {
    return (
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <AppealPanel token={appeal.token} standing={appeal.standing} onDone={() => setAppeal(null)} />
      </Suspense>
    );
  }

  if (challenge !== null) {
    return (
      <div className="panel narrow">
        <PageHeading title={pageText.signIn.title} />
        <TwoFactorStep challenge={challenge} onSignedIn={signedIn} onBack={back} />
      </div>
    );
  }

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
            ref={passwordField}
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
            {error.message}
          </p>
        )}
        {error?.code === 'ACCOUNT_DISABLED' && (
          <p>
            <button type="button" className="button" disabled={opening} onClick={() => void openAppeal()}>
              {opening ? pageText.signIn.appealOpening : pageText.signIn.appeal}
            </button>
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? pageText.signIn.submitting : pageText.signIn.submit}
        </button>
      </form>
      <p className="form-footer">
        <Link to="/forgot-password">{pageText.forgotPassword.link}</Link>
      </p>
      <p className="form-footer">
        {pageText.signIn.noAccount} <Link to="/sign-up">{pageText.signIn.signUpLink}</Link>
      </p>
    </div>
  );
}
