// An audit entry's details read as a list of what changed, before and after, or of details.
import { describe, expect, it } from 'vitest';
import { adminSettingsText } from '../i18n/adminSettingsText';
import { auditDetailLines, detailLabel, detailValue } from './auditDetail';

describe('auditDetailLines', () => {
  it('lists each setting changed, before and after, leaving out what stayed', () => {
    const detail = JSON.stringify({
      before: { name: 'Rookery', description: 'A small server', maxStatusChars: 500, registrationMode: 'OPEN' },
      after: { name: 'Rookery', description: 'A small server', maxStatusChars: 1000, registrationMode: 'APPROVAL' },
    });
    expect(auditDetailLines(detail)).toEqual([
      { kind: 'change', key: 'maxStatusChars', label: 'Status length', before: '500', after: '1000' },
      { kind: 'change', key: 'registrationMode', label: 'Who can sign up', before: 'Open', after: 'With approval' },
    ]);
  });

  it('shows what was made from nothing and what was taken away', () => {
    const created = JSON.stringify({
      before: null,
      after: { name: 'Helpers', colour: null, permissions: ['MANAGE_REPORTS', 'VIEW_AUDIT_LOG', 'SOMETHING_NEW'] },
    });
    expect(auditDetailLines(created)).toEqual([
      { kind: 'change', key: 'name', label: 'Name', before: null, after: 'Helpers' },
      {
        kind: 'change',
        key: 'permissions',
        label: 'Permissions',
        before: null,
        after: `${adminSettingsText.permissions.MANAGE_REPORTS}, ${adminSettingsText.permissions.VIEW_AUDIT_LOG}, SOMETHING_NEW`,
      },
    ]);
    const deleted = JSON.stringify({ before: { name: 'Helpers', position: 3 }, after: null });
    expect(auditDetailLines(deleted)).toEqual([
      { kind: 'change', key: 'name', label: 'Name', before: 'Helpers', after: null },
      { kind: 'change', key: 'position', label: 'Position', before: '3', after: null },
    ]);
  });

  it('shows a list of records replaced whole, such as the rules, one item each without ids', () => {
    const detail = JSON.stringify({
      before: [{ id: 'r1', text: 'Be kind', hint: '' }],
      after: [
        { id: 'r1', text: 'Be kind', hint: 'No slurs' },
        { id: 'r2', text: 'No spam', hint: '' },
      ],
    });
    expect(auditDetailLines(detail)).toEqual([
      {
        kind: 'change',
        key: '',
        label: '',
        before: ['Be kind'],
        after: ['Be kind (Explanation: No slurs)', 'No spam'],
      },
    ]);
  });

  it('lists the details of other actions one by one, beside any change', () => {
    const detail = JSON.stringify({ reason: 'Spam', reportIds: ['a', 'b'], notify: true, internalNote: null });
    expect(auditDetailLines(detail)).toEqual([
      { kind: 'value', key: 'reason', label: 'Reason', value: 'Spam' },
      { kind: 'value', key: 'reportIds', label: 'Reports', value: 'a, b' },
      { kind: 'value', key: 'notify', label: 'Owner told', value: adminSettingsText.audit.yes },
      { kind: 'value', key: 'internalNote', label: 'Internal note', value: null },
    ]);
    expect(auditDetailLines(JSON.stringify({ before: { role: 'user' }, after: { role: 'moderator' }, reason: 'Trusted' }))).toEqual([
      { kind: 'change', key: 'role', label: 'Role', before: 'user', after: 'moderator' },
      { kind: 'value', key: 'reason', label: 'Reason', value: 'Trusted' },
    ]);
  });

  it('shows nothing for empty details, and text that is not JSON as it is', () => {
    expect(auditDetailLines('{}')).toEqual([]);
    expect(auditDetailLines('')).toEqual([]);
    expect(auditDetailLines('null')).toEqual([]);
    expect(auditDetailLines('not json')).toEqual([{ kind: 'text', text: 'not json' }]);
    expect(auditDetailLines('"resolved"')).toEqual([{ kind: 'text', text: 'resolved' }]);
    expect(auditDetailLines(JSON.stringify({ before: { a: 1 }, after: { a: 1 } }))).toEqual([]);
  });
});

describe('detailLabel and detailValue', () => {
  it('spells out keys it has no name for', () => {
    expect(detailLabel('maxStatusChars')).toBe('Status length');
    expect(detailLabel('purgeAfterDays')).toBe('Purge after days');
    expect(detailLabel('media_sensitive')).toBe('Media sensitive');
  });

  it('writes values as text', () => {
    expect(detailValue('reason', null)).toBeNull();
    expect(detailValue('notify', false)).toBe(adminSettingsText.audit.no);
    expect(detailValue('statusIds', [])).toBe(adminSettingsText.audit.none);
    expect(detailValue('role', { id: 'x', name: 'Helpers', position: 2 })).toBe('Helpers (Position: 2)');
    expect(detailValue('account', { id: 'x', acct: 'spam@example.com' })).toBe('Acct: spam@example.com');
    expect(detailValue('registrationMode', 'CLOSED')).toBe(adminSettingsText.instanceSettings.CLOSED);
  });
});
