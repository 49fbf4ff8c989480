// The settings pages around a small navigation between them; only for a signed-in viewer.
import { Suspense, lazy } from 'react';
import { SignInFirst } from '../../components/SignInFirst';
import { en } from '../../i18n/en';
import { Link, type SettingsSection } from '../../router';

const ProfileSettings = lazy(() => import('./ProfileSettings'));
const SessionsSettings = lazy(() => import('./SessionsSettings'));

const sections: { section: SettingsSection; path: string; label: string }[] = [
  { section: 'profile', path: '/settings/profile', label: en.profileSettings.title },
  { section: 'sessions', path: '/settings/sessions', label: en.sessions.title },
];

export default function SettingsPage({ section, signedIn }: { section: SettingsSection; signedIn: boolean }) {
  if (!signedIn) return <SignInFirst message={en.settings.signInFirst} />;
  return (
    <div className="settings">
      <nav className="settings__nav" aria-label={en.settings.navigation}>
        {sections.map((item) => (
          <Link
            key={item.section}
            to={item.path}
            className="settings__link"
            aria-current={item.section === section ? 'page' : undefined}
          >
            {item.label}
          </Link>
        ))}
      </nav>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        {section === 'profile' ? <ProfileSettings /> : <SessionsSettings />}
      </Suspense>
    </div>
  );
}
