// The dashboard: its totals, linked where the role may follow them, and each chart named for
// what it counts, with the same figures in a table.
import { act } from 'react';
import { createOperationDescriptor, getRequest } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminJobsText } from '../../../i18n/adminJobsText';
import { t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
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
  days: [
    { day: '2026-12-05', signUps: 0, activeUsers: 4, reports: 1 },
    { day: '2026-12-06', signUps: 2, activeUsers: 6, reports: 0 },
    { day: '2026-12-07', signUps: 5, activeUsers: 5, reports: 2 },
  ],
};

async function renderWith(permissions: string[]) {
  const environment = environmentWith(dashboardQuery, { days: 30 }, { adminDashboard: board }, pending);
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
    figure.querySelector('dd')?.textContent ?? '',
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
    ]);
    const select = container.querySelector('select');
    expect([...(select?.options ?? [])].map((option) => option.value)).toEqual(['7', '30', '90']);
    expect(select?.value).toBe('30');
  });

  it('links no total to a page the role does not open', async () => {
    const container = await renderWith(['VIEW_DASHBOARD']);
    expect(figures(container).map(([, , link]) => link)).toEqual([null, null, null, null, null]);
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
});
