// The moderation pages' navigation lists the sections the viewer's role opens, and someone
// whose role opens none, or not the one asked for, reads that they may not.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { adminText } from '../../i18n/adminText';
import { environmentWith, render, type Rendered } from '../../testing/render';
import AdminPage, { adminQuery } from './AdminPage';

// The sections' own pages are not under test here: each stands in as its name.
for (const page of [
  './dashboard/DashboardPage',
  './reports/ReportsSection',
  './approvals/ApprovalsPage',
  './invites/InvitesPage',
  './blocks/SignUpBlocksPage',
  './accounts/AccountsSection',
  './federation/DomainBlocksPage',
  './announcements/AnnouncementsPage',
  './audit/AuditLogPage',
  './jobs/JobQueuesPage',
  './roles/RolesPage',
  './rules/RulesPage',
  './settings/InstanceSettingsPage',
]) {
  vi.doMock(page, () => ({ default: () => <p className="section-page">{page}</p> }));
}

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

/** Nothing comes back from the server: the page shows what the store holds. */
const pending = () => new Promise<never>(() => undefined);

async function renderFor(permissions: string[] | null, section: 'reports' | 'accounts' | 'audit' | null) {
  const environment = environmentWith(adminQuery, {}, { viewerRole: permissions === null ? null : { id: 'Um9sZTox', permissions } }, pending);
  rendered?.unmount();
  rendered = render(environment, <AdminPage section={section} id={null} signedIn />);
  // The section's chunk loads inside act, so React sees it settle before the test goes on.
  for (let tick = 0; tick < 100 && rendered.container.querySelector('.loading') !== null; tick++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
  const container = rendered.container;
  const nav = container.querySelector(`nav[aria-label="${adminText.admin.navigation}"]`);
  return {
    links: [...(nav?.querySelectorAll('a') ?? [])].map((link) => [link.textContent, link.getAttribute('href')]),
    current: nav?.querySelector('[aria-current]')?.textContent ?? null,
    text: container.textContent ?? '',
  };
}

describe('AdminPage', () => {
  it('lists only the sections the role opens', async () => {
    const page = await renderFor(['MANAGE_USERS', 'INVITE_USERS', 'MANAGE_CUSTOM_EMOJIS'], null);
    expect(page.links).toEqual([
      [adminText.sections.approvals, '/admin/approvals'],
      [adminText.sections.invites, '/admin/invites'],
      [adminText.sections.accounts, '/admin/accounts'],
    ]);
    // `/admin` opens the first of them.
    expect(page.current).toBe(adminText.sections.approvals);
    expect(page.text).toContain('approvals/ApprovalsPage');
  });

  it('lists reports first for a moderator who may read them', async () => {
    const page = await renderFor(['MANAGE_USERS', 'MANAGE_REPORTS'], null);
    expect(page.links).toEqual([
      [adminText.sections.reports, '/admin/reports'],
      [adminText.sections.approvals, '/admin/approvals'],
      [adminText.sections.accounts, '/admin/accounts'],
    ]);
    expect(page.current).toBe(adminText.sections.reports);
  });

  it('opens the dashboard first for a role that may read it', async () => {
    const page = await renderFor(['MANAGE_REPORTS', 'VIEW_DASHBOARD'], null);
    expect(page.links).toEqual([
      [adminText.sections.dashboard, '/admin/dashboard'],
      [adminText.sections.reports, '/admin/reports'],
    ]);
    expect(page.current).toBe(adminText.sections.dashboard);
  });

  it('tells someone whose role opens nothing that they may not', async () => {
    const page = await renderFor(['MANAGE_CUSTOM_EMOJIS'], null);
    expect(page.links).toEqual([]);
    expect(page.text).toContain(adminText.admin.notAllowedTitle);
    expect(page.text).toContain(adminText.admin.notAllowed);
    expect((await renderFor(null, 'reports')).text).toContain(adminText.admin.notAllowed);
  });

  it('refuses a section the role does not open, keeping the others in reach', async () => {
    const page = await renderFor(['MANAGE_USERS'], 'reports');
    expect(page.links).toEqual([
      [adminText.sections.approvals, '/admin/approvals'],
      [adminText.sections.accounts, '/admin/accounts'],
    ]);
    expect(page.text).toContain(adminText.admin.sectionNotAllowed);
  });
});
