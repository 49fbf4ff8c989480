// The federation mode and the allowlist: switching to the allowlist is asked first and switching
// back is not; an allowed server goes into the list; a refusal of a domain shows beside it.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminServersText } from '../../../i18n/adminFederationText';
import { t } from '../../../i18n/en';
import { RookeryError } from '../../../relay/errors';
import { render, typeInto, type Rendered } from '../../../testing/render';
import { FederationMode, modeLabel } from './FederationMode';
import { allowDomain, allowFailure } from './allowlist';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const text = adminServersText.mode;
const allowText = adminServersText.allowlist;
const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === label);
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

function hasButton(container: HTMLElement, label: string): boolean {
  return [...container.querySelectorAll('button')].some((element) => element.textContent === label);
}

function radio(container: HTMLElement, label: string): HTMLInputElement {
  const found = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
  const input = found?.querySelector('input');
  if (input === null || input === undefined) throw new Error(`no radio ${label}`);
  return input;
}

const current = (container: HTMLElement) => container.querySelector('.federation-mode__current strong')?.textContent;

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

function renderPanel(answer: FetchFunction, allows: { id: string; domain: string; createdAt: string }[] = []) {
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables, ...rest) => {
    if (operation.name === 'FederationModeQuery') return Promise.resolve({ data: { federationMode: 'BLOCKLIST', domainAllows: allows } });
    sent.push({ name: operation.name, variables });
    return answer(operation, variables, ...rest);
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <Suspense fallback="…">
      <FederationMode />
    </Suspense>,
  );
  return { sent, container: rendered.container };
}

const setMode: FetchFunction = (_operation, variables) =>
  Promise.resolve({ data: { setFederationMode: { mode: (variables as { input: { mode: string } }).input.mode } } });

describe('allowFailure', () => {
  it('places a refusal of the domain beside it, anything else above the button', () => {
    expect(allowFailure(new RookeryError('VALIDATION', 'input.domain', 'already allowed'))).toEqual({
      place: 'domain',
      message: 'already allowed',
    });
    expect(allowFailure(new RookeryError('VALIDATION', 'domain', 'not a domain'))).toEqual({ place: 'domain', message: 'not a domain' });
    expect(allowFailure(new RookeryError('FORBIDDEN'))).toEqual({ place: 'form', message: allowText.forbidden });
    expect(allowFailure(new RookeryError('NOT_FOUND')).place).toBe('form');
  });

  it('sends a domain trimmed, in lower case, without its last dot', () => {
    expect(allowDomain('  Allowed.Example. ')).toBe('allowed.example');
  });
});

describe('modeLabel', () => {
  it('names both modes, and shows one it does not know as sent', () => {
    expect(modeLabel('BLOCKLIST')).toBe(text.BLOCKLIST);
    expect(modeLabel('ALLOWLIST')).toBe(text.ALLOWLIST);
    expect(modeLabel('SOMETHING')).toBe('SOMETHING');
  });
});

describe('FederationMode', () => {
  it('asks before federating only with the allowlist, and changes nothing when cancelled', async () => {
    const { sent, container } = renderPanel(setMode);
    await settle();
    expect(current(container)).toBe(text.BLOCKLIST);
    expect(radio(container, text.BLOCKLIST).checked).toBe(true);

    act(() => radio(container, text.ALLOWLIST).click());
    act(() => button(container, text.save).click());
    expect(sent).toEqual([]);
    const question = container.querySelector('[role="group"]');
    expect(question?.getAttribute('aria-label')).toBe(text.question);
    // Nothing is on the allowlist: the question says every server would be cut off.
    expect(question?.textContent).toContain(text.questionEmpty);
    expect(document.activeElement).toBe(button(container, text.confirm));

    act(() => button(container, text.cancel).click());
    expect(sent).toEqual([]);
    expect(hasButton(container, text.confirm)).toBe(false);
    expect(document.activeElement).toBe(button(container, text.save));
    expect(current(container)).toBe(text.BLOCKLIST);

    act(() => button(container, text.save).click());
    await act(async () => {
      button(container, text.confirm).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent).toEqual([{ name: 'FederationModeSetMutation', variables: { input: { mode: 'ALLOWLIST' } } }]);
    expect(current(container)).toBe(text.ALLOWLIST);
    expect(radio(container, text.ALLOWLIST).checked).toBe(true);
  });

  it('switches back to every server but those blocked without asking', async () => {
    const { sent, container } = renderPanel(setMode, [{ id: 'a1', domain: 'friends.example', createdAt: '2026-12-01T10:00:00Z' }]);
    await settle();
    act(() => radio(container, text.ALLOWLIST).click());
    act(() => button(container, text.save).click());
    // Someone is on the allowlist: no warning that none would be left.
    expect(container.querySelector('[role="group"]')?.textContent).not.toContain(text.questionEmpty);
    await act(async () => {
      button(container, text.confirm).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    act(() => radio(container, text.BLOCKLIST).click());
    await act(async () => {
      button(container, text.save).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent.map((item) => item.variables)).toEqual([{ input: { mode: 'ALLOWLIST' } }, { input: { mode: 'BLOCKLIST' } }]);
    expect(current(container)).toBe(text.BLOCKLIST);
  });

  it('says so when the mode chosen is the one in force', async () => {
    const { sent, container } = renderPanel(setMode);
    await settle();
    act(() => button(container, text.save).click());
    expect(sent).toEqual([]);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(text.unchanged);
  });

  it('allows a server, alphabetically in the list, and removes it after asking', async () => {
    const { sent, container } = renderPanel(
      (operation) =>
        operation.name === 'FederationModeAddAllowMutation'
          ? Promise.resolve({
              data: { addDomainAllow: { domainAllow: { id: 'a0', domain: 'allowed.example', createdAt: '2026-12-07T12:00:00Z' } } },
            })
          : Promise.resolve({ data: { removeDomainAllow: { removedId: 'a0' } } }),
      [{ id: 'a1', domain: 'friends.example', createdAt: '2026-12-01T10:00:00Z' }],
    );
    await settle();
    const form = container.querySelector(`form[aria-label="${allowText.addTitle}"]`) as HTMLElement;
    const domain = form.querySelector('input') as HTMLInputElement;
    typeInto(domain, ' Allowed.Example ');
    await act(async () => {
      button(form, allowText.add).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent[0]).toEqual({ name: 'FederationModeAddAllowMutation', variables: { input: { domain: 'allowed.example' } } });
    expect(domain.value).toBe('');
    const listed = () => [...container.querySelectorAll('table.domain-allows tbody th')].map((cell) => cell.textContent);
    expect(listed()).toEqual(['allowed.example', 'friends.example']);

    const row = container.querySelector('table.domain-allows tbody tr') as HTMLElement;
    act(() => button(row, allowText.remove).click());
    await act(async () => {
      button(row, t(allowText.removeConfirm, { domain: 'allowed.example' })).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent[1]).toEqual({ name: 'FederationModeRemoveAllowMutation', variables: { input: { id: 'a0' } } });
    expect(listed()).toEqual(['friends.example']);
  });

  it('shows the refusal of a domain beside the domain field', async () => {
    const { container } = renderPanel(() =>
      Promise.resolve({
        data: null,
        errors: [{ message: 'domain: already allowed', extensions: { code: 'VALIDATION', field: 'domain' } }],
      } as never),
    );
    await settle();
    expect(container.textContent).toContain(allowText.empty);
    const form = container.querySelector(`form[aria-label="${allowText.addTitle}"]`) as HTMLElement;
    const domain = form.querySelector('input') as HTMLInputElement;
    typeInto(domain, 'friends.example');
    await act(async () => {
      button(form, allowText.add).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const alert = domain.parentElement?.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('domain: already allowed');
    expect(domain.getAttribute('aria-invalid')).toBe('true');
    expect(domain.getAttribute('aria-describedby')).toContain(alert?.id);
  });
});
