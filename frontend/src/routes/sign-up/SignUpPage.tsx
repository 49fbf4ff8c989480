// Signing up: the server's registration mode, description and rules, then the register mutation
// and signing in at once when the account needs no approval. With an invite's link
// (`?invite=<code>`) it names who invited, and sign-up works while registrations are closed.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { NewAccountFields, type NewAccount } from '../../components/NewAccountFields';
import { PageHeading } from '../../components/PageHeading';
import { en, t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { messageOf, rookeryErrorOf } from '../../relay/errors';
import { signIn } from '../../relay/session';
import { Link, navigate, useSearchParam } from '../../router';
import { useSession } from '../../session';
import type { SignUpPageQuery, RegistrationMode } from './__generated__/SignUpPageQuery.graphql';
import type { SignUpPageRegisterMutation } from './__generated__/SignUpPageRegisterMutation.graphql';

const pageQuery = graphql`
  query SignUpPageQuery($code: String!, $invited: Boolean!) {
    invite(code: $code) @include(if: $invited) {
      valid
      inviter {
        acct
      }
    }
    instance {
      name
      description
      registrationMode
      rules {
        id
        text
        hint
      }
    }
  }
`;

const registerMutation = graphql`
  mutation SignUpPageRegisterMutation($input: RegisterInput!) {
    register(input: $input) {
      pendingApproval
      account {
        id
      }
    }
  }
`;

function modeText(mode: RegistrationMode): string {
  switch (mode) {
    case 'OPEN':
      return pageText.signUp.modeOpen;
    case 'APPROVAL':
      return pageText.signUp.modeApproval;
    default:
      return pageText.signUp.modeClosed;
  }
}

/** Where a refusal of the sign-up goes: beside the email, beside the invite, or above the button. */
export function signUpFailure(failure: unknown): { place: 'email' | 'inviteCode' | 'form'; message: string } {
  const known = rookeryErrorOf(failure);
  const field = known.field?.split('.').pop();
  return {
    place: known.code === 'VALIDATION' && (field === 'email' || field === 'inviteCode') ? field : 'form',
    message: messageOf(known),
  };
}

export default function SignUpPage() {
  const code = useSearchParam('invite');
  const data = useLazyLoadQuery<SignUpPageQuery>(pageQuery, { code: code ?? '', invited: code !== null });
  const { restart } = useSession();
  const [register] = useMutation<SignUpPageRegisterMutation>(registerMutation);
  const [account, setAccount] = useState<NewAccount>({ username: '', email: '', password: '' });
  const { username, email, password } = account;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReturnType<typeof signUpFailure> | null>(null);
  const [pending, setPending] = useState(false);
  const ids = {
    reason: useId(),
    reasonHint: useId(),
    error: useId(),
    rules: useId(),
  };
  const { name, description, rules } = data.instance;
  const invite = data.invite;
  const invited = invite?.valid === true;
  // A valid invite opens the form whatever the mode, and needs no approval.
  const registrationMode = invited ? 'OPEN' : data.instance.registrationMode;
  const errorAt = (place: 'email' | 'inviteCode' | 'form') => (error?.place === place ? error.message : null);
  const title = t(pageText.signUp.title, { name: name === '' ? en.app.name : name });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    register({
      variables: {
        input: {
          username: username.trim(),
          email: email.trim(),
          password,
          reason: registrationMode === 'APPROVAL' && reason.trim() !== '' ? reason : null,
          inviteCode: invited ? code : null,
        },
      },
      onCompleted: (response) => {
        if (response.register.pendingApproval) {
          setPending(true);
          setBusy(false);
          return;
        }
        signIn(username.trim(), password).then(
          () => {
            navigate('/', { replace: true });
            restart();
          },
          (failure: unknown) => {
            setError({ place: 'form', message: messageOf(failure) });
            setBusy(false);
          },
        );
      },
      onError: (failure) => {
        setError(signUpFailure(failure));
        setBusy(false);
      },
    });
  };

  return (
    <div className="panel narrow">
      <PageHeading title={title} />
      {description !== '' && <p className="instance-description">{description}</p>}
      {invite != null && (
        <p className="sign-up__invite">
          {invited && invite.inviter != null ? t(pageText.signUp.invitedBy, { acct: invite.inviter.acct }) : pageText.signUp.inviteInvalid}
        </p>
      )}
      {!invited && <p className="registration-mode">{modeText(registrationMode)}</p>}
      {errorAt('inviteCode') !== null && (
        <p className="form-error" role="alert">
          {errorAt('inviteCode')}
        </p>
      )}
      <p>
        <Link to="/about">{pageText.signUp.about}</Link>
      </p>
      {rules.length > 0 && registrationMode !== 'CLOSED' && (
        <section className="instance-rules" aria-labelledby={ids.rules}>
          <h2 id={ids.rules} className="section-heading">
            {pageText.signUp.rules}
          </h2>
          <p className="hint">{pageText.signUp.rulesIntro}</p>
          <ol>
            {rules.map((rule) => (
              <li key={rule.id}>
                <span className="instance-rules__text">{rule.text}</span>
                {rule.hint !== '' && <span className="hint">{rule.hint}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {pending ? (
        <p role="status" className="form-success">
          {pageText.signUp.pending}
        </p>
      ) : registrationMode === 'CLOSED' ? null : (
        <form className="form" onSubmit={submit}>
          <NewAccountFields value={account} onChange={setAccount} emailError={errorAt('email')} />
          {registrationMode === 'APPROVAL' && (
            <div className="field">
              <label htmlFor={ids.reason}>{pageText.signUp.reason}</label>
              <textarea
                id={ids.reason}
                className="input"
                rows={3}
                aria-describedby={ids.reasonHint}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
              <p id={ids.reasonHint} className="hint">
                {pageText.signUp.reasonHint}
              </p>
            </div>
          )}
          {errorAt('form') !== null && (
            <p id={ids.error} className="form-error" role="alert">
              {errorAt('form')}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? pageText.signUp.submitting : pageText.signUp.submit}
          </button>
        </form>
      )}
      <p className="form-footer">
        {pageText.signUp.haveAccount} <Link to="/sign-in">{pageText.signUp.signInLink}</Link>
      </p>
    </div>
  );
}
