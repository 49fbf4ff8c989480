// The server's settings: sent together, and a refusal shown beside the field it names.
import { act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSettingsText } from '../../../i18n/adminSettingsText';
import { render, typeInto, type Rendered } from '../../../testing/render';
import { SettingsForm, parseLength, settingsErrorPlace } from './InstanceSettingsPage';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

const text = adminSettingsText.instanceSettings;
const settings = { name: 'Rookery', description: 'Birds.', registrationMode: 'OPEN' as const, maxStatusChars: 500 };

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
    expect(settingsErrorPlace('other')).toBe('form');
  });

  it('sends every setting and says when they are saved', async () => {
    const sent: Record<string, unknown>[] = [];
    const container = renderForm(
      { data: { updateInstance: { instance: { ...settings, name: 'Rookery Club', registrationMode: 'APPROVAL' } } } },
      sent,
    );
    typeInto(container.querySelector<HTMLInputElement>('input[name="name"]') as HTMLInputElement, 'Rookery Club');
    act(() => container.querySelector<HTMLInputElement>('input[value="APPROVAL"]')?.click());
    await save(container);
    expect(sent).toEqual([
      { input: { name: 'Rookery Club', description: 'Birds.', registrationMode: 'APPROVAL', maxStatusChars: 500 } },
    ]);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.saved);
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
