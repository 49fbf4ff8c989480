// The dashboard: its totals, linked where the role may follow them, the media store's size, and
// each chart named for what it counts, with the same figures in a table.
import { act } from 'react';
import { createOperationDescriptor, getRequest } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminJobsText } from '../../../i18n/adminJobsText';
import { t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { absoluteTime } from '../../../lib/time';
import { environmentWith, render, type Rendered } from '../../../testing/render';
import DashboardPage, { dashboardQuery } from './DashboardPage';
import { queuesPanelQuery } from './QueuesPanel';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const text = adminText.dashboard;
const pending = () => new Promise<never>(() => undefined);

const board = {
  openReports: 3,
  pendingSignUps: 1,
  pendingAppeals: 2,
  localAccounts: 42,
  knownServers: 7,
  storageBytes: 1_500_000_000,
  storageMeasuredAt: '2026-12-07T09:00:00Z',
  days: [
    { day: '2026-12-05', signUps: 0, activeUsers: 4, reports: 1, storageBytes: 1_100_000_000 },
    { day: '2026-12-06', signUps: 2, activeUsers: 6, reports: 0, storageBytes: null },
    { day: '2026-12-07', signUps: 5, activeUsers: 5, reports: 2, storageBytes: 1_500_000_000 },
  ],
};

async function renderWith(permissions: string[], shown: Record<string, unknown> = board) {
  const environment = environmentWith(dashboardQuery, { days: 30 }, { adminDashboard: shown }, pending);
  environment.commitPayload(createOperationDescriptor(getRequest(queuesPanelQuery), {}), {
    jobQueues: [
      { name: 'deliver', pending: 4, failed: 2 },
      { name: 'mail', pending: 0, failed: 0 },
    ],
  });
  rendered = render(environment, <DashboardPage id={null} permissions={permissions} />);
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return rendered.container;
}

function figures(container: HTMLElement): [string, string, string | null][] {
  return [...container.querySelectorAll('.admin-figure')].map((figure) => [
    figure.querySelector('dt')?.textContent ?? '',
    [...figure.querySelectorAll('dd')].map((value) => value.textContent).join(''),
    figure.querySelector('a')?.getAttribute('href') ?? null,
  ]);
}

describe('DashboardPage', () => {
  it('shows the totals, open reports, sign-ups and appeals waiting linking to their pages', async () => {
    const container = await renderWith(['VIEW_DASHBOARD', 'MANAGE_REPORTS', 'MANAGE_USERS', 'MANAGE_APPEALS']);
    expect(figures(container)).toEqual([
      [text.openReports, '3', '/admin/reports'],
      [text.pendingSignUps, '1', '/admin/approvals'],
      [text.pendingAppeals, '2', '/admin/appeals'],
      [text.localAccounts, '42', null],
      [text.knownServers, '7', null],
      [text.storage, `1.5 GB${t(text.storageMeasuredAt, { when: absoluteTime('2026-12-07T09:00:00Z') })}`, null],
    ]);
    const select = container.querySelector('select');
    expect([...(select?.options ?? [])].map((option) => option.value)).toEqual(['7', '30', '90']);
    expect(select?.value).toBe('30');
  });

  it('links no total to a page the role does not open', async () => {
    const container = await renderWith(['VIEW_DASHBOARD']);
    expect(figures(container).map(([, , link]) => link)).toEqual([null, null, null, null, null, null]);
    expect(container.querySelector('.admin-queues')).toBeNull();
  });

  it('shows each queue’s waiting and failed counts to a role that manages the queues', async () => {
    const container = await renderWith(['VIEW_DASHBOARD', 'MANAGE_JOBS']);
    const panel = container.querySelector('.admin-queues');
    const heading = panel?.querySelector('h2 a');
    expect(heading?.textContent).toBe(adminJobsText.panel.title);
    expect(heading?.getAttribute('href')).toBe('/admin/jobs');
    expect([...(panel?.querySelectorAll('tbody tr') ?? [])].map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['deliver', '4', '2'],
      ['mail', '0', '0'],
    ]);
  });

  it('draws a named chart per count, with a bar and a table row per day', async () => {
    const container = await renderWith(['VIEW_DASHBOARD']);
    const charts = [...container.querySelectorAll('svg[role="img"]')];
    expect(charts.map((chart) => chart.getAttribute('aria-label'))).toEqual([
      t(text.chartSummary, { title: text.signUps, from: '2026-12-05', to: '2026-12-07', total: '7', most: '5' }),
      t(text.chartSummary, { title: text.activeUsers, from: '2026-12-05', to: '2026-12-07', total: '15', most: '6' }),
      t(text.chartSummary, { title: text.reports, from: '2026-12-05', to: '2026-12-07', total: '3', most: '2' }),
      t(text.storageSummary, { title: text.storagePerDay, from: '2026-12-05', to: '2026-12-07', most: '1.5 GB', latest: '1.5 GB' }),
    ]);
    expect(charts[0]?.querySelectorAll('rect').length).toBe(3);
    // Sign-ups: 0, 2, 5 on a scale to 5.
    expect([...(charts[0]?.querySelectorAll('rect') ?? [])].map((bar) => bar.getAttribute('height'))).toEqual(['0', '48', '120']);
    const table = container.querySelector('table');
    expect(table?.querySelector('caption')?.textContent).toBe(text.signUps);
    expect([...(table?.querySelectorAll('tbody tr') ?? [])].map((row) => row.textContent)).toEqual([
      '2026-12-050',
      '2026-12-062',
      '2026-12-075',
    ]);
  });

  it('draws the media store’s size per day, a day not measured as a gap', async () => {
    const container = await renderWith(['VIEW_DASHBOARD']);
    const chart = container.querySelectorAll('section.admin-chart')[3];
    expect(chart?.querySelector('h2')?.textContent).toBe(text.storagePerDay);
    // 1.1 GB and 1.5 GB on a scale to 2 GB; nothing for the day not measured.
    expect([...(chart?.querySelectorAll('rect') ?? [])].map((bar) => bar.getAttribute('height'))).toEqual(['66', '90']);
    expect(chart?.querySelector('.admin-chart__scale')?.textContent).toBe('2026-12-050 B–2.0 GB2026-12-07');
    expect(chart?.querySelector('th[scope="col"]:last-child')?.textContent).toBe(text.size);
    expect([...(chart?.querySelectorAll('tbody tr') ?? [])].map((row) => row.textContent)).toEqual([
      '2026-12-051.1 GB',
      `2026-12-06${text.notMeasured}`,
      '2026-12-071.5 GB',
    ]);
  });

  it('says when the media store was not measured yet', async () => {
    const container = await renderWith(['VIEW_DASHBOARD'], {
      ...board,
      storageBytes: null,
      storageMeasuredAt: null,
      days: board.days.map((day) => ({ ...day, storageBytes: null })),
    });
    expect(figures(container).at(-1)).toEqual([text.storage, text.storageNotMeasured, null]);
    const chart = container.querySelectorAll('svg[role="img"]')[3];
    expect(chart?.getAttribute('aria-label')).toBe(
      t(text.storageSummaryNone, { title: text.storagePerDay, from: '2026-12-05', to: '2026-12-07' }),
    );
    expect(chart?.querySelectorAll('rect').length).toBe(0);
  });
});
