// A report's page offers warn, limit, suspend and dismiss while it is open, and only reopening
// once resolved, saying by whom and how; its reported posts are read only.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { adminText } from '../../../i18n/adminText';
import { environmentWith, render, type Rendered } from '../../../testing/render';
import { ReportView, reportQuery } from './ReportView';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const pending = () => new Promise<never>(() => undefined);

const account = (id: string, acct: string) => ({ id, acct, local: true });

function payload(resolved: boolean) {
  return {
    report: {
      id: 'UmVwb3J0OjE',
      comment: 'Sells pills in every reply',
      category: 'SPAM',
      createdAt: '2026-12-07T09:00:00Z',
      remote: false,
      forward: false,
      rules: [],
      reporter: account('QWNjb3VudDpy', 'reader'),
      account: account('QWNjb3VudDpz', 'spammer'),
      statuses: [
        {
          id: 'U3RhdHVzOjE',
          content: '<p>Cheap pills</p>',
          contentWarning: '',
          createdAt: '2026-12-07T08:00:00Z',
          visibility: 'PUBLIC',
          author: { id: 'QWNjb3VudDpz', acct: 'spammer' },
          mediaAttachments: [],
        },
      ],
      notes: [],
      resolvedAt: resolved ? '2026-12-07T09:30:00Z' : null,
      actionTaken: resolved ? 'SUSPEND' : null,
      resolvedBy: resolved ? { id: 'QWNjb3VudDph', acct: 'admin' } : null,
      assignedTo: null,
    },
  };
}

async function renderReport(resolved: boolean) {
  const environment = environmentWith(reportQuery, { id: 'UmVwb3J0OjE' }, payload(resolved), pending);
  rendered = render(environment, <ReportView reportId="UmVwb3J0OjE" permissions={['MANAGE_REPORTS']} />);
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  const container = rendered.container;
  return {
    buttons: [...container.querySelectorAll('button')].map((button) => button.textContent),
    text: container.textContent ?? '',
    container,
  };
}

describe('ReportView', () => {
  it('offers the actions that settle an open report, and the post reported without its own buttons', async () => {
    const page = await renderReport(false);
    expect(page.buttons).toEqual(expect.arrayContaining(['Warn', 'Limit', 'Suspend', adminText.report.dismiss, adminText.report.assignToMe]));
    expect(page.buttons).not.toContain(adminText.report.reopen);
    expect(page.text).toContain('Sells pills in every reply');
    expect(page.container.querySelector('.reported-status')?.textContent).toContain('Cheap pills');
    expect(page.container.querySelectorAll('.reported-status button')).toHaveLength(0);
    // The account's history waits for its own answer; the report does not.
    expect(page.text).toContain(adminText.report.account);
  });

  it('says who resolved a report and how, and offers to reopen it', async () => {
    const page = await renderReport(true);
    expect(page.buttons).toContain(adminText.report.reopen);
    expect(page.buttons).not.toContain('Suspend');
    expect(page.text).toContain('Resolved by @admin');
    expect(page.text).toContain(adminText.taken.SUSPEND);
  });
});
