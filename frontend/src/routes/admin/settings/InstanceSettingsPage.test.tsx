// The server's settings: sent together, the contact account named by its username, and a
// refusal shown beside the field it names.
import { act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSettingsText } from '../../../i18n/adminSettingsText';
import { t } from '../../../i18n/en';
import { render, typeInto, type Rendered } from '../../../testing/render';
import { SettingsForm, contactUsernameOf, parseLength, settingsErrorPlace } from './InstanceSettingsPage';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

const text = adminSettingsText.instanceSettings;
const settings = {
  name: 'Rookery',
  description: 'Birds.',
  registrationMode: 'OPEN' as const,
  maxStatusChars: 500,
  longDescription: 'All about birds.',
  contactEmail: 'admin@rookery.example',
  contactAccount: { id: 'a1', username: 'owner', acct: 'owner' },
  defaultLocale: 'en',
  ipRetentionDays: 90,
  requireEmailConfirmation: false,
  requireStaffTwoFactor: false,
};
const input = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`) as HTMLInputElement;
const hintOf = (field: HTMLElement) => field.parentElement?.querySelector('.hint')?.textContent ?? '';

function renderForm(answer: unknown, sent: Record<string, unknown>[]) {
  const network: FetchFunction = (_operation, variables) => {
    sent.push(variables);
    return Promise.resolve(answer as never);
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(environment, <SettingsForm settings={settings} />);
  return rendered.container;
}

async function save(container: HTMLElement) {
  await act(async () => {
    container.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('instance settings', () => {
  it('reads the status length typed, with or without separators', () => {
    expect(parseLength('1000')).toBe(1000);
    expect(parseLength(' 10,000 ')).toBe(10000);
    expect(parseLength('')).toBeNull();
    expect(parseLength('12.5')).toBeNull();
    expect(settingsErrorPlace('maxStatusChars')).toBe('maxStatusChars');
    expect(settingsErrorPlace('contactEmail')).toBe('contactEmail');
    expect(settingsErrorPlace('contactAccount')).toBe('contactUsername');
    expect(settingsErrorPlace('defaultLocale')).toBe('defaultLocale');
    expect(settingsErrorPlace('other')).toBe('form');
    expect(settingsErrorPlace(undefined)).toBe('form');
  });

  it('reads the contact username without a leading @ or spaces', () => {
    expect(contactUsernameOf(' @alice ')).toBe('alice');
    expect(contactUsernameOf('alice')).toBe('alice');
    expect(contactUsernameOf('  ')).toBe('');
  });

  it('starts from the settings as they are, the contact account by its username and handle', () => {
    renderForm({ data: null }, []);
    expect(input('longDescription').value).toBe('All about birds.');
    expect(input('contactEmail').value).toBe('admin@rookery.example');
    expect(input('contactEmail').type).toBe('email');
    expect(input('contactUsername').value).toBe('owner');
    expect(hintOf(input('contactUsername'))).toContain(t(text.contactNow, { handle: '@owner' }));
    expect(input('defaultLocale').value).toBe('en');
    for (const name of ['longDescription', 'contactEmail', 'contactUsername', 'defaultLocale']) {
      const field = input(name);
      expect(document.querySelector(`label[for="${field.id}"]`)?.textContent).not.toBe('');
    }
  });

  it('sends every setting and says when they are saved', async () => {
    const sent: Record<string, unknown>[] = [];
    const container = renderForm(
      {
        data: {
          updateInstance: {
            instance: {
              ...settings,
              name: 'Rookery Club',
              registrationMode: 'APPROVAL',
              longDescription: 'Birds.\n\nMore birds.',
              contactEmail: '',
              contactAccount: { id: 'a2', username: 'alice', acct: 'alice' },
              defaultLocale: 'pt-BR',
              ipRetentionDays: 30,
            },
          },
        },
      },
      sent,
    );
    typeInto(input('name'), 'Rookery Club');
    act(() => container.querySelector<HTMLInputElement>('input[value="APPROVAL"]')?.click());
    typeInto(input('longDescription'), 'Birds.\n\nMore birds.');
    typeInto(input('contactEmail'), ' ');
    typeInto(input('contactUsername'), '@alice');
    typeInto(input('defaultLocale'), 'pt-BR ');
    typeInto(input('ipRetentionDays'), '30');
    await save(container);
    expect(sent).toEqual([
      {
        input: {
          name: 'Rookery Club',
          description: 'Birds.',
          longDescription: 'Birds.\n\nMore birds.',
          contactEmail: '',
          contactUsername: 'alice',
          defaultLocale: 'pt-BR',
          registrationMode: 'APPROVAL',
          maxStatusChars: 500,
          ipRetentionDays: 30,
          requireEmailConfirmation: false,
          requireStaffTwoFactor: false,
        },
      },
    ]);
    expect(input('ipRetentionDays').value).toBe('30');
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.saved);
    expect(input('contactUsername').value).toBe('alice');
    expect(hintOf(input('contactUsername'))).toContain(t(text.contactNow, { handle: '@alice' }));
    expect(input('defaultLocale').value).toBe('pt-BR');
  });

  it('asks staff for a second factor when the box is checked, and shows a refusal at the box', async () => {
    const sent: Record<string, unknown>[] = [];
    const refused = { errors: [{ message: 'turn on two-factor sign-in for yourself first', extensions: { code: 'VALIDATION', field: 'requireStaffTwoFactor' } }] };
    const container = renderForm(refused, sent);
    const box = input('requireStaffTwoFactor');
    expect(box.checked).toBe(false);
    expect(box.parentElement?.textContent).toBe(text.requireStaffTwoFactor);
    act(() => box.click());
    await save(container);
    expect(sent[0]?.input).toMatchObject({ requireStaffTwoFactor: true });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    const described = (box.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
    expect(described.join(' ')).toContain('turn on two-factor sign-in for yourself first');
  });

  it('asks new accounts to confirm their address when the box is checked, and shows it as saved', async () => {
    const sent: Record<string, unknown>[] = [];
    const container = renderForm({ data: { updateInstance: { instance: { ...settings, requireEmailConfirmation: true } } } }, sent);
    const box = input('requireEmailConfirmation');
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe(false);
    expect(box.parentElement?.textContent).toBe(text.requireEmailConfirmation);
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toBe(text.requireEmailConfirmationHint);
    act(() => box.click());
    await save(container);
    expect(sent[0]?.input).toMatchObject({ requireEmailConfirmation: true });
    expect(input('requireEmailConfirmation').checked).toBe(true);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.saved);
  });

  it('says when no contact account is named, and clears it with an empty username', async () => {
    const sent: Record<string, unknown>[] = [];
    const container = renderForm(
      { data: { updateInstance: { instance: { ...settings, contactAccount: null } } } },
      sent,
    );
    typeInto(input('contactUsername'), '');
    await save(container);
    expect(sent[0]?.input).toMatchObject({ contactUsername: '' });
    expect(hintOf(input('contactUsername'))).toContain(text.contactNone);
  });

  it('shows a refused contact email beside its field', async () => {
    const container = renderForm(
      { data: null, errors: [{ message: 'Not an email address', extensions: { code: 'VALIDATION', field: 'contactEmail' } }] },
      [],
    );
    typeInto(input('contactEmail'), 'nobody');
    await save(container);
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('Not an email address');
    expect(input('contactEmail').parentElement?.contains(alert as Node)).toBe(true);
    expect(input('contactEmail').getAttribute('aria-invalid')).toBe('true');
    expect(input('contactEmail').getAttribute('aria-describedby')).toContain(alert?.id);
  });

  it('shows a refusal beside the field the server names', async () => {
    const sent: Record<string, unknown>[] = [];
    const container = renderForm(
      { data: null, errors: [{ message: '100 to 100000 characters', extensions: { code: 'VALIDATION', field: 'maxStatusChars' } }] },
      sent,
    );
    const length = container.querySelector<HTMLInputElement>('input[name="maxStatusChars"]') as HTMLInputElement;
    typeInto(length, '50');
    await save(container);
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('100 to 100000 characters');
    expect(length.parentElement?.contains(alert as Node)).toBe(true);
    expect(length.getAttribute('aria-invalid')).toBe('true');
    expect(length.getAttribute('aria-describedby')).toContain(alert?.id);
  });

  it('asks for a whole number before sending anything', async () => {
    const sent: Record<string, unknown>[] = [];
    const container = renderForm({ data: null }, sent);
    typeInto(container.querySelector<HTMLInputElement>('input[name="maxStatusChars"]') as HTMLInputElement, '');
    await save(container);
    expect(sent).toEqual([]);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(text.maxStatusCharsInvalid);
  });
});
