// Which moderation pages a role's permissions open.
import { describe, expect, it } from 'vitest';
import { mayModerate, permittedSections } from './sections';

describe('permittedSections', () => {
  it('opens each section for its own permission, in the navigation’s order', () => {
    expect(permittedSections(['MANAGE_REPORTS'])).toEqual(['reports']);
    expect(permittedSections(['VIEW_DASHBOARD'])).toEqual(['dashboard']);
    // Sign-ups waiting and the accounts both need MANAGE_USERS.
    expect(permittedSections(['MANAGE_USERS'])).toEqual(['approvals', 'accounts']);
    expect(permittedSections(['MANAGE_FEDERATION'])).toEqual(['federation']);
    expect(permittedSections(['INVITE_USERS'])).toEqual(['invites']);
    expect(permittedSections(['MANAGE_BLOCKS'])).toEqual(['blocks']);
    expect(permittedSections(['VIEW_AUDIT_LOG'])).toEqual(['audit']);
    expect(permittedSections(['MANAGE_ROLES'])).toEqual(['roles']);
    expect(permittedSections(['MANAGE_RULES'])).toEqual(['rules']);
    expect(permittedSections(['MANAGE_SETTINGS'])).toEqual(['settings']);
    expect(
      permittedSections([
        'MANAGE_SETTINGS',
        'VIEW_AUDIT_LOG',
        'MANAGE_FEDERATION',
        'MANAGE_USERS',
        'MANAGE_ROLES',
        'MANAGE_RULES',
        'MANAGE_REPORTS',
        'VIEW_DASHBOARD',
        'MANAGE_BLOCKS',
        'INVITE_USERS',
      ]),
    ).toEqual([
      'dashboard',
      'reports',
      'approvals',
      'invites',
      'accounts',
      'federation',
      'blocks',
      'audit',
      'roles',
      'rules',
      'settings',
    ]);
  });

  it('opens nothing for permissions that name no section', () => {
    expect(permittedSections([])).toEqual([]);
    expect(permittedSections(['MANAGE_CUSTOM_EMOJIS'])).toEqual([]);
  });

  it('leaves out sections the client has no page for', () => {
    expect(permittedSections(['MANAGE_REPORTS', 'VIEW_AUDIT_LOG', 'MANAGE_USERS'], ['reports', 'accounts'])).toEqual([
      'reports',
      'accounts',
    ]);
  });
});

describe('mayModerate', () => {
  it('shows the moderation link to a role opening any section', () => {
    expect(mayModerate(['MANAGE_REPORTS'])).toBe(true);
    expect(mayModerate(['MANAGE_CUSTOM_EMOJIS', 'VIEW_AUDIT_LOG'])).toBe(true);
    expect(mayModerate(['INVITE_USERS'])).toBe(true);
  });

  it('hides it from people signed out and roles opening none', () => {
    expect(mayModerate(null)).toBe(false);
    expect(mayModerate(undefined)).toBe(false);
    expect(mayModerate([])).toBe(false);
    expect(mayModerate(['MANAGE_CUSTOM_EMOJIS'])).toBe(false);
  });
});
