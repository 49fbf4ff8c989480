// An account's standing as moderators see it: the restrictions in force, its strikes, and
// the reports against it.
import { useId } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { RelativeTime } from '../../components/RelativeTime';
import { t } from '../../i18n/en';
import { adminText } from '../../i18n/adminText';
import { absoluteTime } from '../../lib/time';
import { Link, adminPath } from '../../router';
import { excerpt } from './moderation';
import type { AccountStanding_adminAccount$data, AccountStanding_adminAccount$key } from './__generated__/AccountStanding_adminAccount.graphql';

const standingFragment = graphql`
  fragment AccountStanding_adminAccount on AdminAccount {
    id
    account {
      acct
    }
    approved
    disabled
    limited
    sensitive
    suspended
    purgeAt
    strikes {
      id
      action
      reason
      createdAt
      internalNote
      moderator {
        acct
      }
      statuses {
        id
      }
    }
    reports {
      id
      category
      comment
      createdAt
      resolvedAt
      actionTaken
      reporter {
        acct
      }
    }
  }
`;

/** The words for what holds of an account now: "Active" when nothing does. */
export function stateLabels(account: Pick<AccountStanding_adminAccount$data, 'approved' | 'disabled' | 'limited' | 'sensitive' | 'suspended'>): string[] {
  const labels: string[] = [];
  if (account.suspended) labels.push(adminText.state.suspended);
  if (account.disabled) labels.push(adminText.state.disabled);
  if (account.limited) labels.push(adminText.state.limited);
  if (account.sensitive) labels.push(adminText.state.sensitive);
  if (!account.approved) labels.push(adminText.state.pending);
  return labels.length === 0 ? [adminText.state.active] : labels;
}

interface Props {
  account: AccountStanding_adminAccount$key;
  /** A report left out of the list of reports: the one being read. */
  exceptReport?: string;
  /** Whether the reports link to their pages (the viewer manages reports). */
  linkReports: boolean;
}

export function AccountStanding({ account: key, exceptReport, linkReports }: Props) {
  const account = useFragment(standingFragment, key);
  const ids = { state: useId(), strikes: useId(), reports: useId() };
  const reports = account.reports.filter((report) => report.id !== exceptReport);
  return (
    <>
      <section className="admin-block" aria-labelledby={ids.state}>
        <h3 id={ids.state} className="admin-block__heading">
          {adminText.state.heading}
        </h3>
        <ul className="admin-badges">
          {stateLabels(account).map((label) => (
            <li key={label} className="badge">
              {label}
            </li>
          ))}
        </ul>
        {account.suspended && account.purgeAt !== null && account.purgeAt !== undefined && (
          <p className="hint">{t(adminText.state.purgeAt, { date: absoluteTime(account.purgeAt) })}</p>
        )}
      </section>
      <section className="admin-block" aria-labelledby={ids.strikes}>
        <h3 id={ids.strikes} className="admin-block__heading">
          {adminText.strikes.heading}
        </h3>
        {account.strikes.length === 0 ? (
          <p className="hint">{adminText.strikes.none}</p>
        ) : (
          <ul className="admin-list">
            {account.strikes.map((strike) => (
              <li key={strike.id} className="admin-list__item">
                <p>
                  <strong>{adminText.taken[strike.action] ?? strike.action}</strong>
                  {' · '}
                  <RelativeTime iso={strike.createdAt} />
                  {strike.moderator !== null && strike.moderator !== undefined && (
                    <> {t(adminText.strikes.by, { acct: strike.moderator.acct })}</>
                  )}
                </p>
                <p>{strike.reason === '' ? adminText.strikes.noReason : strike.reason}</p>
                {strike.statuses.length > 0 && (
                  <p className="hint">{t(adminText.strikes.statuses, { count: strike.statuses.length })}</p>
                )}
                {strike.internalNote !== null && strike.internalNote !== undefined && strike.internalNote !== '' && (
                  <p className="hint">{t(adminText.strikes.internalNote, { note: strike.internalNote })}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="admin-block" aria-labelledby={ids.reports}>
        <h3 id={ids.reports} className="admin-block__heading">
          {t(exceptReport === undefined ? adminText.account.reportsAgainst : adminText.report.earlier, { acct: account.account.acct })}
        </h3>
        {reports.length === 0 ? (
          <p className="hint">{adminText.report.noEarlier}</p>
        ) : (
          <ul className="admin-list">
            {reports.map((report) => {
              const what = `${adminText.categories[report.category] ?? report.category} · @${report.reporter.acct}`;
              return (
                <li key={report.id} className="admin-list__item">
                  <p>
                    {linkReports ? <Link to={adminPath('reports', report.id)}>{what}</Link> : what}
                    {' · '}
                    <RelativeTime iso={report.createdAt} />
                    {' · '}
                    {report.resolvedAt === null || report.resolvedAt === undefined
                      ? adminText.report.stateOpen
                      : report.actionTaken !== null && report.actionTaken !== undefined
                        ? (adminText.taken[report.actionTaken] ?? report.actionTaken)
                        : adminText.report.dismissed}
                  </p>
                  {report.comment !== '' && <p className="hint">{excerpt(report.comment)}</p>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
