// Reporting a post to this server's moderators: why (a category, and for a violation the
// rules broken), a comment, and for a remote author whether its server hears of it too.
import { Suspense, lazy, useId, useState, type FormEvent } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { t } from '../i18n/en';
import { composeText } from '../i18n/composeText';
import { messageOf } from '../relay/errors';
import { useAnnounce } from './Announcer';
import { Dialog } from './Dialog';
import type { ReportDialog_status$key } from './__generated__/ReportDialog_status.graphql';
import type { ReportCategory, ReportDialogMutation } from './__generated__/ReportDialogMutation.graphql';

const statusFragment = graphql`
  fragment ReportDialog_status on Status {
    id
    local
    author {
      id
      acct
    }
  }
`;

const reportMutation = graphql`
  mutation ReportDialogMutation($input: CreateReportInput!) {
    createReport(input: $input) {
      reportId
    }
  }
`;

// The rules load when a violation is chosen.
const ReportRules = lazy(() => import('./ReportRules'));

const CATEGORIES = ['SPAM', 'LEGAL', 'VIOLATION', 'OTHER'] as const satisfies readonly ReportCategory[];

interface Props {
  status: ReportDialog_status$key;
  open: boolean;
  onClose: () => void;
}

export function ReportDialog({ status: key, open, onClose }: Props) {
  const status = useFragment(statusFragment, key);
  return (
    <Dialog open={open} title={t(composeText.report.title, { acct: status.author.acct })} onClose={onClose}>
      <ReportForm
        statusId={status.id}
        accountId={status.author.id}
        remoteDomain={status.local ? null : (status.author.acct.split('@')[1] ?? null)}
        onClose={onClose}
      />
    </Dialog>
  );
}

interface FormProps {
  statusId: string;
  accountId: string;
  /** The author's server, when it is another one. */
  remoteDomain: string | null;
  onClose: () => void;
}

function ReportForm({ statusId, accountId, remoteDomain, onClose }: FormProps) {
  const announce = useAnnounce();
  const [commit, sending] = useMutation<ReportDialogMutation>(reportMutation);
  const [category, setCategory] = useState<ReportCategory>('SPAM');
  const [rules, setRules] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [forward, setForward] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { category: useId(), comment: useId(), commentHint: useId(), error: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    commit({
      variables: {
        input: {
          accountId,
          statusIds: [statusId],
          comment: comment.trim(),
          category,
          ruleIds: category === 'VIOLATION' ? rules : [],
          forward: remoteDomain !== null && forward,
        },
      },
      onCompleted: () => {
        onClose();
        announce(composeText.report.sent);
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  return (
    <form className="report" onSubmit={submit}>
      <p>{composeText.report.intro}</p>
      <fieldset className="choices">
        <legend>{composeText.report.category}</legend>
        {CATEGORIES.map((choice) => (
          <label key={choice} className="choice">
            <input
              type="radio"
              name={ids.category}
              value={choice}
              checked={category === choice}
              onChange={() => setCategory(choice)}
            />
            <span>
              <span className="choice__name">{composeText.report[choice]}</span>
              <span className="hint">{composeText.report[`${choice}_description`]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {category === 'VIOLATION' && (
        <Suspense fallback={<p className="loading">{composeText.report.loadingRules}</p>}>
          <ReportRules chosen={rules} onChange={setRules} />
        </Suspense>
      )}
      <div className="field">
        <label htmlFor={ids.comment}>{composeText.report.comment}</label>
        <textarea
          id={ids.comment}
          className="input"
          rows={3}
          maxLength={1000}
          value={comment}
          aria-describedby={ids.commentHint}
          onChange={(event) => setComment(event.target.value)}
        />
        <p id={ids.commentHint} className="hint">
          {composeText.report.commentHint}
        </p>
      </div>
      {remoteDomain !== null && (
        <label className="checkbox">
          <input type="checkbox" checked={forward} onChange={(event) => setForward(event.target.checked)} />
          <span>
            {t(composeText.report.forward, { domain: remoteDomain })}
            <span className="hint">{composeText.report.forwardHint}</span>
          </span>
        </label>
      )}
      {error !== null && (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={sending}>
          {sending ? composeText.report.submitting : composeText.report.submit}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {composeText.report.cancel}
        </button>
      </div>
    </form>
  );
}
