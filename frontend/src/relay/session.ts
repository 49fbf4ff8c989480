// Signing in and out: the server's session endpoint sets and clears an HttpOnly cookie.
import { RookeryError } from './errors';
import { CSRF_HEADER } from './environment';

export interface SignedIn {
  accountId: string;
  username: string;
}

async function failure(response: Response): Promise<RookeryError> {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    return new RookeryError(
      typeof body.code === 'string' ? body.code : 'INTERNAL',
      undefined,
      typeof body.message === 'string' ? body.message : undefined,
    );
  } catch {
    return new RookeryError(response.status === 429 ? 'RATE_LIMITED' : 'INTERNAL');
  }
}

/** The answer to a password of an account with two-factor sign-in: no cookie yet, a code asked for. */
export interface TwoFactorChallenge {
  twoFactorChallenge: string;
}

async function postSession<T>(body: object): Promise<T> {
  const response = await fetch('/auth/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...CSRF_HEADER },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** Signs in with a username (or email) and password, or answers with the challenge of a second step. */
export function signIn(username: string, password: string): Promise<SignedIn | TwoFactorChallenge> {
  return postSession({ username, password });
}

/**
 * The second step: the challenge and a code of the authenticator app or a recovery code. A wrong
 * code is INVALID_TWO_FACTOR_CODE; a void challenge UNAUTHENTICATED (the password again).
 */
export function completeSignIn(challenge: string, code: string): Promise<SignedIn> {
  return postSession({ challenge, code });
}

/** Ends this browser's session. */
export async function signOut(): Promise<void> {
  const response = await fetch('/auth/session', {
    method: 'DELETE',
    credentials: 'same-origin',
    headers: CSRF_HEADER,
  });
  if (!response.ok && response.status !== 401) throw await failure(response);
}
