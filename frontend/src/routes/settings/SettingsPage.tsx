// The settings pages around a small navigation between them; only for a signed-in viewer.
// Each page is its own chunk, loaded when opened.
import { Suspense, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { SignInFirst } from '../../components/SignInFirst';
import { en } from '../../i18n/en';
import { Link, settingsSections, type SettingsSection } from '../../router';

const pages: Record<SettingsSection, { label: string; Page: LazyExoticComponent<ComponentType> }> = {
  profile: { label: en.profileSettings.title, Page: lazy(() => import('./ProfileSettings')) },
  lists: { label: en.lists.title, Page: lazy(() => import('./ListsSettings')) },
  filters: { label: en.filters.title, Page: lazy(() => import('./FiltersSettings')) },
  'followed-tags': { label: en.followedTags.title, Page: lazy(() => import('./FollowedTagsSettings')) },
  muted: { label: en.muted.title, Page: lazy(() => import('./MutedSettings')) },
  blocked: { label: en.blocked.title, Page: lazy(() => import('./BlockedSettings')) },
  tokens: { label: en.tokens.title, Page: lazy(() => import('./TokensSettings')) },
  webhooks: { label: en.webhooks.title, Page: lazy(() => import('./WebhooksSettings')) },
  sessions: { label: en.sessions.title, Page: lazy(() => import('./SessionsSettings')) },
};

export default function SettingsPage({ section, signedIn }: { section: SettingsSection; signedIn: boolean }) {
  if (!signedIn) return <SignInFirst message={en.settings.signInFirst} />;
  const { Page } = pages[section];
  return (
    <div className="settings">
      <nav className="settings__nav" aria-label={en.settings.navigation}>
        {settingsSections.map((item) => (
          <Link
            key={item}
            to={`/settings/${item}`}
            className="settings__link"
            aria-current={item === section ? 'page' : undefined}
          >
            {pages[item].label}
          </Link>
        ))}
      </nav>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <Page />
      </Suspense>
    </div>
  );
}
