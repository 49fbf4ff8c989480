// The page around every route: navigation, the signed-in account, and the route itself.
import { Suspense, lazy, useState } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Announcer, useAnnounce } from './components/Announcer';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import {
  BellIcon,
  BookmarkIcon,
  GearIcon,
  GlobeIcon,
  HomeIcon,
  ListIcon,
  MailIcon,
  NoteIcon,
  PeopleIcon,
  ShieldIcon,
  StarIcon,
} from './components/Icons';
import { SearchBox } from './components/SearchBox';
import { en, t } from './i18n/en';
import { messageOf, rookeryErrorOf } from './relay/errors';
import { signOut } from './relay/session';
import { Link, match, navigate, usePath, type Route } from './router';
import { ViewerContext, useSession } from './session';
import { mayModerate } from './routes/admin/sections';
import HomePage from './routes/home/HomePage';
import type { ShellQuery } from './__generated__/ShellQuery.graphql';

const LocalPage = lazy(() => import('./routes/local/LocalPage'));
const FederatedPage = lazy(() => import('./routes/federated/FederatedPage'));
const SignInPage = lazy(() => import('./routes/sign-in/SignInPage'));
const SignUpPage = lazy(() => import('./routes/sign-up/SignUpPage'));
const ForgotPasswordPage = lazy(() => import('./routes/forgot-password/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('./routes/reset-password/ResetPasswordPage'));
const ConfirmEmailPage = lazy(() => import('./routes/confirm-email/ConfirmEmailPage'));
const AboutPage = lazy(() => import('./routes/about/AboutPage'));
const ProfilePage = lazy(() => import('./routes/profile/ProfilePage'));
const SetupPage = lazy(() => import('./routes/setup/SetupPage'));
const FollowRequestsPage = lazy(() => import('./routes/follow-requests/FollowRequestsPage'));
const NotificationsPage = lazy(() => import('./routes/notifications/NotificationsPage'));
const NotesPage = lazy(() => import('./routes/notes/NotesPage'));
const StatusPage = lazy(() => import('./routes/status/StatusPage'));
const BookmarksPage = lazy(() => import('./routes/bookmarks/BookmarksPage'));
const FavouritesPage = lazy(() => import('./routes/favourites/FavouritesPage'));
const SettingsPage = lazy(() => import('./routes/settings/SettingsPage'));
const ListsPage = lazy(() => import('./routes/lists/ListsPage'));
const ListTimelinePage = lazy(() => import('./routes/lists/ListTimelinePage'));
// Live conversations load beside the first page, not within it.
const ConversationUpdates = lazy(() =>
  import('./components/ConversationsLive').then((module) => ({ default: module.ConversationUpdates })),
);
const UnreadConversationsBadge = lazy(() =>
  import('./components/ConversationsLive').then((module) => ({ default: module.UnreadConversationsBadge })),
);
const UnreadNotifications = lazy(() =>
  import('./components/UnreadNotifications').then((module) => ({ default: module.UnreadNotifications })),
);
const ConversationsPage = lazy(() => import('./routes/conversations/ConversationsPage'));
const SearchPage = lazy(() => import('./routes/search/SearchPage'));
const TagPage = lazy(() => import('./routes/tag/TagPage'));
const AdminPage = lazy(() => import('./routes/admin/AdminPage'));
const Announcements = lazy(() => import('./components/Announcements'));
const EmailConfirmationBanner = lazy(() => import('./components/EmailConfirmationBanner'));
const NotFoundPage = lazy(() => import('./routes/NotFoundPage'));

const shellQuery = graphql`
  query ShellQuery {
    viewer {
      id
      acct
    }
    instance {
      name
    }
    viewerRole {
      permissions
    }
  }
`;

function Page({ route, signedIn }: { route: Route; signedIn: boolean }) {
  switch (route.name) {
    case 'home':
      return <HomePage signedIn={signedIn} />;
    case 'local':
      return <LocalPage signedIn={signedIn} />;
    case 'federated':
      return <FederatedPage signedIn={signedIn} />;
    case 'signIn':
      return <SignInPage />;
    case 'signUp':
      return <SignUpPage />;
    case 'forgotPassword':
      return <ForgotPasswordPage />;
    case 'resetPassword':
      return <ResetPasswordPage />;
    case 'confirmEmail':
      return <ConfirmEmailPage />;
    case 'about':
      return <AboutPage />;
    case 'profile':
      return <ProfilePage handle={route.handle} section={route.section} signedIn={signedIn} />;
    case 'status':
      return <StatusPage statusId={route.statusId} signedIn={signedIn} />;
    case 'notifications':
      return <NotificationsPage signedIn={signedIn} />;
    case 'followRequests':
      return <FollowRequestsPage signedIn={signedIn} />;
    case 'notes':
      return <NotesPage signedIn={signedIn} />;
    case 'bookmarks':
      return <BookmarksPage signedIn={signedIn} />;
    case 'favourites':
      return <FavouritesPage signedIn={signedIn} />;
    case 'setup':
      return <SetupPage token={route.token} />;
    case 'settings':
      return <SettingsPage section={route.section} signedIn={signedIn} />;
    case 'lists':
      return <ListsPage signedIn={signedIn} />;
    case 'list':
      return <ListTimelinePage id={route.id} signedIn={signedIn} />;
    case 'conversations':
      return <ConversationsPage conversationId={route.conversationId} signedIn={signedIn} />;
    case 'search':
      return <SearchPage signedIn={signedIn} />;
    case 'tag':
      return <TagPage name={route.tag} signedIn={signedIn} />;
    case 'admin':
      return <AdminPage section={route.section} id={route.id} signedIn={signedIn} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

function NavLink({
  to,
  path,
  under,
  children,
}: {
  to: string;
  path: string;
  /** Marks the link current on every page under this path too. */
  under?: string;
  children: React.ReactNode;
}) {
  const current = path === to || (under !== undefined && (path === under || path.startsWith(`${under}/`)));
  return (
    <Link to={to} className="nav__link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function SignOutButton() {
  const { restart } = useSession();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await signOut();
      navigate('/local', { replace: true });
      restart();
    } catch (error) {
      announce(messageOf(error));
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button button--quiet" disabled={busy} onClick={() => void onClick()}>
      {en.nav.signOut}
    </button>
  );
}

function Frame() {
  const data = useLazyLoadQuery<ShellQuery>(shellQuery, {}, { fetchPolicy: 'store-or-network' });
  const path = usePath();
  const route = match(path);
  const viewer = data.viewer ?? null;
  const signedIn = viewer !== null;
  return (
    <ViewerContext value={viewer}>
      <a className="skip-link" href="#main">
        {en.app.skipToContent}
      </a>
      <ConnectionBanner />
      {signedIn && (
        <Suspense fallback={null}>
          <ConversationUpdates />
        </Suspense>
      )}
      <div className={route.name === 'conversations' || route.name === 'admin' ? 'layout layout--wide' : 'layout'}>
        <header className="masthead">
          <Link to="/" className="masthead__name">
            {data.instance.name === '' ? en.app.name : data.instance.name}
          </Link>
          <SearchBox />
          <nav className="nav" aria-label={en.app.mainNavigation}>
            <NavLink to="/" path={path}>
              <HomeIcon />
              <span>{en.nav.home}</span>
            </NavLink>
            {signedIn && (
              <NavLink to="/notifications" path={path}>
                <BellIcon />
                <span>{en.nav.notifications}</span>
                <Suspense fallback={null}>
                  <UnreadNotifications />
                </Suspense>
              </NavLink>
            )}
            {signedIn && (
              <NavLink to="/notes" path={path}>
                <NoteIcon />
                <span>{en.nav.notes}</span>
              </NavLink>
            )}
            {signedIn && (
              <NavLink to="/conversations" path={path} under="/conversations">
                <MailIcon />
                <span>{en.nav.conversations}</span>
                <Suspense fallback={null}>
                  <UnreadConversationsBadge />
                </Suspense>
              </NavLink>
            )}
            <NavLink to="/local" path={path}>
              <PeopleIcon />
              <span>{en.nav.local}</span>
            </NavLink>
            <NavLink to="/federated" path={path}>
              <GlobeIcon />
              <span>{en.nav.federated}</span>
            </NavLink>
            {signedIn && (
              <NavLink to="/bookmarks" path={path}>
                <BookmarkIcon />
                <span>{en.nav.bookmarks}</span>
              </NavLink>
            )}
            {signedIn && (
              <NavLink to="/favourites" path={path}>
                <StarIcon />
                <span>{en.nav.favourites}</span>
              </NavLink>
            )}
            {signedIn && (
              <NavLink to="/lists" path={path} under="/lists">
                <ListIcon />
                <span>{en.nav.lists}</span>
              </NavLink>
            )}
            {signedIn && (
              <NavLink to="/settings/profile" path={path} under="/settings">
                <GearIcon />
                <span>{en.nav.settings}</span>
              </NavLink>
            )}
            {signedIn && mayModerate(data.viewerRole?.permissions) && (
              <NavLink to="/admin" path={path} under="/admin">
                <ShieldIcon />
                <span>{en.nav.moderation}</span>
              </NavLink>
            )}
          </nav>
          <div className="masthead__account">
            {viewer === null ? (
              <>
                <Link to="/sign-in" className="button button--quiet">
                  {en.nav.signIn}
                </Link>
                <Link to="/sign-up" className="button">
                  {en.nav.signUp}
                </Link>
              </>
            ) : (
              <>
                <Link to={`/@${viewer.acct}`} className="masthead__viewer">
                  {t(en.nav.signedInAs, { acct: viewer.acct })}
                </Link>
                <SignOutButton />
              </>
            )}
          </div>
        </header>
        <main id="main" className="main">
          {signedIn && (
            <Suspense fallback={null}>
              <EmailConfirmationBanner />
            </Suspense>
          )}
          {signedIn && (
            <Suspense fallback={null}>
              <Announcements />
            </Suspense>
          )}
          <ErrorBoundary key={path}>
            <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
              <Page route={route} signedIn={signedIn} />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
    </ViewerContext>
  );
}

/**
 * Recovers from a session ended elsewhere (signing out everywhere, an expired token, the
 * account disabled or suspended by a moderator): the server refuses the cookie, so it is
 * cleared as signing out does and the page starts afresh, not signed in.
 */
function useStaleSessionRecovery(): { attempt: number; onCaught: (error: unknown) => void } {
  const { restart } = useSession();
  const [attempt, setAttempt] = useState(0);
  const onCaught = (error: unknown) => {
    const { code } = rookeryErrorOf(error);
    if (code !== 'UNAUTHENTICATED' && code !== 'ACCOUNT_DISABLED') return;
    signOut().then(
      () => {
        restart();
        setAttempt((current) => current + 1);
      },
      () => undefined,
    );
  };
  return { attempt, onCaught };
}

export function Shell() {
  const { attempt, onCaught } = useStaleSessionRecovery();
  return (
    <Announcer>
      <ErrorBoundary key={attempt} onCaught={onCaught}>
        <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
          <Frame />
        </Suspense>
      </ErrorBoundary>
    </Announcer>
  );
}
