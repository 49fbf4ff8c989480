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

/** Goes to `path` within the client. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** The pages under `/settings`. */
export type SettingsSection = 'profile' | 'sessions';

/** What a route path names. */
export type Route =
  | { name: 'home' }
  | { name: 'local' }
  | { name: 'federated' }
  | { name: 'signIn' }
  | { name: 'signUp' }
  | { name: 'notifications' }
  | { name: 'bookmarks' }
  | { name: 'favourites' }
  | { name: 'profile'; handle: string }
  | { name: 'status'; handle: string; statusId: string }
  | { name: 'setup'; token: string }
  | { name: 'settings'; section: SettingsSection }
  | { name: 'notFound' };

/**
 * The route for `path`: `/@user` and `/@user@domain` are profiles, `/@user/<uuid>` (the
 * path a status's server gives it) a status with its thread; `/setup/<token>` is the
 * first-run setup link the server prints; `/settings` opens its first page, the profile.
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
    case '/notifications':
      return { name: 'notifications' };
    case '/bookmarks':
      return { name: 'bookmarks' };
    case '/favourites':
      return { name: 'favourites' };
    case '/settings':
    case '/settings/profile':
      return { name: 'settings', section: 'profile' };
    case '/settings/sessions':
      return { name: 'settings', section: 'sessions' };
  }
  const profile = /^\/@([A-Za-z0-9_.-]+(?:@[^/@\s]+)?)$/.exec(clean);
  if (profile?.[1] !== undefined) return { name: 'profile', handle: decodeURIComponent(profile[1]) };
  const status = /^\/@([A-Za-z0-9_.-]+(?:@[^/@\s]+)?)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(clean);
  if (status?.[1] !== undefined && status[2] !== undefined) {
    return { name: 'status', handle: decodeURIComponent(status[1]), statusId: statusGlobalId(status[2].toLowerCase()) };
  }
  // Setup tokens are URL-safe base64, needing no decoding.
  const setup = /^\/setup\/([A-Za-z0-9_-]+)$/.exec(clean);
  if (setup?.[1] !== undefined) return { name: 'setup', token: setup[1] };
  return { name: 'notFound' };
}

/** The client's path for an account's profile. */
export function profilePath(acct: string): string {
  return `/@${acct}`;
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
