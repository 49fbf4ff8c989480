// Approve or reject one sign-up waiting for approval: approving is one press, rejecting opens
// a short form for an optional reason, mailed to the applicant with the rejection.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { useAnnounce } from '../../../components/Announcer';
import { FormError } from '../../../components/FormError';
import { t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { messageOf } from '../../../relay/errors';
import type { ApprovalButtonsApproveMutation } from './__generated__/ApprovalButtonsApproveMutation.graphql';
import type { ApprovalButtonsRejectMutation } from './__generated__/ApprovalButtonsRejectMutation.graphql';

const approveMutation = graphql`
  mutation ApprovalButtonsApproveMutation($input: ApproveAccountInput!) {
    approveAccount(input: $input) {
      account {
        id
        approved
      }
    }
  }
`;

const rejectMutation = graphql`
  mutation ApprovalButtonsRejectMutation($input: RejectAccountInput!) {
    rejectAccount(input: $input) {
      rejectedAccountId
    }
  }
`;

const text = adminText.approvals;

export function ApprovalButtons({
  accountId,
  acct,
  onDone,
}: {
  accountId: string;
  acct: string;
  /** Called once the sign-up is approved or rejected (its account then gone). */
  onDone?: (outcome: 'approved' | 'rejected') => void;
}) {
  const announce = useAnnounce();
  const [approve, approving] = useMutation<ApprovalButtonsApproveMutation>(approveMutation);
  const [reject, rejecting] = useMutation<ApprovalButtonsRejectMutation>(rejectMutation);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const rejectButton = useRef<HTMLButtonElement>(null);
  const reasonInput = useRef<HTMLInputElement>(null);
  const reasonId = useId();
  const busy = approving || rejecting;

  // The form opens on a press: its field takes the focus, for what comes next.
  useEffect(() => {
    if (rejectOpen) reasonInput.current?.focus();
  }, [rejectOpen]);

  const doApprove = () => {
    setError(null);
    approve({
      variables: { input: { accountId } },
      onCompleted: () => {
        announce(t(text.approved, { acct }));
        onDone?.('approved');
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  const doReject = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    reject({
      variables: { input: { accountId, reason: reason.trim() } },
      onCompleted: () => {
        announce(t(text.rejected, { acct }));
        onDone?.('rejected');
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  const cancel = () => {
    setRejectOpen(false);
    setReason('');
    rejectButton.current?.focus();
  };

  return (
    <div className="admin-approval">
      <div className="actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={doApprove} aria-label={t(text.approveOf, { acct })}>
          {text.approve}
        </button>
        <button
          type="button"
          className="button"
          ref={rejectButton}
          disabled={busy}
          aria-expanded={rejectOpen}
          aria-label={t(text.rejectOf, { acct })}
          onClick={() => setRejectOpen((open) => !open)}
        >
          {text.reject}
        </button>
      </div>
      {rejectOpen && (
        <form className="inline-form" onSubmit={doReject} aria-label={t(text.rejectOf, { acct })}>
          <div className="field">
            <label htmlFor={reasonId}>{text.rejectReason}</label>
            <input id={reasonId} ref={reasonInput} className="input" value={reason} onChange={(event) => setReason(event.target.value)} />
          </div>
          <button type="submit" className="button button--danger" disabled={busy}>
            {text.confirmReject}
          </button>
          <button type="button" className="button" onClick={cancel}>
            {text.cancel}
          </button>
        </form>
      )}
      <FormError message={error} />
    </div>
  );
}
