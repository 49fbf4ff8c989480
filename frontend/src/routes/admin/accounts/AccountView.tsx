// One account as moderators see it: email, role, restrictions, strikes, reports against it
// and filed by it, notes; the actions on it, lifting those in force, and its role.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { useAnnounce } from '../../../components/Announcer';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { RelativeTime } from '../../../components/RelativeTime';
import { t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { messageOf } from '../../../relay/errors';
import { Link, adminPath, navigate, profilePath } from '../../../router';
import { AccountStanding } from '../AccountStanding';
import { AdminNotes } from '../AdminNotes';
import { ApprovalButtons } from '../approvals/ApprovalButtons';
import { ModerateButton } from '../ModerateButton';
import { availableActions, liftableActions, type LiftableAction } from '../moderation';
import { sectionPermission } from '../sections';
import { useKeepFocus } from '../useKeepFocus';
import type { AccountViewQuery } from './__generated__/AccountViewQuery.graphql';
import type { AccountViewLiftMutation } from './__generated__/AccountViewLiftMutation.graphql';
import type { AccountViewNoteMutation } from './__generated__/AccountViewNoteMutation.graphql';
import type { AccountViewRoleMutation } from './__generated__/AccountViewRoleMutation.graphql';
import type { AccountView_adminAccount$key } from './__generated__/AccountView_adminAccount.graphql';

const accountQuery = graphql`
  query AccountViewQuery($id: ID!) {
    adminAccount(id: $id) {
      id
      ...AccountView_adminAccount
    }
    roles {
      id
      name
    }
  }
`;

const accountFragment = graphql`
  fragment AccountView_adminAccount on AdminAccount {
    id
    email
    registrationReason
    signUpIp
    signIns {
      ip
      lastAt
    }
    invitedBy {
      acct
    }
    createdAt
    approved
    disabled
    limited
    sensitive
    suspended
    role {
      id
      name
    }
    account {
      id
      acct
      local
    }
    reportsFiled {
      id
      category
      createdAt
      resolvedAt
      account {
        acct
      }
    }
    notes {
      ...AdminNotes_notes
    }
    ...AccountStanding_adminAccount
  }
`;

const liftMutation = graphql`
  mutation AccountViewLiftMutation($input: LiftAccountActionInput!) {
    liftAccountAction(input: $input) {
      account {
        id
        ...AccountView_adminAccount
      }
    }
  }
`;

const roleMutation = graphql`
  mutation AccountViewRoleMutation($input: AssignRoleInput!) {
    assignRole(input: $input) {
      account {
        id
        role {
          id
          name
        }
      }
    }
  }
`;

const noteMutation = graphql`
  mutation AccountViewNoteMutation($input: AddAccountNoteInput!) {
    addAccountNote(input: $input) {
      account {
        id
        notes {
          ...AdminNotes_notes
        }
      }
    }
  }
`;

interface Role {
  readonly id: string;
  readonly name: string;
}

/** The role select of a local account, and the button that gives it the role chosen. */
function RoleField({ accountId, acct, role, roles }: { accountId: string; acct: string; role: Role; roles: readonly Role[] }) {
  const announce = useAnnounce();
  const [commit, busy] = useMutation<AccountViewRoleMutation>(roleMutation);
  const [chosen, setChosen] = useState(role.id);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    commit({
      variables: { input: { accountId, roleId: chosen } },
      onCompleted: (response) =>
        announce(t(adminText.account.roleChanged, { acct, role: response.assignRole.account.role?.name ?? '' })),
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <form className="inline-form admin-role" onSubmit={submit}>
      <div className="field">
        <label htmlFor={selectId}>{adminText.account.role}</label>
        <select id={selectId} className="input" value={chosen} onChange={(event) => setChosen(event.target.value)}>
          {roles.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={busy || chosen === role.id}>
        {adminText.account.changeRole}
      </button>
      <FormError message={error} />
    </form>
  );
}

/** A button lifting one restriction in force. */
function LiftButton({ accountId, acct, action }: { accountId: string; acct: string; action: LiftableAction }) {
  const announce = useAnnounce();
  const [commit, busy] = useMutation<AccountViewLiftMutation>(liftMutation);
  return (
    <button
      type="button"
      className="button"
      disabled={busy}
      onClick={() =>
        commit({
          variables: { input: { accountId, action } },
          onCompleted: () => announce(t(adminText.lifted[action], { acct })),
          onError: (failure) => announce(t(adminText.moderate.liftFailed, { reason: messageOf(failure) })),
        })
      }
    >
      {adminText.lifts[action]}
    </button>
  );
}

function Account({
  account: key,
  roles,
  permissions,
}: {
  account: AccountView_adminAccount$key;
  roles: readonly Role[];
  permissions: readonly string[];
}) {
  const account = useFragment(accountFragment, key);
  const announce = useAnnounce();
  const [commitNote, addingNote] = useMutation<AccountViewNoteMutation>(noteMutation);
  const [noteError, setNoteError] = useState<string | null>(null);
  const ids = { details: useId(), actions: useId(), standing: useId(), filed: useId() };
  const acct = account.account.acct;
  const state = { ...account, local: account.account.local };
  const lifts = liftableActions(state);
  const actionsPart = useKeepFocus<HTMLElement>(lifts.join(' '));
  const linkReports = permissions.includes(sectionPermission.reports);
  const addNote = (text: string, done: () => void) => {
    setNoteError(null);
    commitNote({
      variables: { input: { accountId: account.id, text } },
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
        <Link to={adminPath('accounts')}>{adminText.account.back}</Link>
      </p>
      <PageHeading title={t(adminText.account.title, { acct })} />
      <section className="panel" aria-labelledby={ids.details}>
        <h2 id={ids.details} className="visually-hidden">
          {adminText.account.details}
        </h2>
        <dl className="admin-facts">
          <dt>{adminText.account.profile}</dt>
          <dd>
            <Link to={profilePath(acct)}>@{acct}</Link>
          </dd>
          <dt>{adminText.account.email}</dt>
          <dd>{account.email ?? adminText.account.noEmail}</dd>
          <dt>{adminText.account.joined}</dt>
          <dd>
            <RelativeTime iso={account.createdAt} />
          </dd>
          {account.signUpIp !== null && account.signUpIp !== undefined && (
            <>
              <dt>{adminText.account.signUpIp}</dt>
              <dd>{account.signUpIp}</dd>
            </>
          )}
          {account.signIns.length > 0 && (
            <>
              <dt>{adminText.account.signIns}</dt>
              <dd>
                <ul className="admin-sign-ins">
                  {account.signIns.map((signIn) => (
                    <li key={signIn.ip}>
                      {signIn.ip} · <RelativeTime iso={signIn.lastAt} />
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {account.invitedBy !== null && account.invitedBy !== undefined && (
            <>
              <dt>{adminText.account.invitedBy}</dt>
              <dd>
                <Link to={profilePath(account.invitedBy.acct)}>@{account.invitedBy.acct}</Link>
              </dd>
            </>
          )}
          {account.registrationReason !== null && account.registrationReason !== undefined && account.registrationReason !== '' && (
            <>
              <dt>{adminText.account.registrationReason}</dt>
              <dd className="admin-comment">{account.registrationReason}</dd>
            </>
          )}
        </dl>
        {account.role !== null && account.role !== undefined && (
          <RoleField key={account.role.id} accountId={account.id} acct={acct} role={account.role} roles={roles} />
        )}
      </section>
      <section className="panel" aria-labelledby={ids.actions} tabIndex={-1} ref={actionsPart}>
        <h2 id={ids.actions} className="section-heading">
          {adminText.account.actions}
        </h2>
        {!account.approved && (
          <div>
            <p className="hint">{adminText.approvals.waiting}</p>
            <ApprovalButtons
              accountId={account.id}
              acct={acct}
              onDone={(outcome) => {
                if (outcome === 'rejected') navigate(adminPath('accounts'));
              }}
            />
          </div>
        )}
        <div className="actions">
          {availableActions(state).map((action) => (
            <ModerateButton key={action} accountId={account.id} acct={acct} local={account.account.local} action={action} />
          ))}
        </div>
        {lifts.length > 0 && (
          <div className="actions" role="group" aria-label={adminText.account.lifts}>
            {lifts.map((action) => (
              <LiftButton key={action} accountId={account.id} acct={acct} action={action} />
            ))}
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby={ids.standing}>
        <h2 id={ids.standing} className="section-heading">
          {adminText.account.history}
        </h2>
        <AccountStanding account={account} linkReports={linkReports} />
      </section>
      <section className="panel" aria-labelledby={ids.filed}>
        <h2 id={ids.filed} className="section-heading">
          {t(adminText.account.reportsFiled, { acct })}
        </h2>
        {account.reportsFiled.length === 0 ? (
          <p className="hint">{adminText.account.noReports}</p>
        ) : (
          <ul className="admin-list">
            {account.reportsFiled.map((report) => {
              const what = `${adminText.categories[report.category] ?? report.category} ${t(adminText.account.reportOn, { acct: report.account.acct })}`;
              return (
                <li key={report.id} className="admin-list__item">
                  {linkReports ? <Link to={adminPath('reports', report.id)}>{what}</Link> : what}
                  {' · '}
                  <RelativeTime iso={report.createdAt} />
                  {' · '}
                  {report.resolvedAt === null || report.resolvedAt === undefined ? adminText.report.stateOpen : adminText.report.stateResolved}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <AdminNotes notes={account.notes} busy={addingNote} error={noteError} onAdd={addNote} />
    </div>
  );
}

export function AccountView({ accountId, permissions }: { accountId: string; permissions: readonly string[] }) {
  const data = useLazyLoadQuery<AccountViewQuery>(accountQuery, { id: accountId }, { fetchPolicy: 'store-and-network' });
  return <Account account={data.adminAccount} roles={data.roles} permissions={permissions} />;
}
