// Sign-up with an invite's link: the inviter named, the form open while registrations are
// closed, the code sent with register; refusals beside the email or for the whole form.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en, t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { RookeryError } from '../../relay/errors';
import { render, typeInto, type Rendered } from '../../testing/render';
import SignUpPage, { signUpFailure } from './SignUpPage';

let rendered: Rendered | undefined;

beforeEach(() => {
  window.scrollTo = () => undefined;
  vi.stubGlobal('fetch', () =>
    Promise.resolve(new Response(JSON.stringify({ accountId: '1', username: 'wren' }), { status: 200 })),
  );
});

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const text = pageText.signUp;

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

function instance(registrationMode: string) {
  return { name: 'Birds', description: '', registrationMode, rules: [] };
}

async function renderPage(path: string, answer: (operation: string) => unknown): Promise<{ sent: Sent[]; container: HTMLElement }> {
  window.history.replaceState(null, '', path);
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    return Promise.resolve(answer(operation.name)) as ReturnType<FetchFunction>;
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <Suspense fallback="…">
      <SignUpPage />
    </Suspense>,
  );
  await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
  return { sent, container: rendered.container };
}

function field(container: HTMLElement, label: string): HTMLInputElement {
  const found = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
  const control = found?.htmlFor ? document.getElementById(found.htmlFor) : null;
  if (!(control instanceof HTMLInputElement)) throw new Error(`no field labelled ${label}`);
  return control;
}

async function fillAndSubmit(container: HTMLElement): Promise<void> {
  typeInto(field(container, text.username), 'wren');
  typeInto(field(container, text.email), 'wren@mail.example');
  typeInto(field(container, text.password), 'correct horse battery');
  await act(async () => {
    container.querySelector<HTMLFormElement>('form')?.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('signUpFailure', () => {
  it('places the email’s and the invite’s refusals beside them, a blocked network above the button', () => {
    expect(signUpFailure(new RookeryError('VALIDATION', 'input.email', 'sign-ups from this email domain are refused'))).toEqual({
      place: 'email',
      message: 'sign-ups from this email domain are refused',
    });
    expect(signUpFailure(new RookeryError('VALIDATION', 'inviteCode', 'not valid'))).toEqual({ place: 'inviteCode', message: 'not valid' });
    expect(signUpFailure(new RookeryError('SIGN_UP_BLOCKED'))).toEqual({ place: 'form', message: en.errors.SIGN_UP_BLOCKED });
    expect(signUpFailure(new RookeryError('VALIDATION', 'username', 'taken'))).toEqual({ place: 'form', message: 'taken' });
  });
});

describe('SignUpPage', () => {
  it('asks nothing of invites without a code, and shows no form while registrations are closed', async () => {
    const { sent, container } = await renderPage('/sign-up', () => ({ data: { instance: instance('CLOSED') } }));
    expect(sent[0]?.variables).toEqual({ code: '', invited: false });
    expect(container.textContent).toContain(text.modeClosed);
    expect(container.querySelector('form')).toBeNull();
  });

  it('names the inviter, opens the form while closed and sends the code', async () => {
    const { sent, container } = await renderPage('/sign-up?invite=abc123', (operation) =>
      operation === 'SignUpPageQuery'
        ? { data: { invite: { valid: true, inviter: { id: 'a1', acct: 'owner' } }, instance: instance('CLOSED') } }
        : { data: { register: { pendingApproval: false, account: { id: 'a2' } } } },
    );
    expect(sent[0]?.variables).toEqual({ code: 'abc123', invited: true });
    expect(container.textContent).toContain(t(text.invitedBy, { acct: 'owner' }));
    expect(container.textContent).not.toContain(text.modeClosed);
    await fillAndSubmit(container);
    const register = sent.find((item) => item.name === 'SignUpPageRegisterMutation');
    expect(register?.variables.input).toMatchObject({ username: 'wren', email: 'wren@mail.example', inviteCode: 'abc123', reason: null });
  });

  it('says an invite is no longer valid, and keeps a closed server closed', async () => {
    const { container } = await renderPage('/sign-up?invite=old', () => ({
      data: { invite: { valid: false, inviter: null }, instance: instance('CLOSED') },
    }));
    expect(container.textContent).toContain(text.inviteInvalid);
    expect(container.querySelector('form')).toBeNull();
  });

  it('shows an email domain’s refusal beside the email field', async () => {
    const { container } = await renderPage('/sign-up', (operation) =>
      operation === 'SignUpPageQuery'
        ? { data: { instance: instance('OPEN') } }
        : { data: null, errors: [{ message: 'sign-ups from this email domain are refused', extensions: { code: 'VALIDATION', field: 'email' } }] },
    );
    await fillAndSubmit(container);
    const email = field(container, text.email);
    const alert = email.parentElement?.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('sign-ups from this email domain are refused');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe(alert?.id);
  });

  it('tells someone whose network is blocked, above the button', async () => {
    const { container } = await renderPage('/sign-up', (operation) =>
      operation === 'SignUpPageQuery'
        ? { data: { instance: instance('OPEN') } }
        : { data: null, errors: [{ message: 'blocked', extensions: { code: 'SIGN_UP_BLOCKED' } }] },
    );
    await fillAndSubmit(container);
    const alerts = [...container.querySelectorAll('[role="alert"]')].map((element) => element.textContent);
    expect(alerts).toEqual([en.errors.SIGN_UP_BLOCKED]);
    expect(field(container, text.email).getAttribute('aria-invalid')).toBe('false');
  });
});
