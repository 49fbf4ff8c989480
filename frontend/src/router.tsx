// A small client-side router over the History API: the current path, links, navigation.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

/** The path shown, re-rendering when it changes. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

function currentSearch(): string {
  return window.location.search;
}

/** The query parameter `name` of the address shown, re-rendering when it changes. */
export function useSearchParam(name: string): string | null {
  const search = useSyncExternalStore(subscribe, currentSearch, () => '');
  return new URLSearchParams(search).get(name);
}

/** Goes to `path` within the client. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** The pages under `/settings`, in the order its navigation lists them. */
export const settingsSections = [
  'profile',
  'lists',
  'filters',
  'followed-tags',
  'muted',
  'blocked',
  'tokens',
  'webhooks',
  'email',
  'password',
  'two-factor',
  'sessions',
  'strikes',
] as const;

export type SettingsSection = (typeof settingsSections)[number];

function isSettingsSection(name: string): name is SettingsSection {
  return (settingsSections as readonly string[]).includes(name);
}

/**
 * The moderation pages under `/admin`, in the order their navigation lists them; each opens
 * only for a role with its permission (routes/admin/sections.ts).
 */
export const adminSections = [
  'dashboard',
  'reports',
  'appeals',
  'approvals',
  'invites',
  'accounts',
  'federation',
  'blocks',
  'announcements',
  'audit',
  'jobs',
  'roles',
  'rules',
  'settings',
] as const;

export type AdminSection = (typeof adminSections)[number];

function isAdminSection(name: string): name is AdminSection {
  return (adminSections as readonly string[]).includes(name);
}

/** A profile's pages: its posts (three ways), who follows it and whom it follows. */
export type ProfileSection = 'posts' | 'replies' | 'media' | 'followers' | 'following';

const profileSectionPaths: Record<ProfileSection, string> = {
  posts: '',
  replies: '/with_replies',
  media: '/media',
  followers: '/followers',
  following: '/following',
};

/** What a route path names. */
export type Route =
  | { name: 'home' }
  | { name: 'local' }
  | { name: 'federated' }
  | { name: 'signIn' }
  | { name: 'signUp' }
  /** Asking for a mail with a link to reset a forgotten password. */
  | { name: 'forgotPassword' }
  /** Setting a new password with the link of that mail (`?token=…`). */
  | { name: 'resetPassword' }
  /** Following the link mailed to confirm an email address (`?token=…`). */
  | { name: 'confirmEmail' }
  | { name: 'about' }
  | { name: 'notifications' }
  | { name: 'followRequests' }
  | { name: 'bookmarks' }
  | { name: 'favourites' }
  | { name: 'profile'; handle: string; section: ProfileSection }
  | { name: 'notes' }
  | { name: 'status'; handle: string; statusId: string }
  | { name: 'setup'; token: string }
  | { name: 'settings'; section: SettingsSection }
  | { name: 'lists' }
  | { name: 'list'; id: string }
  | { name: 'conversations'; conversationId: string | null }
  | { name: 'search' }
  | { name: 'tag'; tag: string }
  /** `section` null: `/admin`, the first section the viewer may open; `id` one item of it. */
  | { name: 'admin'; section: AdminSection | null; id: string | null }
  | { name: 'notFound' };

/**
 * The route for `path`: `/@user` and `/@user@domain` are profiles (`/@user/followers` and
 * the like their other pages), `/@user/<uuid>` (the path a status's server gives it) a
 * status with its thread; `/setup/<token>` is the first-run setup link the server prints;
 * `/settings` opens its first page, the profile; `/lists/<id>` is a list's timeline;
 * `/conversations/<id>` opens one conversation beside the list; `/tags/<name>` is a hashtag;
 * `/admin` opens the moderation pages, `/admin/<section>` one of them and
 * `/admin/<section>/<id>` one report, account or other item of it.
 */
export function match(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  switch (clean) {
    case '/':
      return { name: 'home' };
    case '/local':
      return { name: 'local' };
    case '/federated':
      return { name: 'federated' };
    case '/sign-in':
      return { name: 'signIn' };
    case '/sign-up':
      return { name: 'signUp' };
    case '/forgot-password':
      return { name: 'forgotPassword' };
    case '/reset-password':
      return { name: 'resetPassword' };
    case '/confirm-email':
      return { name: 'confirmEmail' };
    case '/about':
      return { name: 'about' };
    case '/notifications':
      return { name: 'notifications' };
    case '/follow-requests':
      return { name: 'followRequests' };
    case '/notes':
      return { name: 'notes' };
    case '/bookmarks':
      return { name: 'bookmarks' };
    case '/favourites':
      return { name: 'favourites' };
    case '/settings':
      return { name: 'settings', section: 'profile' };
    case '/lists':
      return { name: 'lists' };
    case '/conversations':
      return { name: 'conversations', conversationId: null };
    case '/search':
      return { name: 'search' };
    case '/admin':
      return { name: 'admin', section: null, id: null };
  }
  const admin = /^\/admin\/([a-z-]+)(?:\/([^/]+))?$/.exec(clean);
  if (admin?.[1] !== undefined && isAdminSection(admin[1])) {
    return { name: 'admin', section: admin[1], id: admin[2] === undefined ? null : decodeURIComponent(admin[2]) };
  }
  const settings = /^\/settings\/([a-z-]+)$/.exec(clean);
  if (settings?.[1] !== undefined && isSettingsSection(settings[1])) return { name: 'settings', section: settings[1] };
  const list = /^\/lists\/([A-Za-z0-9_-]+)$/.exec(clean);
  if (list?.[1] !== undefined) return { name: 'list', id: list[1] };
  const profile = /^\/@([A-Za-z0-9_.-]+(?:@[^/@\s]+)?)(\/[a-z_]+)?$/.exec(clean);
  if (profile?.[1] !== undefined) {
    const tail = profile[2] ?? '';
    const section = (Object.keys(profileSectionPaths) as ProfileSection[]).find((name) => profileSectionPaths[name] === tail);
    if (section !== undefined) return { name: 'profile', handle: decodeURIComponent(profile[1]), section };
  }
  const status = /^\/@([A-Za-z0-9_.-]+(?:@[^/@\s]+)?)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(clean);
  if (status?.[1] !== undefined && status[2] !== undefined) {
    return { name: 'status', handle: decodeURIComponent(status[1]), statusId: statusGlobalId(status[2].toLowerCase()) };
  }
  // Setup tokens are URL-safe base64, needing no decoding.
  const setup = /^\/setup\/([A-Za-z0-9_-]+)$/.exec(clean);
  if (setup?.[1] !== undefined) return { name: 'setup', token: setup[1] };
  const conversation = /^\/conversations\/([^/]+)$/.exec(clean);
  if (conversation?.[1] !== undefined) return { name: 'conversations', conversationId: decodeURIComponent(conversation[1]) };
  // Not `.rss` or `.atom`: the server answers those with the hashtag's feed.
  const tag = /^\/tags\/([^/.]+)$/.exec(clean);
  if (tag?.[1] !== undefined) return { name: 'tag', tag: decodeURIComponent(tag[1]) };
  return { name: 'notFound' };
}

/** The client's path for a moderation page, or one item of it (a report, an account). */
export function adminPath(section: AdminSection, id: string | null = null): string {
  return id === null ? `/admin/${section}` : `/admin/${section}/${encodeURIComponent(id)}`;
}

/** The client's path for a list's timeline. */
export function listPath(id: string): string {
  return `/lists/${id}`;
}

/** The client's path for an account's profile, or another of its pages. */
export function profilePath(acct: string, section: ProfileSection = 'posts'): string {
  return `/@${acct}${profileSectionPaths[section]}`;
}

/** The client's path for a conversation. */
export function conversationPath(id: string): string {
  return `/conversations/${encodeURIComponent(id)}`;
}

/** The client's path for a hashtag's timeline (`name` without `#`). */
export function tagPath(name: string): string {
  return `/tags/${encodeURIComponent(name.replace(/^#/, ''))}`;
}

/** The client's path for the search results for `query`. */
export function searchPath(query: string): string {
  return `/search?q=${encodeURIComponent(query)}`;
}

const STATUS_KIND = 'Status:';

/** The Relay global id of the status whose uuid is `uuid`: base64url("Status:<uuid>"), unpadded. */
export function statusGlobalId(uuid: string): string {
  return btoa(`${STATUS_KIND}${uuid}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The uuid in a status's global id, or null when `id` is none. */
function statusUuid(id: string): string | null {
  try {
    const text = atob(id.replaceAll('-', '+').replaceAll('_', '/'));
    return text.startsWith(STATUS_KIND) ? text.slice(STATUS_KIND.length) : null;
  } catch {
    return null;
  }
}

/**
 * The client's path for a status, as its server writes it (`/@user/<uuid>`); the author's
 * profile when `id` is no status's id.
 */
export function statusPath(acct: string, id: string): string {
  const uuid = statusUuid(id);
  return uuid === null ? profilePath(acct) : `${profilePath(acct)}/${uuid}`;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** A real link that navigates within the client on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
