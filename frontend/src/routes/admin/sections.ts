// Which moderation pages a role opens: each section needs one permission.
import { adminSections, type AdminSection } from '../../router';

/** The permission each page under `/admin` needs. */
export const sectionPermission = {
  dashboard: 'VIEW_DASHBOARD',
  reports: 'MANAGE_REPORTS',
  appeals: 'MANAGE_APPEALS',
  approvals: 'MANAGE_USERS',
  invites: 'INVITE_USERS',
  accounts: 'MANAGE_USERS',
  federation: 'MANAGE_FEDERATION',
  blocks: 'MANAGE_BLOCKS',
  announcements: 'MANAGE_ANNOUNCEMENTS',
  audit: 'VIEW_AUDIT_LOG',
  jobs: 'MANAGE_JOBS',
  roles: 'MANAGE_ROLES',
  rules: 'MANAGE_RULES',
  settings: 'MANAGE_SETTINGS',
} as const satisfies Record<AdminSection, string>;

/**
 * The sections a role with `permissions` may open, in the navigation's order; only those in
 * `built` (the sections this client has pages for), all of them by default.
 */
export function permittedSections(
  permissions: readonly string[],
  built: readonly AdminSection[] = adminSections,
): AdminSection[] {
  return adminSections.filter((section) => built.includes(section) && permissions.includes(sectionPermission[section]));
}

/** Whether a role with `permissions` opens any moderation page: the main navigation's link. */
export function mayModerate(permissions: readonly string[] | null | undefined): boolean {
  return permittedSections(permissions ?? []).length > 0;
}

/** What a page of the moderation pages is given: the item opened, if any, and the viewer's permissions. */
export interface AdminSectionProps {
  /** A report's, an account's or another item's id under `/admin/<section>/<id>`. */
  id: string | null;
  permissions: readonly string[];
}
