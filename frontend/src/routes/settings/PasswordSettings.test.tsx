// Changing the password: the two new ones compared before anything is sent, the choice to keep
// the other sessions sent as given, how many sessions were signed out said, a wrong current
// password and a refused new one shown at their fields.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { en, t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { RookeryError } from '../../relay/errors';
import { render, typeInto, type Rendered } from '../../testing/render';
import PasswordSettings, { changePasswordFailure } from './PasswordSettings';

const text = settingsText.password;

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

async function renderPage(answer: () => unknown): Promise<{ sent: Sent[]; container: HTMLElement }> {
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    return Promise.resolve(answer()) as ReturnType<FetchFunction>;
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <Suspense fallback="…">
      <PasswordSettings />
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

async function fillAndSubmit(container: HTMLElement, values: { current: string; next: string; repeat: string; keep?: boolean }) {
  typeInto(field(container, text.current), values.current);
  typeInto(field(container, text.new), values.next);
  typeInto(field(container, text.repeat), values.repeat);
  if (values.keep === true) act(() => field(container, text.keepOthers).click());
  await act(async () => {
    container.querySelector<HTMLFormElement>('form')?.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function alertBeside(input: HTMLInputElement): Element | null | undefined {
  return input.parentElement?.querySelector('[role="alert"]');
}

describe('changePasswordFailure', () => {
  it('puts a wrong current password and a refused new one at their fields, the rest above the button', () => {
    expect(changePasswordFailure(new RookeryError('INVALID_CREDENTIALS'))).toEqual({ place: 'current', message: text.wrongCurrent });
    expect(changePasswordFailure(new RookeryError('VALIDATION', 'newPassword', 'too short'))).toEqual({ place: 'new', message: 'too short' });
    expect(changePasswordFailure(new RookeryError('VALIDATION', 'input.newPassword', 'too short'))).toEqual({
      place: 'new',
      message: 'too short',
    });
    expect(changePasswordFailure(new RookeryError('RATE_LIMITED'))).toEqual({ place: 'form', message: en.errors.RATE_LIMITED });
  });
});

describe('PasswordSettings', () => {
  it('leaves the keep-sessions box unchecked, sends the change and says how many sessions were signed out', async () => {
    const { sent, container } = await renderPage(() => ({ data: { changePassword: { revokedTokens: 3 } } }));
    expect(field(container, text.keepOthers).checked).toBe(false);
    await fillAndSubmit(container, { current: 'old password', next: 'new password 1', repeat: 'new password 1' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.name).toBe('PasswordSettingsChangeMutation');
    expect(sent[0]?.variables.input).toEqual({ currentPassword: 'old password', newPassword: 'new password 1', keepOtherSessions: false });
    expect(container.querySelector('[role="status"]')?.textContent).toBe(t(text.changed, { count: 3 }));
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Your password is changed. 3 other sessions were signed out.');
    expect(field(container, text.current).value).toBe('');
    expect(field(container, text.new).value).toBe('');
  });

  it('sends the choice to keep the other sessions', async () => {
    const { sent, container } = await renderPage(() => ({ data: { changePassword: { revokedTokens: 0 } } }));
    await fillAndSubmit(container, { current: 'old password', next: 'new password 1', repeat: 'new password 1', keep: true });
    expect(sent[0]?.variables.input).toMatchObject({ keepOtherSessions: true });
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Your password is changed. No other session was signed out.');
  });

  it('sends nothing while the two new passwords differ, and says so at the repeated one', async () => {
    const { sent, container } = await renderPage(() => ({ data: { changePassword: { revokedTokens: 0 } } }));
    await fillAndSubmit(container, { current: 'old password', next: 'new password 1', repeat: 'new password 2' });
    expect(sent).toHaveLength(0);
    const repeat = field(container, text.repeat);
    expect(alertBeside(repeat)?.textContent).toBe(text.mismatch);
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
    expect(repeat.getAttribute('aria-describedby')).toBe(alertBeside(repeat)?.id);
  });

  it('shows a wrong current password at its field', async () => {
    const { container } = await renderPage(() => ({
      data: null,
      errors: [{ message: 'invalid credentials', extensions: { code: 'INVALID_CREDENTIALS' } }],
    }));
    await fillAndSubmit(container, { current: 'wrong', next: 'new password 1', repeat: 'new password 1' });
    const current = field(container, text.current);
    expect(alertBeside(current)?.textContent).toBe(text.wrongCurrent);
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[role="status"]')).toBeNull();
  });

  it('shows the server’s refusal of the new password at its field', async () => {
    const { container } = await renderPage(() => ({
      data: null,
      errors: [{ message: 'the password needs at least 8 characters', extensions: { code: 'VALIDATION', field: 'newPassword' } }],
    }));
    await fillAndSubmit(container, { current: 'old password', next: 'short', repeat: 'short' });
    const next = field(container, text.new);
    expect(alertBeside(next)?.textContent).toBe('the password needs at least 8 characters');
    expect(next.getAttribute('aria-invalid')).toBe('true');
    expect(next.getAttribute('aria-describedby')).toContain(alertBeside(next)?.id);
    expect(field(container, text.current).getAttribute('aria-invalid')).toBe('false');
  });
});
