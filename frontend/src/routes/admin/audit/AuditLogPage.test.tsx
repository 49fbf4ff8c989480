// The audit log: narrowed by the address, each entry with who did what to what, and its
// details as a list of what changed.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSettingsText } from '../../../i18n/adminSettingsText';
import { t } from '../../../i18n/en';
import { render, type Rendered } from '../../../testing/render';
import AuditLogPage, { auditLogAddress, auditLogFilter } from './AuditLogPage';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  window.history.replaceState(null, '', '/');
});

const text = adminSettingsText.audit;

describe('audit log filters', () => {
  it('writes the filters into the address, leaving out those not set', () => {
    expect(auditLogAddress('/admin/audit', { action: null, actor: null, target: null })).toBe('/admin/audit');
    expect(auditLogAddress('/admin/audit', { action: 'role.', actor: 'QWNjb3VudDox', target: null })).toBe(
      '/admin/audit?action=role.&actor=QWNjb3VudDox',
    );
    expect(auditLogAddress('/admin/audit', { action: null, actor: null, target: 'a=b&c' })).toBe('/admin/audit?target=a%3Db%26c');
  });

  it('asks the server for what the filters name, or for everything', () => {
    expect(auditLogFilter({ action: null, actor: null, target: null })).toBeNull();
    expect(auditLogFilter({ action: 'account.', actor: 'a1', target: 't1' })).toEqual({
      action: 'account.',
      actorId: 'a1',
      targetId: 't1',
    });
  });
});

describe('AuditLogPage', () => {
  it('shows each entry and narrows the log as the address says', async () => {
    window.history.replaceState(null, '', '/admin/audit?action=instance.&actor=actor-1');
    const asked: Record<string, unknown>[] = [];
    const network: FetchFunction = (_operation, variables) => {
      asked.push(variables);
      return Promise.resolve({
        data: {
          auditLog: {
            edges: [
              {
                cursor: 'c1',
                node: {
                  __typename: 'AuditEntry',
                  id: 'entry-1',
                  createdAt: '2026-12-07T09:00:00Z',
                  actor: { id: 'actor-1', acct: 'admin' },
                  action: 'instance.update',
                  targetId: null,
                  targetName: null,
                  detail: JSON.stringify({ before: { maxStatusChars: 500 }, after: { maxStatusChars: 1000 } }),
                },
              },
              {
                cursor: 'c2',
                node: {
                  __typename: 'AuditEntry',
                  id: 'entry-2',
                  createdAt: '2026-12-06T09:00:00Z',
                  actor: null,
                  action: 'instance.update',
                  targetId: 'role-1',
                  targetName: 'Helpers',
                  detail: '{}',
                },
              },
            ],
            pageInfo: { hasNextPage: true, endCursor: 'c2' },
          },
        },
      });
    };
    const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
    rendered = render(
      environment,
      <Suspense fallback="…">
        <AuditLogPage />
      </Suspense>,
    );
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const { container } = rendered;
    expect(asked[0]).toMatchObject({ filter: { action: 'instance.', actorId: 'actor-1' } });
    expect(container.querySelector('select')?.value).toBe('instance.');

    const entries = [...container.querySelectorAll('li.audit-entry')];
    expect(entries).toHaveLength(2);
    expect(entries[0]?.querySelector('code')?.textContent).toBe('instance.update');
    expect(entries[0]?.querySelector('dt')?.textContent).toBe('Status length');
    expect(entries[0]?.querySelector('.audit-entry__before')?.textContent).toBe('500');
    expect(entries[0]?.querySelector('.audit-entry__after')?.textContent).toBe('1000');
    expect(entries[1]?.textContent).toContain(text.commandLine);
    expect(entries[1]?.querySelector('dl')).toBeNull();
    const onTarget = [...(entries[1]?.querySelectorAll('a') ?? [])].find(
      (link) => link.textContent === t(text.onlyTarget, { target: 'Helpers' }),
    );
    expect(onTarget?.getAttribute('href')).toBe('/admin/audit?action=instance.&actor=actor-1&target=role-1');

    const showAll = [...container.querySelectorAll('a')].find((link) => link.textContent === text.showAll);
    expect(showAll?.getAttribute('href')).toBe('/admin/audit?action=instance.');
    expect(container.textContent).toContain(t(text.onlyActor, { who: '@admin' }));
    expect([...container.querySelectorAll('button')].some((button) => button.textContent === text.loadMore)).toBe(true);
  });
});
