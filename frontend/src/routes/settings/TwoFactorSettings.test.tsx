// Two-factor sign-in in Settings: setting up asks the password, shows the QR code and the setup
// key grouped for typing, and turns on with a first code; the recovery codes show once. When on,
// the codes left are counted, and new codes or turning off take the password and a code. Refusals
// show at the field they are about.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en, t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { RookeryError } from '../../relay/errors';
import { render, typeInto, type Rendered } from '../../testing/render';
import TwoFactorSettings, { groupedSecret, qrImageSource, twoFactorFailure } from './TwoFactorSettings';

const text = settingsText.twoFactor;

const recoveryCodes = ['abcde-fghjk', 'bcdef-ghjkm', 'cdefg-hjkmn', 'defgh-jkmnp', 'efghj-kmnpq', 'fghjk-mnpqr', 'ghjkm-npqrs', 'hjkmn-pqrst', 'jkmnp-qrstu', 'kmnpq-rstuv'];
const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 21 21"><path d="M0,0h1v1h-1z"/></svg>';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  vi.unstubAllGlobals();
});

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

type Answers = Record<string, (variables: Record<string, unknown>) => unknown>;

async function settle(): Promise<void> {
  await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
}

async function renderPage(twoFactor: { totp: boolean; recoveryCodesLeft: number }, answers: Answers = {}) {
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    const answer = operation.name === 'TwoFactorSettingsQuery' ? () => ({ data: { twoFactor } }) : answers[operation.name];
    if (answer === undefined) return Promise.reject(new Error(`unexpected ${operation.name}`));
    return Promise.resolve(answer(variables)) as ReturnType<FetchFunction>;
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <Suspense fallback="…">
      <TwoFactorSettings />
    </Suspense>,
  );
  await settle();
  return { sent, container: rendered.container };
}

function field(container: HTMLElement, label: string): HTMLInputElement {
  const found = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
  const control = found?.htmlFor ? document.getElementById(found.htmlFor) : null;
  if (!(control instanceof HTMLInputElement)) throw new Error(`no field labelled ${label}`);
  return control;
}

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === label);
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

function state(container: HTMLElement): string | null | undefined {
  return container.querySelector('.two-factor__state')?.textContent;
}

async function submit(container: HTMLElement, label: string) {
  await act(async () => {
    container.querySelector<HTMLFormElement>(`form[aria-label="${label}"]`)?.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function alertBeside(input: HTMLInputElement): Element | null | undefined {
  return input.parentElement?.querySelector('[role="alert"]');
}

const refusal = (code: string, message = 'refused') => () => ({ data: null, errors: [{ message, extensions: { code } }] });

describe('twoFactorFailure', () => {
  it('puts a wrong password and a wrong code at their fields, the rest above the buttons', () => {
    expect(twoFactorFailure(new RookeryError('INVALID_CREDENTIALS'))).toEqual({ place: 'password', message: text.wrongPassword });
    expect(twoFactorFailure(new RookeryError('INVALID_TWO_FACTOR_CODE'))).toEqual({ place: 'code', message: text.wrongCode });
    expect(twoFactorFailure(new RookeryError('VALIDATION', 'input.code', 'a code is 6 digits'))).toEqual({ place: 'code', message: 'a code is 6 digits' });
    expect(twoFactorFailure(new RookeryError('VALIDATION', undefined, 'it is on already'))).toEqual({ place: 'form', message: 'it is on already' });
    expect(twoFactorFailure(new RookeryError('RATE_LIMITED'))).toEqual({ place: 'form', message: en.errors.RATE_LIMITED });
  });
});

describe('groupedSecret and qrImageSource', () => {
  it('groups the setup key by four, and makes the SVG an image address', () => {
    expect(groupedSecret('MSI6MZIERN3EOBLJ6KIYWNCZ3URTS5VI')).toBe('MSI6 MZIE RN3E OBLJ 6KIY WNCZ 3URT S5VI');
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    const source = qrImageSource(svg);
    expect(source.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(atob(source.slice('data:image/svg+xml;base64,'.length))).toBe(svg);
  });
});

describe('TwoFactorSettings', () => {
  it('sets up: the password, then the QR code and key, then a first code; the recovery codes show once', async () => {
    const copied: string[] = [];
    vi.stubGlobal('navigator', { clipboard: { writeText: (value: string) => (copied.push(value), Promise.resolve()) } });
    let tries = 0;
    const { sent, container } = await renderPage(
      { totp: false, recoveryCodesLeft: 0 },
      {
        TwoFactorSettingsBeginMutation: (variables) =>
          (variables.input as { password: string }).password === 'my password'
            ? { data: { beginTotpSetup: { secret: 'MSI6MZIERN3EOBLJ6KIYWNCZ3URTS5VI', uri: 'otpauth://totp/x?secret=MSI6', qrSvg: svg } } }
            : refusal('INVALID_CREDENTIALS')(),
        TwoFactorSettingsEnableMutation: () =>
          (tries += 1) === 1 ? refusal('INVALID_TWO_FACTOR_CODE')() : { data: { enableTotp: { recoveryCodes } } },
      },
    );
    expect(state(container)).toBe(text.off);
    act(() => button(container, text.setUp).click());
    const password = field(container, text.password);
    expect(document.activeElement).toBe(password);
    expect(password.autocomplete).toBe('current-password');

    typeInto(password, 'wrong');
    await submit(container, text.setUp);
    expect(alertBeside(field(container, text.password))?.textContent).toBe(text.wrongPassword);
    expect(field(container, text.password).getAttribute('aria-invalid')).toBe('true');

    typeInto(field(container, text.password), 'my password');
    await submit(container, text.setUp);
    expect(sent.filter((item) => item.name === 'TwoFactorSettingsBeginMutation').map((item) => item.variables.input)).toEqual([
      { password: 'wrong' },
      { password: 'my password' },
    ]);
    expect(document.activeElement?.textContent).toBe(text.scanTitle);
    const image = container.querySelector('img');
    expect(image?.getAttribute('alt')).toBe(text.qrAlt);
    expect(image?.getAttribute('src')).toBe(qrImageSource(svg));
    expect(field(container, text.secret).value).toBe('MSI6 MZIE RN3E OBLJ 6KIY WNCZ 3URT S5VI');
    expect(field(container, text.secret).readOnly).toBe(true);
    expect(container.querySelector('a')?.getAttribute('href')).toBe('otpauth://totp/x?secret=MSI6');
    const code = field(container, text.code);
    expect(code.autocomplete).toBe('one-time-code');
    expect(code.inputMode).toBe('numeric');

    // A wrong code is refused at its field, and cleared to type the next.
    typeInto(code, '111 111');
    await submit(container, text.enable);
    expect(alertBeside(field(container, text.code))?.textContent).toBe(text.wrongCode);
    expect(field(container, text.code).value).toBe('');
    expect(document.activeElement).toBe(field(container, text.code));

    typeInto(field(container, text.code), '123 456');
    await submit(container, text.enable);
    expect(sent.filter((item) => item.name === 'TwoFactorSettingsEnableMutation').map((item) => item.variables.input)).toEqual([
      { code: '111111' },
      { code: '123456' },
    ]);

    // The codes, this once, to copy.
    const region = container.querySelector('section.secret');
    expect(region?.querySelector('h2')?.textContent).toBe(text.recoveryTitle);
    expect(document.activeElement).toBe(region?.querySelector('h2'));
    expect([...(region?.querySelectorAll('li') ?? [])].map((item) => item.textContent)).toEqual(recoveryCodes);
    expect(region?.textContent).toContain(text.recoveryWarning);
    expect(state(container)).toBe(`${text.on} ${t(text.codesLeft, { count: 10 })}`);
    await act(async () => {
      button(container, text.copyCodes).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(copied).toEqual([recoveryCodes.join('\n')]);
    expect(region?.textContent).toContain(settingsText.secret.copied);

    act(() => button(container, text.saved).click());
    expect(container.querySelector('section.secret')).toBeNull();
    expect(container.textContent).not.toContain(recoveryCodes[0]);
    expect(state(container)).toBe('Two-factor sign-in is on. 10 recovery codes left.');
    expect(button(container, text.newCodes)).toBeDefined();
    expect(button(container, text.turnOff)).toBeDefined();
  });

  it('goes back to "Set up" on Cancel', async () => {
    const { container } = await renderPage({ totp: false, recoveryCodesLeft: 0 });
    act(() => button(container, text.setUp).click());
    act(() => button(container, text.cancel).click());
    expect(container.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(button(container, text.setUp));
  });

  it('counts the recovery codes left, and makes new ones with the password and a code', async () => {
    const { sent, container } = await renderPage(
      { totp: true, recoveryCodesLeft: 1 },
      {
        TwoFactorSettingsRegenerateMutation: (variables) =>
          (variables.input as { code: string }).code === 'abcde-fghjk'
            ? { data: { regenerateRecoveryCodes: { recoveryCodes } } }
            : refusal('INVALID_TWO_FACTOR_CODE')(),
      },
    );
    expect(state(container)).toBe('Two-factor sign-in is on. 1 recovery code left.');
    expect(container.querySelector('form')).toBeNull();
    act(() => button(container, text.newCodes).click());
    expect(button(container, text.newCodes).getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(field(container, text.password));
    const code = field(container, text.checkCode);
    // A recovery code is not all digits: the keyboard stays a text one.
    expect(code.inputMode).toBe('');
    expect(code.autocomplete).toBe('one-time-code');

    typeInto(field(container, text.password), 'my password');
    typeInto(code, '000000');
    await submit(container, text.newCodes);
    expect(alertBeside(field(container, text.checkCode))?.textContent).toBe(text.wrongCode);
    expect(field(container, text.checkCode).getAttribute('aria-invalid')).toBe('true');
    expect(field(container, text.password).getAttribute('aria-invalid')).toBe('false');

    typeInto(field(container, text.checkCode), 'abcde-fghjk');
    await submit(container, text.newCodes);
    expect(sent.at(-1)?.variables.input).toEqual({ password: 'my password', code: 'abcde-fghjk' });
    expect([...container.querySelectorAll('.recovery-codes li')].map((item) => item.textContent)).toEqual(recoveryCodes);
    act(() => button(container, text.saved).click());
    expect(state(container)).toBe('Two-factor sign-in is on. 10 recovery codes left.');
  });

  it('turns off with the password and a code', async () => {
    const { sent, container } = await renderPage(
      { totp: true, recoveryCodesLeft: 10 },
      {
        TwoFactorSettingsDisableMutation: (variables) =>
          (variables.input as { password: string }).password === 'my password' ? { data: { disableTotp: { disabled: true } } } : refusal('INVALID_CREDENTIALS')(),
      },
    );
    act(() => button(container, text.turnOff).click());
    typeInto(field(container, text.password), 'wrong');
    typeInto(field(container, text.checkCode), '123456');
    await submit(container, text.turnOff);
    expect(alertBeside(field(container, text.password))?.textContent).toBe(text.wrongPassword);

    typeInto(field(container, text.password), 'my password');
    await submit(container, text.turnOff);
    expect(sent.at(-1)?.variables.input).toEqual({ password: 'my password', code: '123456' });
    expect(state(container)).toBe(text.off);
    expect(button(container, text.setUp)).toBeDefined();
    expect(container.querySelector('form')).toBeNull();
  });

  it('closes a form with Cancel, back to its button', async () => {
    const { container } = await renderPage({ totp: true, recoveryCodesLeft: 10 });
    act(() => button(container, text.turnOff).click());
    expect(container.querySelector(`form[aria-label="${text.turnOff}"]`)).not.toBeNull();
    act(() => button(container, text.cancel).click());
    expect(container.querySelector('form')).toBeNull();
    expect(document.activeElement).toBe(button(container, text.turnOff));
  });
});
