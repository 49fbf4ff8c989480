// One report: what was reported and why, who handles it, the account's history, notes, and
// the actions that settle it at once (warn, limit, suspend — each resolving the report —,
// dismiss, reopen).
import { Suspense, useId, useState } from 'react';
import { fetchQuery, graphql, useFragment, useLazyLoadQuery, useMutation, useRelayEnvironment } from 'react-relay/hooks';
import { useAnnounce } from '../../../components/Announcer';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { RelativeTime } from '../../../components/RelativeTime';
import { en, t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { messageOf } from '../../../relay/errors';
import { Link, adminPath, profilePath } from '../../../router';
import { useViewer } from '../../../session';
import { AccountStanding } from '../AccountStanding';
import { AdminNotes } from '../AdminNotes';
import { ModerateButton } from '../ModerateButton';
import { presetForCategory, reportActions } from '../moderation';
import { sectionPermission } from '../sections';
import { useKeepFocus } from '../useKeepFocus';
import { ReportedStatus } from './ReportedStatus';
import type { ReportViewQuery } from './__generated__/ReportViewQuery.graphql';
import type { ReportViewAccountQuery } from './__generated__/ReportViewAccountQuery.graphql';
import type { ReportViewAssignMutation } from './__generated__/ReportViewAssignMutation.graphql';
import type { ReportViewNoteMutation } from './__generated__/ReportViewNoteMutation.graphql';
import type { ReportViewResolveMutation } from './__generated__/ReportViewResolveMutation.graphql';
import type { ReportView_state$key } from './__generated__/ReportView_state.graphql';

export const reportQuery = graphql`
  query ReportViewQuery($id: ID!) {
    report(id: $id) {
      id
      comment
      category
      createdAt
      remote
      forward
      rules {
        id
        text
      }
      reporter {
        acct
      }
      account {
        id
        acct
        local
      }
      statuses {
        id
        ...ReportedStatus_status
      }
      notes {
        ...AdminNotes_notes
      }
      ...ReportView_state
    }
  }
`;

const stateFragment = graphql`
  fragment ReportView_state on Report {
    id
    resolvedAt
    actionTaken
    resolvedBy {
      acct
    }
    assignedTo {
      id
      acct
    }
  }
`;

const accountQuery = graphql`
  query ReportViewAccountQuery($id: ID!) {
    adminAccount(id: $id) {
      id
      ...AccountStanding_adminAccount
    }
  }
`;

const assignMutation = graphql`
  mutation ReportViewAssignMutation($input: AssignReportInput!) {
    assignReport(input: $input) {
      report {
        id
        ...ReportView_state
      }
    }
  }
`;

const resolveMutation = graphql`
  mutation ReportViewResolveMutation($input: ResolveReportInput!) {
    resolveReport(input: $input) {
      report {
        id
        ...ReportView_state
      }
    }
  }
`;

const noteMutation = graphql`
  mutation ReportViewNoteMutation($input: AddReportNoteInput!) {
    addReportNote(input: $input) {
      report {
        id
        notes {
          ...AdminNotes_notes
        }
      }
    }
  }
`;

interface ReportedAccount {
  id: string;
  acct: string;
  local: boolean;
}

/** Who handles the report, and the button taking or leaving it. */
function Assignee({ report: key }: { report: ReportView_state$key }) {
  const report = useFragment(stateFragment, key);
  const viewer = useViewer();
  const announce = useAnnounce();
  const [commit, busy] = useMutation<ReportViewAssignMutation>(assignMutation);
  const [error, setError] = useState<string | null>(null);
  const mine = report.assignedTo !== null && report.assignedTo !== undefined && report.assignedTo.id === viewer?.id;
  const assign = (toSelf: boolean) => {
    setError(null);
    commit({
      variables: { input: { reportId: report.id, toSelf } },
      onCompleted: () => announce(toSelf ? adminText.report.assigned : adminText.report.unassigned),
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <>
      <dt>{adminText.report.assignee}</dt>
      <dd className="admin-assignee">
        <span>{report.assignedTo === null || report.assignedTo === undefined ? adminText.report.nobody : `@${report.assignedTo.acct}`}</span>
        {mine ? (
          <button type="button" className="button button--small" disabled={busy} onClick={() => assign(false)}>
            {adminText.report.unassign}
          </button>
        ) : (
          <button type="button" className="button button--small" disabled={busy} onClick={() => assign(true)}>
            {adminText.report.assignToMe}
          </button>
        )}
        <FormError message={error} />
      </dd>
    </>
  );
}

/** Whether the report is open, or what settled it. */
function State({ report: key }: { report: ReportView_state$key }) {
  const report = useFragment(stateFragment, key);
  if (report.resolvedAt === null || report.resolvedAt === undefined) {
    return (
      <>
        <dt>{adminText.report.state}</dt>
        <dd>{adminText.report.stateOpen}</dd>
      </>
    );
  }
  return (
    <>
      <dt>{adminText.report.state}</dt>
      <dd>
        {report.resolvedBy === null || report.resolvedBy === undefined
          ? adminText.report.stateResolved
          : t(adminText.report.stateResolvedBy, { acct: report.resolvedBy.acct })}
        {' · '}
        <RelativeTime iso={report.resolvedAt} />
      </dd>
      <dt>{adminText.report.actionTaken}</dt>
      <dd>
        {report.actionTaken === null || report.actionTaken === undefined
          ? adminText.report.dismissed
          : (adminText.taken[report.actionTaken] ?? report.actionTaken)}
      </dd>
    </>
  );
}

/** The actions on an open report, or reopening a resolved one. */
function Actions({
  report: key,
  account,
  category,
  statusIds,
}: {
  report: ReportView_state$key;
  account: ReportedAccount;
  category: string;
  statusIds: readonly string[];
}) {
  const report = useFragment(stateFragment, key);
  const announce = useAnnounce();
  const environment = useRelayEnvironment();
  const [commit, busy] = useMutation<ReportViewResolveMutation>(resolveMutation);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const open = report.resolvedAt === null || report.resolvedAt === undefined;
  const part = useKeepFocus<HTMLElement>(open ? 'open' : 'resolved');
  const resolve = (resolved: boolean) => {
    setError(null);
    commit({
      variables: { input: { reportId: report.id, resolved } },
      onCompleted: () => announce(resolved ? adminText.report.dismissed_ : adminText.report.reopened),
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <section className="panel" aria-labelledby={headingId} tabIndex={-1} ref={part}>
      <h2 id={headingId} className="section-heading">
        {t(adminText.report.actions, { acct: account.acct })}
      </h2>
      {open ? (
        <div className="actions">
          {reportActions.map((action) => (
            <ModerateButton
              key={action}
              accountId={account.id}
              acct={account.acct}
              local={account.local}
              action={action}
              reportIds={[report.id]}
              statusIds={statusIds}
              preset={presetForCategory(category)}
              // The report is resolved now: read it again, with who resolved it and how.
              onDone={() => fetchQuery<ReportViewQuery>(environment, reportQuery, { id: report.id }).subscribe({})}
            />
          ))}
          <button type="button" className="button" disabled={busy} onClick={() => resolve(true)}>
            {adminText.report.dismiss}
          </button>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => resolve(false)}>
            {adminText.report.reopen}
          </button>
        </div>
      )}
      <FormError message={error} />
    </section>
  );
}

/** The reported account's standing and earlier reports, read as the report shows. */
function AccountHistory({ account, reportId, permissions }: { account: ReportedAccount; reportId: string; permissions: readonly string[] }) {
  const data = useLazyLoadQuery<ReportViewAccountQuery>(accountQuery, { id: account.id }, { fetchPolicy: 'store-and-network' });
  return (
    <AccountStanding
      account={data.adminAccount}
      exceptReport={reportId}
      linkReports={permissions.includes(sectionPermission.reports)}
    />
  );
}

export function ReportView({ reportId, permissions }: { reportId: string; permissions: readonly string[] }) {
  const data = useLazyLoadQuery<ReportViewQuery>(reportQuery, { id: reportId }, { fetchPolicy: 'store-and-network' });
  const report = data.report;
  const [commitNote, addingNote] = useMutation<ReportViewNoteMutation>(noteMutation);
  const [noteError, setNoteError] = useState<string | null>(null);
  const announce = useAnnounce();
  const ids = { details: useId(), statuses: useId(), account: useId() };
  const acct = report.account.acct;
  const addNote = (text: string, done: () => void) => {
    setNoteError(null);
    commitNote({
      variables: { input: { reportId: report.id, text } },
      onCompleted: () => {
        done();
        announce(adminText.notes.added);
      },
      onError: (failure) => setNoteError(messageOf(failure)),
    });
  };
  return (
    <div className="admin-page">
      <p className="form-footer">
        <Link to={adminPath('reports')}>{adminText.report.back}</Link>
      </p>
      <PageHeading title={t(adminText.report.title, { acct })} />
      <Actions
        report={report}
        account={report.account}
        category={report.category}
        statusIds={report.statuses.map((status) => status.id)}
      />
      <section className="panel" aria-labelledby={ids.details}>
        <h2 id={ids.details} className="section-heading">
          {adminText.report.details}
        </h2>
        <dl className="admin-facts">
          <dt>{adminText.report.reporter}</dt>
          <dd>
            <Link to={profilePath(report.reporter.acct)}>@{report.reporter.acct}</Link>
            {report.remote && <> · {adminText.report.remote}</>}
          </dd>
          <dt>{adminText.report.category}</dt>
          <dd>{adminText.categories[report.category] ?? report.category}</dd>
          {report.rules.length > 0 && (
            <>
              <dt>{adminText.report.rules}</dt>
              <dd>
                <ul className="admin-plain-list">
                  {report.rules.map((rule) => (
                    <li key={rule.id}>{rule.text}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt>{adminText.report.comment}</dt>
          <dd className="admin-comment">{report.comment === '' ? adminText.report.noComment : report.comment}</dd>
          <dt>{adminText.report.created}</dt>
          <dd>
            <RelativeTime iso={report.createdAt} />
            {report.forward && <> · {adminText.report.forwarded}</>}
          </dd>
          <State report={report} />
          <Assignee report={report} />
        </dl>
      </section>
      <section className="panel" aria-labelledby={ids.statuses}>
        <h2 id={ids.statuses} className="section-heading">
          {adminText.report.statuses}
        </h2>
        {report.statuses.length === 0 ? (
          <p className="hint">{adminText.report.noStatuses}</p>
        ) : (
          report.statuses.map((status) => <ReportedStatus key={status.id} status={status} />)
        )}
      </section>
      <section className="panel" aria-labelledby={ids.account}>
        <h2 id={ids.account} className="section-heading">
          {adminText.report.account}
        </h2>
        <p className="actions">
          <Link to={profilePath(acct)}>@{acct}</Link>
          {permissions.includes(sectionPermission.accounts) && (
            <Link to={adminPath('accounts', report.account.id)}>{t(adminText.report.openAccount, { acct })}</Link>
          )}
        </p>
        <ErrorBoundary>
          <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
            <AccountHistory account={report.account} reportId={report.id} permissions={permissions} />
          </Suspense>
        </ErrorBoundary>
      </section>
      <AdminNotes notes={report.notes} busy={addingNote} error={noteError} onAdd={addNote} />
    </div>
  );
}
