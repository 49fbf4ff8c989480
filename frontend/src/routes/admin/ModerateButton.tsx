// One action on an account (warn, limit, suspend, …): a button opening a short dialog with
// the reason, chosen among common ones and added to, and a button that acts.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { useAnnounce } from '../../components/Announcer';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/en';
import { adminText } from '../../i18n/adminText';
import { messageOf } from '../../relay/errors';
import { reasonPresets, reasonText, type AccountActionName, type ReasonPreset } from './moderation';
import type { ModerateButtonMutation } from './__generated__/ModerateButtonMutation.graphql';

const moderateMutation = graphql`
  mutation ModerateButtonMutation($input: ModerateAccountInput!) {
    moderateAccount(input: $input) {
      strike {
        id
      }
      account {
        id
        ...AccountStanding_adminAccount
        ...AccountView_adminAccount
        reports {
          id
          ...ReportView_state
        }
      }
    }
  }
`;

interface Props {
  accountId: string;
  acct: string;
  /** Whether the account is on this server, so that its owner can be mailed. */
  local: boolean;
  action: AccountActionName;
  /** The reports the action resolves. */
  reportIds?: readonly string[];
  /** The posts the strike concerns. */
  statusIds?: readonly string[];
  /** The reason chosen first. */
  preset?: ReasonPreset;
  /** Told once the action is taken. */
  onDone?: () => void;
}

export function ModerateButton({
  accountId,
  acct,
  local,
  action,
  reportIds = [],
  statusIds = [],
  preset = 'other',
  onDone = () => undefined,
}: Props) {
  const [open, setOpen] = useState(false);
  const label = adminText.actions[action];
  return (
    <>
      <button
        type="button"
        className={action === 'SUSPEND' ? 'button button--danger' : 'button'}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      <Dialog open={open} title={t(adminText.moderate.dialogTitle, { action: label, acct })} onClose={() => setOpen(false)}>
        <ModerateForm
          accountId={accountId}
          acct={acct}
          local={local}
          action={action}
          reportIds={reportIds}
          statusIds={statusIds}
          preset={preset}
          onDone={onDone}
          onClose={() => setOpen(false)}
        />
      </Dialog>
    </>
  );
}

function ModerateForm({
  accountId,
  acct,
  local,
  action,
  reportIds,
  statusIds,
  preset,
  onDone,
  onClose,
}: Required<Props> & { onClose: () => void }) {
  const announce = useAnnounce();
  const [commit, busy] = useMutation<ModerateButtonMutation>(moderateMutation);
  const [chosen, setChosen] = useState<ReasonPreset>(preset);
  const [details, setDetails] = useState('');
  const [note, setNote] = useState('');
  const [notify, setNotify] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const ids = { reason: useId(), details: useId(), detailsHint: useId(), note: useId(), hint: useId() };
  const label = adminText.actions[action];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    commit({
      variables: {
        input: {
          accountId,
          action,
          reason: reasonText(adminText.reasons[chosen].text, details),
          internalNote: note.trim(),
          reportIds: [...reportIds],
          statusIds: [...statusIds],
          notify: local && notify,
        },
      },
      onCompleted: () => {
        onClose();
        const done = reportIds.length > 0 ? adminText.moderate.doneWithReport : adminText.moderate.done;
        announce(t(done, { action: adminText.taken[action] ?? label, acct }));
        onDone();
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  return (
    <form className="form" onSubmit={submit}>
      <p id={ids.hint} className="hint">
        {adminText.actionHints[action]} {reportIds.length > 0 ? adminText.moderate.resolvesReport : ''}
      </p>
      <div className="field">
        <label htmlFor={ids.reason}>{adminText.moderate.reason}</label>
        <select
          id={ids.reason}
          className="input"
          value={chosen}
          onChange={(event) => setChosen(event.target.value as ReasonPreset)}
        >
          {reasonPresets.map((item) => (
            <option key={item} value={item}>
              {adminText.reasons[item].label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.details}>{adminText.moderate.details}</label>
        <textarea
          id={ids.details}
          className="input"
          rows={2}
          value={details}
          aria-describedby={ids.detailsHint}
          onChange={(event) => setDetails(event.target.value)}
        />
        <p id={ids.detailsHint} className="hint">
          {adminText.moderate.detailsHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.note}>{adminText.moderate.internalNote}</label>
        <textarea id={ids.note} className="input" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      {local && (
        <label className="checkbox">
          <input type="checkbox" checked={notify} onChange={(event) => setNotify(event.target.checked)} />
          <span>{adminText.moderate.notify}</span>
        </label>
      )}
      <FormError message={error} />
      <div className="actions">
        <button
          type="submit"
          className={action === 'SUSPEND' || action === 'DISABLE' ? 'button button--primary button--destructive' : 'button button--primary'}
          disabled={busy}
          aria-describedby={ids.hint}
        >
          {busy ? adminText.moderate.working : t(adminText.moderate.confirm, { action: label, acct })}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {adminText.moderate.cancel}
        </button>
      </div>
    </form>
  );
}
