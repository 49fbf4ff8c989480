// A new token's secret shows once, with its warning and a copy button, and is gone for good
// once dismissed; revoking asks first.
import { act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmButton } from '../../components/ConfirmButton';
import { en, t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { render, typeInto, type Rendered } from '../../testing/render';
import { CreateToken } from './TokensSettings';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  vi.unstubAllGlobals();
});

function button(container: HTMLElement, text: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === text);
  if (found === undefined) throw new Error(`no button ${text}`);
  return found;
}

describe('CreateToken', () => {
  it('shows the secret once, to copy, then never again', async () => {
    const sent: Record<string, unknown>[] = [];
    const network: FetchFunction = (_operation, variables) => {
      sent.push(variables);
      return Promise.resolve({
        data: {
          createAccessToken: {
            accessToken: {
              id: 'token-1',
              name: 'Backup script',
              scopes: ['READ', 'WRITE'],
              createdAt: '2026-05-01T12:00:00Z',
              lastUsedAt: null,
              expiresAt: null,
            },
            secret: 'rkt_secret_value',
          },
        },
      });
    };
    const copied: string[] = [];
    vi.stubGlobal('navigator', { clipboard: { writeText: (text: string) => (copied.push(text), Promise.resolve()) } });
    const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
    rendered = render(environment, <CreateToken />);
    const { container } = rendered;
    const name = container.querySelector('input:not([type])');
    typeInto(name as HTMLInputElement, 'Backup script');
    const write = [...container.querySelectorAll('label')].find((label) => label.textContent === settingsText.tokens.WRITE);
    act(() => write?.querySelector('input')?.click());
    await act(async () => {
      button(container, settingsText.tokens.create).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

    expect(sent).toEqual([{ name: 'Backup script', scopes: ['READ', 'WRITE'] }]);
    const secret = container.querySelector<HTMLInputElement>('.secret__value');
    expect(secret?.value).toBe('rkt_secret_value');
    expect(secret?.readOnly).toBe(true);
    expect(document.activeElement).toBe(secret);
    expect(container.textContent).toContain(settingsText.secret.warning);
    expect(container.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe(
      t(settingsText.tokens.secretLabel, { name: 'Backup script' }),
    );
    await act(async () => {
      button(container, settingsText.secret.copy).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(copied).toEqual(['rkt_secret_value']);
    expect(container.textContent).toContain(settingsText.secret.copied);

    act(() => button(container, settingsText.secret.done).click());
    expect(container.textContent).not.toContain('rkt_secret_value');
    expect(container.querySelector('.secret')).toBeNull();
    expect(button(container, settingsText.tokens.create)).toBeDefined();
  });
});

describe('ConfirmButton', () => {
  it('acts only on the second, named press, and can be called off', () => {
    const onConfirm = vi.fn();
    const environment = new Environment({ network: Network.create(() => Promise.reject(new Error())), store: new Store(new RecordSource()) });
    rendered = render(
      environment,
      <ConfirmButton label="Revoke" question="Revoke the token CI?" confirmLabel="Revoke CI" onConfirm={onConfirm} />,
    );
    const { container } = rendered;
    act(() => button(container, 'Revoke').click());
    expect(onConfirm).not.toHaveBeenCalled();
    expect(container.textContent).toContain('Revoke the token CI?');
    expect(document.activeElement?.textContent).toBe('Revoke CI');
    act(() => button(container, en.confirm.cancel).click());
    expect(container.textContent).not.toContain('Revoke the token CI?');
    expect(document.activeElement?.textContent).toBe('Revoke');
    act(() => button(container, 'Revoke').click());
    act(() => button(container, 'Revoke CI').click());
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});
