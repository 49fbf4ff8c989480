// The viewer's email address in Settings: the address and whether it is confirmed, a new one
// waiting with the way to send its link again, the change sent with the password and the new
// address then shown waiting, and a wrong password, a taken or refused address shown at their
// fields.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { en, t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { RookeryError } from '../../relay/errors';
import { render, typeInto, type Rendered } from '../../testing/render';
import EmailSettings, { changeEmailFailure } from './EmailSettings';

const text = settingsText.email;

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

type Address = { email: string; confirmed: boolean; pending: string | null };

async function renderPage(address: Address, answer: () => unknown = () => ({ data: null })): Promise<{ sent: Sent[]; container: HTMLElement }> {
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    if (operation.name === 'EmailSettingsQuery') return Promise.resolve({ data: { emailAddress: address } });
    return Promise.resolve(answer()) as ReturnType<FetchFunction>;
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <Suspense fallback="…">
      <EmailSettings />
    </Suspense>,
  );
  await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
  return { sent, container: rendered.container };
}

function field(container: HTMLElement, label: string): HTMLInputElement {
  const found = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
  const control = found?.htmlFor ? document.getElementById(found.htmlFor) : found?.querySelector('input');
  if (!(control instanceof HTMLInputElement)) throw new Error(`no field labelled ${label}`);
  return control;
}

/** The address list as `term: description` lines. */
function shown(container: HTMLElement): string[] {
  return [...container.querySelectorAll('dt')].map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`);
}

async function fillAndSubmit(container: HTMLElement, values: { email: string; password: string }) {
  typeInto(field(container, text.newAddress), values.email);
  typeInto(field(container, text.password), values.password);
  await act(async () => {
    container.querySelector<HTMLFormElement>('form')?.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function alertBeside(input: HTMLInputElement): Element | null | undefined {
  return input.parentElement?.querySelector('[role="alert"]');
}

const resendButton = (container: HTMLElement) =>
  [...container.querySelectorAll('button')].find((button) => button.textContent === settingsText.emailConfirmation.resend);

describe('changeEmailFailure', () => {
  it('puts a wrong password and a taken or refused address at their fields, the rest above the button', () => {
    expect(changeEmailFailure(new RookeryError('INVALID_CREDENTIALS'))).toEqual({ place: 'password', message: text.wrongPassword });
    expect(changeEmailFailure(new RookeryError('EMAIL_TAKEN'))).toEqual({ place: 'email', message: en.errors.EMAIL_TAKEN });
    expect(changeEmailFailure(new RookeryError('VALIDATION', 'input.email', 'this is your address already'))).toEqual({
      place: 'email',
      message: 'this is your address already',
    });
    expect(changeEmailFailure(new RookeryError('RATE_LIMITED'))).toEqual({ place: 'form', message: en.errors.RATE_LIMITED });
  });
});

describe('EmailSettings', () => {
  it('shows a confirmed address, with no link to send again', async () => {
    const { container } = await renderPage({ email: 'alice@example.com', confirmed: true, pending: null });
    expect(container.querySelector('h1')?.textContent).toBe(text.title);
    expect(shown(container)).toEqual([`${text.current}: alice@example.com ${text.confirmed}`]);
    expect(resendButton(container)).toBeUndefined();
  });

  it('says an address is not confirmed, what waits for it, and sends its link again', async () => {
    const { sent, container } = await renderPage({ email: 'alice@example.com', confirmed: false, pending: null }, () => ({
      data: { resendEmailConfirmation: { email: 'alice@example.com' } },
    }));
    expect(shown(container)).toEqual([`${text.current}: alice@example.com ${text.notConfirmed}`]);
    expect(container.textContent).toContain(text.notConfirmedHint);
    await act(async () => {
      resendButton(container)?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent.at(-1)?.name).toBe('ResendConfirmationMutation');
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Sent to alice@example.com.');
  });

  it('shows a new address waiting for its link, with the way to send it again', async () => {
    const { container } = await renderPage({ email: 'alice@example.com', confirmed: true, pending: 'alice@new.example' });
    expect(shown(container)).toEqual([
      `${text.current}: alice@example.com ${text.confirmed}`,
      `${text.pending}: alice@new.example ${text.pendingHint}`,
    ]);
    expect(container.textContent).toContain('waiting for you to follow the link sent there');
    expect(resendButton(container)).not.toBeUndefined();
  });

  it('sends the new address with the password, then shows it waiting', async () => {
    const { sent, container } = await renderPage({ email: 'alice@example.com', confirmed: true, pending: null }, () => ({
      data: { changeEmail: { pending: 'alice@new.example' } },
    }));
    await fillAndSubmit(container, { email: ' alice@new.example ', password: 'my password' });
    expect(sent.at(-1)).toEqual({
      name: 'EmailSettingsChangeMutation',
      variables: { input: { email: 'alice@new.example', password: 'my password' } },
    });
    expect(container.querySelector('[role="status"]')?.textContent).toBe(t(text.changed, { email: 'alice@new.example' }));
    expect(shown(container)).toContain(`${text.pending}: alice@new.example ${text.pendingHint}`);
    expect(resendButton(container)).not.toBeUndefined();
    expect(field(container, text.newAddress).value).toBe('');
    expect(field(container, text.password).value).toBe('');
  });

  it('shows a wrong password at its field', async () => {
    const { container } = await renderPage({ email: 'alice@example.com', confirmed: true, pending: null }, () => ({
      data: null,
      errors: [{ message: 'invalid credentials', extensions: { code: 'INVALID_CREDENTIALS' } }],
    }));
    await fillAndSubmit(container, { email: 'alice@new.example', password: 'wrong' });
    const password = field(container, text.password);
    expect(alertBeside(password)?.textContent).toBe(text.wrongPassword);
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(alertBeside(password)?.id);
    expect(container.querySelector('[role="status"]')).toBeNull();
  });

  it('shows a taken or refused address at its field', async () => {
    const { container } = await renderPage({ email: 'alice@example.com', confirmed: true, pending: null }, () => ({
      data: null,
      errors: [{ message: 'taken', extensions: { code: 'EMAIL_TAKEN' } }],
    }));
    await fillAndSubmit(container, { email: 'bob@example.com', password: 'my password' });
    const email = field(container, text.newAddress);
    expect(alertBeside(email)?.textContent).toBe('That email address is already in use.');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(field(container, text.password).getAttribute('aria-invalid')).toBe('false');
  });
});
