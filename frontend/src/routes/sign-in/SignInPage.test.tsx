// Signing in, refused for a disabled or suspended account: "See why and appeal" signs in to the
// strikes alone with the same credentials, shows them with their appeals over requests that carry
// that token and no cookie, and "Done" signs it out and brings the form back.
import { act } from 'react';
import { Environment, Network, RecordSource, Store } from 'relay-runtime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { settingsText } from '../../i18n/settingsText';
import { render, typeInto, type Rendered } from '../../testing/render';
import SignInPage from './SignInPage';

interface Request {
  url: string;
  credentials: RequestCredentials | undefined;
  headers: Record<string, string>;
  body: { query?: string; variables?: Record<string, unknown>; username?: string; password?: string };
}

let rendered: Rendered | undefined;
let requests: Request[] = [];

const text = pageText.signIn;
const strikesText = settingsText.strikes;

const strike = {
  id: 'strike-1',
  action: 'SUSPEND',
  reason: 'Spam, again and again.',
  createdAt: '2026-12-01T10:00:00Z',
  statuses: [],
  appealableUntil: '2026-12-21T10:00:00Z',
  appeal: null,
};

const decided = {
  ...strike,
  id: 'strike-0',
  action: 'WARN',
  reason: 'Rude replies.',
  appealableUntil: null,
  appeal: {
    id: 'appeal-0',
    text: 'I apologised.',
    state: 'REJECTED',
    createdAt: '2026-11-02T10:00:00Z',
    decidedAt: '2026-11-03T10:00:00Z',
    rejectionReason: 'Not the first time.',
  },
};

function json(body: unknown, status = 200): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { status }));
}

/** The server: refuses the session, gives the appeal token, answers what the token may ask. */
function answer(request: Request): Promise<Response> {
  if (request.url === '/auth/session') {
    return json({ code: 'ACCOUNT_DISABLED', message: 'account disabled' }, 403);
  }
  const query = request.body.query ?? '';
  if (query.includes('loginToAppeal')) return json({ data: { loginToAppeal: { token: 'appeal-token', standing: 'SUSPENDED' } } });
  if (query.includes('appealStrike')) {
    const input = request.body.variables?.input as { strikeId: string; text: string };
    return json({
      data: {
        appealStrike: {
          strike: {
            id: input.strikeId,
            appealableUntil: null,
            appeal: { id: 'appeal-1', text: input.text, state: 'PENDING', createdAt: '2026-12-07T10:00:00Z', decidedAt: null, rejectionReason: '' },
          },
        },
      },
    });
  }
  if (query.includes('logout')) return json({ data: { logout: { revokedTokens: 1 } } });
  if (query.includes('strikes')) return json({ data: { strikes: [strike, decided] } });
  return json({ data: null, errors: [{ message: 'not for this token', extensions: { code: 'FORBIDDEN' } }] });
}

beforeEach(() => {
  window.scrollTo = () => undefined;
  requests = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    const request = {
      url,
      credentials: init.credentials,
      headers: init.headers as Record<string, string>,
      body: JSON.parse(String(init.body)) as Request['body'],
    };
    requests.push(request);
    return answer(request);
  });
});

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  vi.unstubAllGlobals();
});

/** Lets requests, and the panel's chunk, finish until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !done(); attempt += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
  expect(done()).toBe(true);
}

function field(container: HTMLElement, label: string): HTMLInputElement | HTMLTextAreaElement {
  const labelElement = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
  const control = labelElement?.htmlFor ? document.getElementById(labelElement.htmlFor) : null;
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) throw new Error(`no field labelled ${label}`);
  return control;
}

function button(container: HTMLElement, label: string): HTMLButtonElement | undefined {
  return [...container.querySelectorAll('button')].find((element) => element.textContent === label);
}

function click(element: HTMLElement | undefined) {
  if (element === undefined) throw new Error('nothing to click');
  act(() => element.click());
}

/** Signs in (as a suspended person, unless `fetch` says otherwise) and is refused. */
async function refused(): Promise<HTMLElement> {
  // The page's own environment is never asked for anything.
  const environment = new Environment({
    network: Network.create(() => Promise.reject(new Error('not the page’s environment'))),
    store: new Store(new RecordSource()),
  });
  rendered = render(environment, <SignInPage />);
  const { container } = rendered;
  typeInto(field(container, text.username), ' gull ');
  typeInto(field(container, text.password), 'correct horse');
  click(container.querySelector<HTMLButtonElement>('button[type="submit"]') ?? undefined);
  await until(() => container.querySelector('.form-error') !== null);
  return container;
}

describe('SignInPage', () => {
  it('offers a refused, disabled account to see why and appeal', async () => {
    const container = await refused();
    expect(container.querySelector('.form-error')?.textContent).toBe(en.errors.ACCOUNT_DISABLED);
    expect(button(container, text.appeal)).toBeDefined();
    expect(requests.map((request) => request.url)).toEqual(['/auth/session']);
  });

  it('offers nothing more for other refusals', async () => {
    vi.stubGlobal('fetch', () => json({ code: 'INVALID_CREDENTIALS', message: 'no' }, 401));
    const container = await refused();
    expect(container.querySelector('.form-error')?.textContent).toBe(en.errors.INVALID_CREDENTIALS);
    expect(button(container, text.appeal)).toBeUndefined();
  });

  it('shows the strikes over the appeal token, sends an appeal, and signs the token out with Done', async () => {
    const container = await refused();
    click(button(container, text.appeal));
    await until(() => container.querySelector('li.strike') !== null);

    // Signed in to appeal with the same credentials, anonymously.
    const login = requests.find((request) => request.body.query?.includes('loginToAppeal'));
    expect(login?.url).toBe('/graphql');
    expect(login?.credentials).toBe('omit');
    expect(login?.headers.Authorization).toBeUndefined();
    expect(login?.body.variables).toEqual({ input: { username: 'gull', password: 'correct horse' } });

    // The panel: the standing, the strikes with their reasons, the appeal already decided.
    expect(container.querySelector('h1')?.textContent).toBe(strikesText.title);
    expect(container.querySelector('form')).toBeNull();
    expect(container.textContent).toContain(text.SUSPENDED);
    const items = [...container.querySelectorAll('li.strike')];
    expect(items[0]?.textContent).toContain('Spam, again and again.');
    expect(items[1]?.textContent).toContain(strikesText.appealRejected);
    expect(items[1]?.textContent).toContain('Not the first time.');

    // Appeals the open strike.
    click(button(container, strikesText.appeal));
    const form = container.querySelector('form');
    const textarea = form?.querySelector('textarea');
    if (form === null || form === undefined || textarea === null || textarea === undefined) throw new Error('no appeal form');
    typeInto(textarea, 'It was not spam.');
    act(() => {
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await until(() => container.querySelector('form') === null);
    expect(items[0]?.textContent).toContain(strikesText.appealPending);

    // Done: the token is signed out and the sign-in form is back.
    click(button(container, text.done));
    await until(() => container.querySelector('form') !== null);
    expect(container.querySelector('h1')?.textContent).toBe(text.title);
    expect(button(container, text.appeal)).toBeUndefined();

    // Every request after the sign-in carried the token, never the cookie, and asked only
    // for what the token reaches.
    const withToken = requests.filter((request) => request.url === '/graphql' && request !== login);
    expect(withToken.map((request) => /^\s*(?:query|mutation) (\w+)/.exec(request.body.query ?? '')?.[1])).toEqual([
      'StrikesSettingsQuery',
      'StrikeAppealMutation',
      'AppealPanelLogoutMutation',
    ]);
    for (const request of withToken) {
      expect(request.headers.Authorization).toBe('Bearer appeal-token');
      expect(request.credentials).toBe('omit');
    }
    expect(withToken[1]?.body.variables).toEqual({ input: { strikeId: 'strike-1', text: 'It was not spam.' } });
  });

  it('shows a refusal of the appeal sign-in under the form', async () => {
    const container = await refused();
    vi.stubGlobal('fetch', () => json({ data: null, errors: [{ message: 'Log in instead.', extensions: { code: 'VALIDATION' } }] }));
    click(button(container, text.appeal));
    await until(() => container.querySelector('.form-error')?.textContent === 'Log in instead.');
    expect(container.querySelector('form')).not.toBeNull();
    expect(button(container, text.appeal)).toBeUndefined();
  });
});
