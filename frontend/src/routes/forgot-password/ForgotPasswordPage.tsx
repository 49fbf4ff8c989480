// Asking for a mail with a link to reset a forgotten password, by email or username. The
// server answers the same whether such an account exists or not, and so does this page.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { pageText } from '../../i18n/pageText';
import { messageOf } from '../../relay/errors';
import { Link } from '../../router';
import type { ForgotPasswordPageRequestMutation } from './__generated__/ForgotPasswordPageRequestMutation.graphql';

const requestMutation = graphql`
  mutation ForgotPasswordPageRequestMutation($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      requested
    }
  }
`;

const text = pageText.forgotPassword;

export default function ForgotPasswordPage() {
  const [login, setLogin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [commit, busy] = useMutation<ForgotPasswordPageRequestMutation>(requestMutation);
  const ids = { login: useId(), intro: useId(), error: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    commit({
      variables: { input: { login: login.trim() } },
      onCompleted: () => setSent(true),
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  return (
    <div className="panel narrow">
      <PageHeading title={text.title} />
      {sent ? (
        <p className="form-success" role="status">
          {text.sent}
        </p>
      ) : (
        <>
          <p id={ids.intro} className="page-description">
            {text.intro}
          </p>
          <form className="form" onSubmit={submit} aria-describedby={error === null ? ids.intro : `${ids.intro} ${ids.error}`}>
            <div className="field">
              <label htmlFor={ids.login}>{text.login}</label>
              <input
                id={ids.login}
                className="input"
                name="username"
                autoComplete="username"
                required
                value={login}
                onChange={(event) => setLogin(event.target.value)}
              />
            </div>
            {error !== null && (
              <p id={ids.error} className="form-error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? text.submitting : text.submit}
            </button>
          </form>
        </>
      )}
      <p className="form-footer">
        <Link to="/sign-in">{text.backToSignIn}</Link>
      </p>
    </div>
  );
}
