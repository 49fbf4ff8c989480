// Resetting the password with the mail's link: the token of the address sent with the new
// password, the two new ones compared first, success leading to sign-in, and a wrong, used or
// expired link said to be so with the way to ask for another.
import { act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { pageText } from '../../i18n/pageText';
import { RookeryError } from '../../relay/errors';
import { render, typeInto, type Rendered } from '../../testing/render';
import ResetPasswordPage, { resetPasswordFailure } from './ResetPasswordPage';

const text = pageText.resetPassword;

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  window.history.replaceState(null, '', '/');
});

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

function renderAt(path: string, answer: () => unknown): { sent: Sent[]; container: HTMLElement } {
  window.history.replaceState(null, '', path);
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    return Promise.resolve(answer()) as ReturnType<FetchFunction>;
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(environment, <ResetPasswordPage />);
  return { sent, container: rendered.container };
}

function field(container: HTMLElement, label: string): HTMLInputElement {
  const found = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
  const control = document.getElementById(found?.htmlFor ?? '');
  if (!(control instanceof HTMLInputElement)) throw new Error(`no field labelled ${label}`);
  return control;
}

async function fillAndSubmit(container: HTMLElement, next: string, repeat: string) {
  typeInto(field(container, text.new), next);
  typeInto(field(container, text.repeat), repeat);
  await act(async () => {
    container.querySelector('form')?.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('resetPasswordFailure', () => {
  it('takes a refused token for a link that is not valid, and a refused password for its field', () => {
    expect(resetPasswordFailure(new RookeryError('VALIDATION', 'token', 'expired'))).toEqual({ place: 'token', message: text.invalidLink });
    expect(resetPasswordFailure(new RookeryError('VALIDATION', 'input.token', 'used'))).toEqual({ place: 'token', message: text.invalidLink });
    expect(resetPasswordFailure(new RookeryError('VALIDATION', 'newPassword', 'too short'))).toEqual({ place: 'new', message: 'too short' });
    expect(resetPasswordFailure(new RookeryError('RATE_LIMITED')).place).toBe('form');
  });
});

describe('ResetPasswordPage', () => {
  it('sends the token of the address with the new password, then leads to sign-in', async () => {
    const { sent, container } = renderAt('/reset-password?token=abc-123_X', () => ({
      data: { resetPassword: { account: { id: 'account-1' } } },
    }));
    await fillAndSubmit(container, 'new password 1', 'new password 1');
    expect(sent).toEqual([
      { name: 'ResetPasswordPageResetMutation', variables: { input: { token: 'abc-123_X', newPassword: 'new password 1' } } },
    ]);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.done);
    expect(container.querySelector('a[href="/sign-in"]')?.textContent).toBe(text.signIn);
    expect(container.querySelector('form')).toBeNull();
  });

  it('sends nothing while the two passwords differ', async () => {
    const { sent, container } = renderAt('/reset-password?token=abc', () => ({ data: null }));
    await fillAndSubmit(container, 'new password 1', 'new password 2');
    expect(sent).toHaveLength(0);
    const repeat = field(container, text.repeat);
    expect(repeat.parentElement?.querySelector('[role="alert"]')?.textContent).toBe(text.mismatch);
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
  });

  it('says a refused token is a link not valid or expired, and links to asking again', async () => {
    const { container } = renderAt('/reset-password?token=used', () => ({
      data: null,
      errors: [{ message: 'the token is not valid', extensions: { code: 'VALIDATION', field: 'token' } }],
    }));
    await fillAndSubmit(container, 'new password 1', 'new password 1');
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(text.invalidLink);
    expect(container.querySelector('a[href="/forgot-password"]')?.textContent).toBe(text.askAgain);
    expect(container.querySelector('form')).toBeNull();
  });

  it('shows the server’s refusal of the password at its field', async () => {
    const { container } = renderAt('/reset-password?token=abc', () => ({
      data: null,
      errors: [{ message: 'the password needs at least 8 characters', extensions: { code: 'VALIDATION', field: 'newPassword' } }],
    }));
    await fillAndSubmit(container, 'short', 'short');
    const next = field(container, text.new);
    expect(next.parentElement?.querySelector('[role="alert"]')?.textContent).toBe('the password needs at least 8 characters');
    expect(next.getAttribute('aria-invalid')).toBe('true');
  });

  it('without a token, offers to ask for a link', () => {
    const { container } = renderAt('/reset-password', () => ({ data: null }));
    expect(container.querySelector('form')).toBeNull();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(text.noToken);
    expect(container.querySelector('a[href="/forgot-password"]')).not.toBeNull();
  });
});
