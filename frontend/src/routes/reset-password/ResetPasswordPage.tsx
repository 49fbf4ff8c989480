// Setting a new password with the link of a reset mail (`/reset-password?token=…`): the new
// password twice, compared here before anything is sent. The server signs the account out
// everywhere; the page then leads to signing in. A link that is wrong, used or expired (a
// VALIDATION error on `token`) is said to be so, with the way to ask for another.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { PageHeading } from '../../components/PageHeading';
import { pageText } from '../../i18n/pageText';
import { rookeryErrorOf } from '../../relay/errors';
import { Link, useSearchParam } from '../../router';
import type { ResetPasswordPageResetMutation } from './__generated__/ResetPasswordPageResetMutation.graphql';

const resetMutation = graphql`
  mutation ResetPasswordPageResetMutation($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      account {
        id
      }
    }
  }
`;

const text = pageText.resetPassword;

/** Where a refusal shows: the link as a whole, beside a field, or above the button. */
export type ResetErrorPlace = 'token' | 'new' | 'repeat' | 'form';

/** Where the server's refusal of a reset goes, and what it says. */
export function resetPasswordFailure(failure: unknown): { place: ResetErrorPlace; message: string } {
  const known = rookeryErrorOf(failure);
  const field = known.field?.split('.').pop();
  if (known.code === 'VALIDATION' && field === 'token') return { place: 'token', message: text.invalidLink };
  if (known.code === 'VALIDATION' && field === 'newPassword') return { place: 'new', message: known.message };
  return { place: 'form', message: known.message };
}

function AskAgain({ message }: { message: string }) {
  return (
    <>
      <p className="form-error" role="alert">
        {message}
      </p>
      <p>
        <Link to="/forgot-password">{text.askAgain}</Link>
      </p>
    </>
  );
}

export default function ResetPasswordPage() {
  const token = useSearchParam('token');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [failure, setFailure] = useState<{ place: ResetErrorPlace; message: string } | null>(null);
  const [done, setDone] = useState(false);
  const [commit, busy] = useMutation<ResetPasswordPageResetMutation>(resetMutation);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;

  const errorFor = (place: ResetErrorPlace) => (failure?.place === place ? failure.message : null);
  const errorText = (place: ResetErrorPlace) =>
    errorFor(place) !== null && (
      <p id={id(`${place}-error`)} className="form-error" role="alert">
        {errorFor(place)}
      </p>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token === null) return;
    if (next !== repeat) {
      setFailure({ place: 'repeat', message: text.mismatch });
      return;
    }
    setFailure(null);
    commit({
      variables: { input: { token, newPassword: next } },
      onCompleted: () => {
        setDone(true);
        setNext('');
        setRepeat('');
      },
      onError: (error) => setFailure(resetPasswordFailure(error)),
    });
  };

  let body;
  if (done) {
    body = (
      <>
        <p className="form-success" role="status">
          {text.done}
        </p>
        <p>
          <Link to="/sign-in">{text.signIn}</Link>
        </p>
      </>
    );
  } else if (token === null || token === '') {
    body = <AskAgain message={text.noToken} />;
  } else if (failure?.place === 'token') {
    body = <AskAgain message={failure.message} />;
  } else {
    body = (
      <>
        <p className="page-description">{text.intro}</p>
        <form className="form" onSubmit={submit}>
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
          {errorText('form')}
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? text.submitting : text.submit}
          </button>
        </form>
      </>
    );
  }

  return (
    <div className="panel narrow">
      <PageHeading title={text.title} />
      {body}
    </div>
  );
}
