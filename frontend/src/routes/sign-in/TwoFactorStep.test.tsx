// Signing in to an account with two-factor sign-in: the password is answered with a challenge
// and no session; the second step sends it with a code of the app or a recovery code. A wrong
// code may be tried again; a challenge the server no longer knows, and "Back", return to the
// password step, keeping the username.
import { act } from 'react';
import { Environment, Network, RecordSource, Store } from 'relay-runtime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageText } from '../../i18n/pageText';
import { SessionContext } from '../../session';
import { render, typeInto, type Rendered } from '../../testing/render';
import SignInPage from './SignInPage';

interface Request {
  url: string;
  headers: Record<string, string>;
  body: { username?: string; password?: string; challenge?: string; code?: string };
}

let rendered: Rendered | undefined;
let requests: Request[] = [];
let restarted = 0;

const text = pageText.signIn;

function json(body: unknown, status = 200): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { status }));
}

/** The server: a challenge for the password; then 654321 and one recovery code sign in. */
function answer(request: Request): Promise<Response> {
  if (request.body.password !== undefined) return json({ twoFactorChallenge: 'ch_1' });
  if (request.body.challenge !== 'ch_1') return json({ code: 'UNAUTHENTICATED', message: 'invalid or expired' }, 401);
  if (request.body.code === '654321' || request.body.code === 'abcde-fghjk') return json({ accountId: 'a1', username: 'gull' });
  return json({ code: 'INVALID_TWO_FACTOR_CODE', message: 'the code is wrong' }, 401);
}

beforeEach(() => {
  window.scrollTo = () => undefined;
  window.history.replaceState(null, '', '/sign-in');
  requests = [];
  restarted = 0;
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    const request = { url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) as Request['body'] };
    requests.push(request);
    return answer(request);
  });
});

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  vi.unstubAllGlobals();
});

async function until(done: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !done(); attempt += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
  expect(done()).toBe(true);
}

function field(container: HTMLElement, label: string): HTMLInputElement | null {
  const labelElement = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
  const control = labelElement?.htmlFor ? document.getElementById(labelElement.htmlFor) : null;
  return control instanceof HTMLInputElement ? control : null;
}

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === label);
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

/** Renders the page with a session that counts its restarts, and sends the password. */
async function atCodeStep(): Promise<HTMLElement> {
  const environment = new Environment({
    network: Network.create(() => Promise.reject(new Error('no GraphQL here'))),
    store: new Store(new RecordSource()),
  });
  rendered = render(
    environment,
    <SessionContext value={{ restart: () => (restarted += 1) }}>
      <SignInPage />
    </SessionContext>,
  );
  const { container } = rendered;
  typeInto(field(container, text.username) as HTMLInputElement, ' gull ');
  typeInto(field(container, text.password) as HTMLInputElement, 'correct horse');
  act(() => button(container, text.submit).click());
  await until(() => field(container, text.code) !== null);
  return container;
}

describe('the two-factor step of signing in', () => {
  it('asks a code after the password, refuses a wrong one, and signs in with the right one', async () => {
    const container = await atCodeStep();
    expect(requests[0]?.body).toEqual({ username: 'gull', password: 'correct horse' });
    const code = field(container, text.code);
    expect(document.activeElement).toBe(code);
    expect(code?.autocomplete).toBe('one-time-code');
    expect(code?.type).toBe('text');
    expect(code?.getAttribute('inputmode')).toBeNull();
    expect(field(container, text.password)).toBeNull();
    expect(container.querySelector('h1')?.textContent).toBe(text.title);

    typeInto(code as HTMLInputElement, '111111');
    act(() => button(container, text.verify).click());
    await until(() => container.querySelector('[role="alert"]') !== null);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(text.wrongCode);
    expect(field(container, text.code)?.getAttribute('aria-invalid')).toBe('true');
    expect(field(container, text.code)?.value).toBe('');
    expect(restarted).toBe(0);

    typeInto(field(container, text.code) as HTMLInputElement, '654 321');
    act(() => button(container, text.verify).click());
    await until(() => restarted === 1);
    expect(requests.at(-1)?.url).toBe('/auth/session');
    expect(requests.at(-1)?.headers['X-Rookery-CSRF']).toBe('1');
    expect(requests.at(-1)?.body).toEqual({ challenge: 'ch_1', code: '654321' });
    expect(window.location.pathname).toBe('/');
  });

  it('takes a recovery code as typed', async () => {
    const container = await atCodeStep();
    typeInto(field(container, text.code) as HTMLInputElement, 'abcde-fghjk');
    act(() => button(container, text.verify).click());
    await until(() => restarted === 1);
    expect(requests.at(-1)?.body).toEqual({ challenge: 'ch_1', code: 'abcde-fghjk' });
  });

  it('goes back to the password step with a message when the challenge is void', async () => {
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      const request = { url, headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) as Request['body'] };
      requests.push(request);
      return request.body.password !== undefined ? json({ twoFactorChallenge: 'ch_1' }) : json({ code: 'UNAUTHENTICATED' }, 401);
    });
    const container = await atCodeStep();
    typeInto(field(container, text.code) as HTMLInputElement, '654321');
    act(() => button(container, text.verify).click());
    await until(() => field(container, text.password) !== null);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(text.challengeEnded);
    expect(field(container, text.username)?.value).toBe(' gull ');
    expect(field(container, text.password)?.value).toBe('');
    expect(document.activeElement).toBe(field(container, text.password));
    expect(field(container, text.code)).toBeNull();
    expect(restarted).toBe(0);
  });

  it('goes back to the password step with "Back"', async () => {
    const container = await atCodeStep();
    act(() => button(container, text.back).click());
    expect(field(container, text.code)).toBeNull();
    expect(field(container, text.username)?.value).toBe(' gull ');
    expect(document.activeElement).toBe(field(container, text.password));
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(requests).toHaveLength(1);
  });

  it('signs in at once an account without two-factor sign-in', async () => {
    vi.stubGlobal('fetch', () => json({ accountId: 'a1', username: 'gull' }));
    const environment = new Environment({ network: Network.create(() => Promise.reject(new Error())), store: new Store(new RecordSource()) });
      rendered = render(
      environment,
      <SessionContext value={{ restart: () => (restarted += 1) }}>
        <SignInPage />
      </SessionContext>,
    );
    const { container } = rendered;
    typeInto(field(container, text.username) as HTMLInputElement, 'gull');
    typeInto(field(container, text.password) as HTMLInputElement, 'correct horse');
    act(() => button(container, text.submit).click());
    await until(() => restarted === 1);
    expect(field(container, text.code)).toBeNull();
  });
});
