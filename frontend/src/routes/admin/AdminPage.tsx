// The moderation pages under /admin, around a navigation that lists only the sections the
// viewer's role opens. Each section is its own chunk, in routes/admin/<section>/; this page
// itself loads only when a moderator opens it.
import { Suspense, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { SignInFirst } from '../../components/SignInFirst';
import { en } from '../../i18n/en';
import { adminText } from '../../i18n/adminText';
import { Link, adminPath, type AdminSection } from '../../router';
import { permittedSections, sectionPermission, type AdminSectionProps } from './sections';
import type { AdminPageQuery } from './__generated__/AdminPageQuery.graphql';

/** The sections this client has pages for: one line each, in any order (the router orders them). */
const pages: Partial<Record<AdminSection, LazyExoticComponent<ComponentType<AdminSectionProps>>>> = {
  dashboard: lazy(() => import('./dashboard/DashboardPage')),
  reports: lazy(() => import('./reports/ReportsSection')),
  appeals: lazy(() => import('./appeals/AppealsPage')),
  approvals: lazy(() => import('./approvals/ApprovalsPage')),
  invites: lazy(() => import('./invites/InvitesPage')),
  blocks: lazy(() => import('./blocks/SignUpBlocksPage')),
  accounts: lazy(() => import('./accounts/AccountsSection')),
  federation: lazy(() => import('./federation/FederationSection')),
  announcements: lazy(() => import('./announcements/AnnouncementsPage')),
  audit: lazy(() => import('./audit/AuditLogPage')),
  jobs: lazy(() => import('./jobs/JobQueuesPage')),
  roles: lazy(() => import('./roles/RolesPage')),
  rules: lazy(() => import('./rules/RulesPage')),
  settings: lazy(() => import('./settings/InstanceSettingsPage')),
};

const built = Object.keys(pages) as AdminSection[];

export const adminQuery = graphql`
  query AdminPageQuery {
    viewerRole {
      permissions
    }
  }
`;

function Refusal({ message }: { message: string }) {
  return (
    <div className="panel">
      <PageHeading title={adminText.admin.notAllowedTitle} />
      <p>{message}</p>
      <Link to="/">{en.app.goHome}</Link>
    </div>
  );
}

function Admin({ section, id }: { section: AdminSection | null; id: string | null }) {
  const data = useLazyLoadQuery<AdminPageQuery>(adminQuery, {}, { fetchPolicy: 'store-and-network' });
  const permissions = data.viewerRole?.permissions ?? [];
  const permitted = permittedSections(permissions, built);
  if (permitted.length === 0) return <Refusal message={adminText.admin.notAllowed} />;
  const shown = section ?? permitted[0] ?? 'reports';
  const Page = pages[shown];
  let body;
  if (!permissions.includes(sectionPermission[shown])) body = <Refusal message={adminText.admin.sectionNotAllowed} />;
  else if (Page === undefined) body = <Refusal message={adminText.admin.noSuchPage} />;
  else
    body = (
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <Page id={id} permissions={permissions} />
      </Suspense>
    );
  return (
    <div className="admin">
      <nav className="settings__nav" aria-label={adminText.admin.navigation}>
        {permitted.map((item) => (
          <Link
            key={item}
            to={adminPath(item)}
            className="settings__link"
            aria-current={item === shown ? (id === null ? 'page' : 'true') : undefined}
          >
            {adminText.sections[item]}
          </Link>
        ))}
      </nav>
      {body}
    </div>
  );
}

export default function AdminPage({
  section,
  id,
  signedIn,
}: {
  section: AdminSection | null;
  id: string | null;
  signedIn: boolean;
}) {
  if (!signedIn) return <SignInFirst message={adminText.admin.signInFirst} />;
  return <Admin section={section} id={id} />;
}
