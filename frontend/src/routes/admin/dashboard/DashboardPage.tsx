// /admin/dashboard: the server's standing totals, and sign-ups, active people and reports per
// day over the last 7, 30 or 90 days, each drawn as bars with the same figures in a table
// for screen readers; for a role that manages them, the background queues' counts.
import { Suspense, useId, useState, useTransition } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { PageHeading } from '../../../components/PageHeading';
import { en, t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { barChart } from '../../../lib/barChart';
import { Link, adminPath } from '../../../router';
import { sectionPermission, type AdminSectionProps } from '../sections';
import { QueuesPanel } from './QueuesPanel';
import type { DashboardPageQuery } from './__generated__/DashboardPageQuery.graphql';

export const dashboardQuery = graphql`
  query DashboardPageQuery($days: Int!) {
    adminDashboard(days: $days) {
      openReports
      pendingSignUps
      pendingAppeals
      localAccounts
      knownServers
      days {
        day
        signUps
        activeUsers
        reports
      }
    }
  }
`;

export const windows = [7, 30, 90] as const;

const text = adminText.dashboard;
const WIDTH = 600;
const HEIGHT = 120;

interface Point {
  readonly day: string;
  readonly value: number;
}

/** One count per day as bars, named for what it counts, with its figures in a hidden table. */
export function DayChart({ title, points }: { title: string; points: readonly Point[] }) {
  const headingId = useId();
  const { top, bars } = barChart(
    points.map((point) => point.value),
    WIDTH,
    HEIGHT,
  );
  const total = points.reduce((sum, point) => sum + point.value, 0);
  const most = points.reduce((max, point) => Math.max(max, point.value), 0);
  const summary = t(text.chartSummary, {
    title,
    from: points[0]?.day ?? '',
    to: points[points.length - 1]?.day ?? '',
    total: String(total),
    most: String(most),
  });
  return (
    <section className="panel admin-chart" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-heading">
        {title}
      </h2>
      <svg className="admin-chart__bars" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary}>
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} className="admin-chart__axis" />
        {bars.map((bar, index) => (
          <rect key={points[index]?.day ?? index} x={bar.x} y={bar.y} width={bar.width} height={bar.height} className="admin-chart__bar" />
        ))}
      </svg>
      <p className="admin-chart__scale" aria-hidden="true">
        <span>{points[0]?.day}</span>
        <span>
          0–{top}
        </span>
        <span>{points[points.length - 1]?.day}</span>
      </p>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{text.day}</th>
            <th scope="col">{text.count}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.day}>
              <th scope="row">{point.day}</th>
              <td>{point.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Figure({ label, value, to }: { label: string; value: number; to: string | null }) {
  return (
    <div className="admin-figure">
      <dt>{to === null ? label : <Link to={to}>{label}</Link>}</dt>
      <dd className="admin-figure__value">{value}</dd>
    </div>
  );
}

function Dashboard({ days, permissions }: { days: number; permissions: readonly string[] }) {
  const data = useLazyLoadQuery<DashboardPageQuery>(dashboardQuery, { days }, { fetchPolicy: 'store-and-network' });
  const board = data.adminDashboard;
  const totalsId = useId();
  const may = (section: 'reports' | 'approvals' | 'appeals') => permissions.includes(sectionPermission[section]);
  const series = (pick: (day: (typeof board.days)[number]) => number) => board.days.map((day) => ({ day: day.day, value: pick(day) }));
  return (
    <>
      <section aria-labelledby={totalsId}>
        <h2 id={totalsId} className="visually-hidden">
          {text.totals}
        </h2>
        <dl className="admin-figures">
          <Figure label={text.openReports} value={board.openReports} to={may('reports') ? adminPath('reports') : null} />
          <Figure label={text.pendingSignUps} value={board.pendingSignUps} to={may('approvals') ? adminPath('approvals') : null} />
          <Figure label={text.pendingAppeals} value={board.pendingAppeals} to={may('appeals') ? adminPath('appeals') : null} />
          <Figure label={text.localAccounts} value={board.localAccounts} to={null} />
          <Figure label={text.knownServers} value={board.knownServers} to={null} />
        </dl>
      </section>
      {permissions.includes(sectionPermission.jobs) && (
        <ErrorBoundary>
          <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
            <QueuesPanel />
          </Suspense>
        </ErrorBoundary>
      )}
      <DayChart title={text.signUps} points={series((day) => day.signUps)} />
      <DayChart title={text.activeUsers} points={series((day) => day.activeUsers)} />
      <DayChart title={text.reports} points={series((day) => day.reports)} />
    </>
  );
}

export default function DashboardPage({ permissions }: AdminSectionProps) {
  const [days, setDays] = useState<number>(30);
  const [, startTransition] = useTransition();
  const selectId = useId();
  return (
    <div className="admin-page">
      <PageHeading title={text.title} />
      <div className="field admin-window">
        <label htmlFor={selectId}>{text.window}</label>
        <select
          id={selectId}
          className="input"
          value={days}
          onChange={(event) => {
            const next = Number(event.target.value);
            startTransition(() => setDays(next));
          }}
        >
          {windows.map((count) => (
            <option key={count} value={count}>
              {t(text.lastDays, { count: String(count) })}
            </option>
          ))}
        </select>
      </div>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <Dashboard days={days} permissions={permissions} />
      </Suspense>
    </div>
  );
}
