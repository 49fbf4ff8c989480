// /admin/federation: the servers this one blocks, which it federates with (the mode and the
// allowlist) and those it knows; /admin/federation/<domain>: one server's page. Each panel
// loads and fails on its own: the blocks stay usable whatever happens to the others.
import { Suspense, type ReactNode } from 'react';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { en } from '../../../i18n/en';
import type { AdminSectionProps } from '../sections';
import DomainBlocksPage from './DomainBlocksPage';
import { FederationMode } from './FederationMode';
import { KnownServers } from './KnownServers';
import { ServerPage } from './ServerPage';

function Panel({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>{children}</Suspense>
    </ErrorBoundary>
  );
}

export default function FederationSection({ id }: AdminSectionProps) {
  if (id !== null) return <ServerPage key={id} domain={id} />;
  return (
    <div className="admin-page">
      <DomainBlocksPage />
      <Panel>
        <FederationMode />
      </Panel>
      <Panel>
        <KnownServers />
      </Panel>
    </div>
  );
}
