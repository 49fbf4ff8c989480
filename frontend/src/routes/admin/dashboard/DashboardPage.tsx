// /admin/dashboard: the server's standing totals and the media store's size, and sign-ups,
// active people, reports and the media store's size per day over the last 7, 30 or 90 days,
// each drawn as bars with the same figures in a table for screen readers; for a role that
// manages them, the background queues' counts.
import { Suspense, useId, useState, useTransition, type ReactNode } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { PageHeading } from '../../../components/PageHeading';
import { en, t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { barChart } from '../../../lib/barChart';
import { formatBytes } from '../../../lib/bytes';
import { absoluteTime } from '../../../lib/time';
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
      storageBytes
      storageMeasuredAt
      days {
        day
        signUps
        activeUsers
        reports
        storageBytes
      }
    }
  }
`;

export const windows = [7, 30, 90] as const;

const text = adminText.dashboard;
const WIDTH = 600;
const HEIGHT = 120;

/** One day's figure; null when it was not measured that day. */
interface Point {
  readonly day: string;
  readonly value: number | null;
}

/** The days a chart spans, for its summary. */
function span(points: readonly Point[]): { from: string; to: string } {
  return { from: points[0]?.day ?? '', to: points[points.length - 1]?.day ?? '' };
}

/** What a chart of counts says to a screen reader: its days, their total and the busiest. */
function countSummary(title: string, points: readonly Point[]): string {
  const total = points.reduce((sum, point) => sum + (point.value ?? 0), 0);
  const most = points.reduce((max, point) => Math.max(max, point.value ?? 0), 0);
  return t(text.chartSummary, { title, ...span(points), total: String(total), most: String(most) });
}

/** What the chart of the media store's size says: its largest and its latest measure. */
function storageSummary(title: string, points: readonly Point[]): string {
  const measured = points.flatMap((point) => (point.value === null ? [] : [point.value]));
  const latest = measured[measured.length - 1];
  if (latest === undefined) return t(text.storageSummaryNone, { title, ...span(points) });
  return t(text.storageSummary, { title, ...span(points), most: formatBytes(Math.max(...measured)), latest: formatBytes(latest) });
}

/**
 * One figure per day as bars, named for what it shows, with its figures in a hidden table;
 * a day not measured is a gap. `format` writes a figure (counts as they are), `column` names
 * the figures in the table, and `summary` is what the chart says as a whole (by default, of
 * counts).
 */
export function DayChart({
  title,
  points,
  format = String,
  column = text.count,
  summary = countSummary(title, points),
}: {
  title: string;
  points: readonly Point[];
  format?: (value: number) => string;
  column?: string;
  summary?: string;
}) {
  const headingId = useId();
  const { top, bars } = barChart(
    points.map((point) => point.value ?? 0),
    WIDTH,
    HEIGHT,
  );
  return (
    <section className="panel admin-chart" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-heading">
        {title}
      </h2>
      <svg className="admin-chart__bars" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary}>
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} className="admin-chart__axis" />
        {bars.map((bar, index) =>
          points[index]?.value === null ? null : (
            <rect key={points[index]?.day ?? index} x={bar.x} y={bar.y} width={bar.width} height={bar.height} className="admin-chart__bar" />
          ),
        )}
      </svg>
      <p className="admin-chart__scale" aria-hidden="true">
        <span>{points[0]?.day}</span>
        <span>
          {format(0)}–{format(top)}
        </span>
        <span>{points[points.length - 1]?.day}</span>
      </p>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{text.day}</th>
            <th scope="col">{column}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point) => (
            <tr key={point.day}>
              <th scope="row">{point.day}</th>
              <td>{point.value === null ? text.notMeasured : format(point.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A total, linked to its page when `to` is given; `note` says more of it under the value. */
function Figure({ label, value, to, note }: { label: string; value: ReactNode; to: string | null; note?: ReactNode }) {
  return (
    <div className="admin-figure">
      <dt>{to === null ? label : <Link to={to}>{label}</Link>}</dt>
      <dd className="admin-figure__value">{value}</dd>
      {note !== undefined && <dd className="hint admin-figure__note">{note}</dd>}
    </div>
  );
}

/** The media store's size at its last measure, and when that was; or that it was not measured yet. */
function StorageFigure({ bytes, measuredAt }: { bytes: number | null | undefined; measuredAt: string | null | undefined }) {
  if (bytes === null || bytes === undefined) {
    return <Figure label={text.storage} value={<span className="admin-figure__none">{text.storageNotMeasured}</span>} to={null} />;
  }
  const note =
    measuredAt === null || measuredAt === undefined ? undefined : (
      <time dateTime={measuredAt}>{t(text.storageMeasuredAt, { when: absoluteTime(measuredAt) })}</time>
    );
  return <Figure label={text.storage} value={formatBytes(bytes)} to={null} note={note} />;
}

function Dashboard({ days, permissions }: { days: number; permissions: readonly string[] }) {
  const data = useLazyLoadQuery<DashboardPageQuery>(dashboardQuery, { days }, { fetchPolicy: 'store-and-network' });
  const board = data.adminDashboard;
  const totalsId = useId();
  const may = (section: 'reports' | 'approvals' | 'appeals') => permissions.includes(sectionPermission[section]);
  const series = (pick: (day: (typeof board.days)[number]) => number | null | undefined) =>
    board.days.map((day) => ({ day: day.day, value: pick(day) ?? null }));
  const storage = series((day) => day.storageBytes);
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
          <StorageFigure bytes={board.storageBytes} measuredAt={board.storageMeasuredAt} />
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
      <DayChart
        title={text.storagePerDay}
        points={storage}
        format={formatBytes}
        column={text.size}
        summary={storageSummary(text.storagePerDay, storage)}
      />
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
