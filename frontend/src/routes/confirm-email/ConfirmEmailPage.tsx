// Following the link mailed to confirm an email address (`/confirm-email?token=…`): the token is
// sent once, as the page opens, signed in or not (the link may be opened in another browser).
// The address confirmed is said, with the way home (or to sign in); a link that is wrong, used,
// expired or older than the newest one mailed (a VALIDATION error on `token`) is said to be so,
// as is an address another account took since.
import { useEffect, useRef, useState } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { rookeryErrorOf } from '../../relay/errors';
import { Link, useSearchParam } from '../../router';
import { useViewer } from '../../session';
import type { ConfirmEmailPageConfirmMutation } from './__generated__/ConfirmEmailPageConfirmMutation.graphql';

const confirmMutation = graphql`
  mutation ConfirmEmailPageConfirmMutation($input: ConfirmEmailInput!) {
    confirmEmail(input: $input) {
      email
      account {
        id
      }
    }
  }
`;

const text = pageText.confirmEmail;

/** What the page says when the server refuses the link, and whether it is the link itself that is wrong. */
export function confirmEmailFailure(failure: unknown): { invalidLink: boolean; message: string } {
  const known = rookeryErrorOf(failure);
  const field = known.field?.split('.').pop();
  if (known.code === 'VALIDATION' && field === 'token') return { invalidLink: true, message: text.invalidLink };
  if (known.code === 'EMAIL_TAKEN') return { invalidLink: false, message: text.taken };
  return { invalidLink: false, message: known.message };
}

type State = { step: 'confirming' } | { step: 'done'; email: string } | { step: 'failed'; invalidLink: boolean; message: string };

export default function ConfirmEmailPage() {
  const token = useSearchParam('token');
  const viewer = useViewer();
  const [state, setState] = useState<State>({ step: 'confirming' });
  const [commit] = useMutation<ConfirmEmailPageConfirmMutation>(confirmMutation);
  // The token works once: it is sent once, however often the page renders or its effects run.
  const sentFor = useRef<string | null>(null);

  useEffect(() => {
    if (token === null || token === '' || sentFor.current === token) return;
    sentFor.current = token;
    commit({
      variables: { input: { token } },
      updater: (store) => {
        // The viewer's own address has no id: the one the banner and the settings read is updated here.
        const confirmed = store.getRootField('confirmEmail');
        const address = store.getRoot().getLinkedRecord('emailAddress');
        if (confirmed === null || address === null || address === undefined) return;
        if (viewer === null || confirmed.getLinkedRecord('account')?.getDataID() !== viewer.id) return;
        address.setValue(confirmed.getValue('email'), 'email');
        address.setValue(true, 'confirmed');
        address.setValue(null, 'pending');
      },
      onCompleted: (response) => setState({ step: 'done', email: response.confirmEmail.email }),
      onError: (error) => setState({ step: 'failed', ...confirmEmailFailure(error) }),
    });
  }, [commit, token, viewer]);

  let body;
  if (token === null || token === '') {
    body = (
      <p className="form-error" role="alert">
        {text.noToken}
      </p>
    );
  } else if (state.step === 'confirming') {
    body = (
      <p className="loading" role="status">
        {text.confirming}
      </p>
    );
  } else if (state.step === 'done') {
    body = (
      <>
        <p className="form-success" role="status">
          {t(text.done, { email: state.email })}
        </p>
        <p>{viewer === null ? <Link to="/sign-in">{text.signIn}</Link> : <Link to="/">{text.goHome}</Link>}</p>
      </>
    );
  } else {
    body = (
      <>
        <p className="form-error" role="alert">
          {state.message}
        </p>
        {state.invalidLink && <p className="page-description">{text.invalidLinkHint}</p>}
        <p>{viewer === null ? <Link to="/sign-in">{text.signIn}</Link> : <Link to="/settings/email">{text.settings}</Link>}</p>
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
