// The button that mails the link confirming an email address again (the viewer's own while it
// is not confirmed, or a new one asked for), in the banner above every page and in Settings →
// Email. It says where the link went, or why none did: one went out less than a minute ago
// (or five today), or nothing waits to be confirmed any more.
import { useState } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { t } from '../i18n/en';
import { settingsText } from '../i18n/settingsText';
import { messageOf } from '../relay/errors';
import type { ResendConfirmationMutation } from './__generated__/ResendConfirmationMutation.graphql';

const resendMutation = graphql`
  mutation ResendConfirmationMutation {
    resendEmailConfirmation {
      email
    }
  }
`;

const text = settingsText.emailConfirmation;

/** What a refused resend says: a rate limit in this page's words, anything else as the server puts it. */
export function resendFailure(failure: unknown): string {
  return messageOf(failure, { RATE_LIMITED: text.rateLimited });
}

export function ResendConfirmation({ describedBy }: { describedBy?: string }) {
  const [commit, busy] = useMutation<ResendConfirmationMutation>(resendMutation);
  const [outcome, setOutcome] = useState<{ sent: boolean; message: string } | null>(null);

  const resend = () => {
    setOutcome(null);
    commit({
      variables: {},
      onCompleted: (response) => setOutcome({ sent: true, message: t(text.sent, { email: response.resendEmailConfirmation.email }) }),
      onError: (failure) => setOutcome({ sent: false, message: resendFailure(failure) }),
    });
  };

  return (
    <div className="resend-confirmation">
      <button type="button" className="button button--small" disabled={busy} aria-describedby={describedBy} onClick={resend}>
        {busy ? text.resending : text.resend}
      </button>
      {outcome !== null &&
        (outcome.sent ? (
          <p className="form-success" role="status">
            {outcome.message}
          </p>
        ) : (
          <p className="form-error" role="alert">
            {outcome.message}
          </p>
        ))}
    </div>
  );
}
