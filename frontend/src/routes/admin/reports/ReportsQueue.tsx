// The reports, open or resolved, newest first: one row each, its account a link to it.
import { graphql, useFragment, useLazyLoadQuery } from 'react-relay/hooks';
import { PageHeading } from '../../../components/PageHeading';
import { RelativeTime } from '../../../components/RelativeTime';
import { t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { Link, adminPath, useSearchParam } from '../../../router';
import { excerpt } from '../moderation';
import type { ReportsQueueQuery } from './__generated__/ReportsQueueQuery.graphql';
import type { ReportsQueue_row$key } from './__generated__/ReportsQueue_row.graphql';

const queueQuery = graphql`
  query ReportsQueueQuery($resolved: Boolean!) {
    reports(resolved: $resolved) {
      id
      ...ReportsQueue_row
    }
  }
`;

const rowFragment = graphql`
  fragment ReportsQueue_row on Report {
    id
    category
    comment
    createdAt
    remote
    account {
      acct
    }
    reporter {
      acct
    }
    assignedTo {
      acct
    }
    statuses {
      id
    }
  }
`;

function Row({ report: key }: { report: ReportsQueue_row$key }) {
  const report = useFragment(rowFragment, key);
  return (
    <tr>
      <th scope="row">
        <Link to={adminPath('reports', report.id)}>@{report.account.acct}</Link>
        {report.statuses.length > 0 && (
          <span className="hint admin-table__sub">{t(adminText.reports.posts, { count: report.statuses.length })}</span>
        )}
      </th>
      <td>@{report.reporter.acct}</td>
      <td>{adminText.categories[report.category] ?? report.category}</td>
      <td className="admin-table__comment">
        {report.comment === '' ? <span className="hint">{adminText.reports.noComment}</span> : excerpt(report.comment)}
      </td>
      <td>
        <RelativeTime iso={report.createdAt} />
      </td>
      <td>{report.assignedTo === null || report.assignedTo === undefined ? adminText.reports.nobody : `@${report.assignedTo.acct}`}</td>
    </tr>
  );
}

export function ReportsQueue() {
  const resolved = useSearchParam('resolved') === '1';
  const data = useLazyLoadQuery<ReportsQueueQuery>(queueQuery, { resolved }, { fetchPolicy: 'store-and-network' });
  return (
    <div className="admin-page">
      <PageHeading title={adminText.reports.title} />
      <nav className="tabs" aria-label={adminText.reports.tabs}>
        <Link to={adminPath('reports')} className="tabs__link" aria-current={resolved ? undefined : 'page'}>
          {adminText.reports.open}
        </Link>
        <Link to={`${adminPath('reports')}?resolved=1`} className="tabs__link" aria-current={resolved ? 'page' : undefined}>
          {adminText.reports.resolved}
        </Link>
      </nav>
      {data.reports.length === 0 ? (
        <p className="timeline__empty">{resolved ? adminText.reports.noResolved : adminText.reports.noOpen}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">{resolved ? adminText.reports.resolved : adminText.reports.open}</caption>
            <thead>
              <tr>
                <th scope="col">{adminText.reports.target}</th>
                <th scope="col">{adminText.reports.reporter}</th>
                <th scope="col">{adminText.reports.category}</th>
                <th scope="col">{adminText.reports.comment}</th>
                <th scope="col">{adminText.reports.age}</th>
                <th scope="col">{adminText.reports.assignee}</th>
              </tr>
            </thead>
            <tbody>
              {data.reports.map((report) => (
                <Row key={report.id} report={report} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
