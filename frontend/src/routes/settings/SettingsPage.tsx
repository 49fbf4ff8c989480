// The settings pages around a small navigation between them; only for a signed-in viewer.
// Each page is its own chunk, loaded when opened.
import { Suspense, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { SignInFirst } from '../../components/SignInFirst';
import { en } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { Link, settingsSections, type SettingsSection } from '../../router';

const pages: Record<SettingsSection, { label: string; Page: LazyExoticComponent<ComponentType> }> = {
  profile: { label: settingsText.profileSettings.title, Page: lazy(() => import('./ProfileSettings')) },
  lists: { label: settingsText.lists.title, Page: lazy(() => import('./ListsSettings')) },
  filters: { label: settingsText.filters.title, Page: lazy(() => import('./FiltersSettings')) },
  'followed-tags': { label: settingsText.followedTags.title, Page: lazy(() => import('./FollowedTagsSettings')) },
  muted: { label: settingsText.muted.title, Page: lazy(() => import('./MutedSettings')) },
  blocked: { label: settingsText.blocked.title, Page: lazy(() => import('./BlockedSettings')) },
  tokens: { label: settingsText.tokens.title, Page: lazy(() => import('./TokensSettings')) },
  webhooks: { label: settingsText.webhooks.title, Page: lazy(() => import('./WebhooksSettings')) },
  email: { label: settingsText.email.title, Page: lazy(() => import('./EmailSettings')) },
  password: { label: settingsText.password.title, Page: lazy(() => import('./PasswordSettings')) },
  'two-factor': { label: settingsText.twoFactor.title, Page: lazy(() => import('./TwoFactorSettings')) },
  sessions: { label: settingsText.sessions.title, Page: lazy(() => import('./SessionsSettings')) },
  strikes: { label: settingsText.strikes.title, Page: lazy(() => import('./StrikesSettings')) },
};

export default function SettingsPage({ section, signedIn }: { section: SettingsSection; signedIn: boolean }) {
  if (!signedIn) return <SignInFirst message={settingsText.settings.signInFirst} />;
  const { Page } = pages[section];
  return (
    <div className="settings">
      <nav className="settings__nav" aria-label={settingsText.settings.navigation}>
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
