// One server's page: every figure (zeros for a server nothing is known of) and the software it
// runs once read, its block changed
// with the blocks' own form, and the allowlist's button turning into its opposite.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminFederationText, adminServersText } from '../../../i18n/adminFederationText';
import { t } from '../../../i18n/en';
import { absoluteTime } from '../../../lib/time';
import { render, type Rendered } from '../../../testing/render';
import FederationSection from './FederationSection';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const text = adminServersText.server;
const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === label);
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

const nothingKnown = {
  domain: 'nowhere.example',
  accounts: 0,
  statuses: 0,
  following: 0,
  followers: 0,
  failedDeliveries: 0,
  deliveryFailureDays: 0,
  unavailable: false,
  lastSeenAt: null,
  software: null,
  allowed: false,
  block: null,
};

const block = {
  domain: 'loud.example',
  severity: 'LIMIT',
  rejectMedia: true,
  rejectReports: false,
  obfuscate: false,
  privateComment: 'Too many replies',
  publicComment: '',
  createdAt: '2026-12-01T10:00:00Z',
};

function renderServer(server: Record<string, unknown>, answer: FetchFunction, allows: { id: string; domain: string }[] = []) {
  const sent: { name: string; variables: Record<string, unknown> }[] = [];
  const network: FetchFunction = (operation, variables, ...rest) => {
    if (operation.name === 'ServerPageQuery') return Promise.resolve({ data: { knownServer: server, domainAllows: allows } });
    sent.push({ name: operation.name, variables });
    return answer(operation, variables, ...rest);
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <Suspense fallback="…">
      <FederationSection id={String(server.domain)} permissions={['MANAGE_FEDERATION']} />
    </Suspense>,
  );
  return { sent, container: rendered.container };
}

const figures = (container: HTMLElement) =>
  [...container.querySelectorAll('table.server-figures tbody tr')].map((row) => [
    row.querySelector('th')?.textContent,
    row.querySelector('td')?.textContent,
  ]);

describe('ServerPage', () => {
  it('shows every figure of a server nothing is known of, a link back, and allows it', async () => {
    const { sent, container } = renderServer(nothingKnown, () =>
      Promise.resolve({
        data: { addDomainAllow: { domainAllow: { id: 'a1', domain: 'nowhere.example', createdAt: '2026-12-07T12:00:00Z' } } },
      }),
    );
    await settle();
    expect(container.querySelector('h1')?.textContent).toBe('nowhere.example');
    expect(container.querySelector('a')?.getAttribute('href')).toBe('/admin/federation');
    expect(figures(container)).toEqual([
      [text.accounts, '0'],
      [text.statuses, '0'],
      [text.following, '0'],
      [text.followers, '0'],
      [text.failedDeliveries, '0'],
      [text.deliveryFailureDays, '0'],
      [text.unavailable, text.no],
      [text.lastSeen, text.never],
      [text.software, text.softwareNotRead],
    ]);
    expect(container.textContent).toContain(text.notBlocked);
    expect(container.textContent).toContain(text.notAllowed);

    const allow = button(container, text.allow);
    await act(async () => {
      allow.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent).toEqual([{ name: 'ServerPageAllowMutation', variables: { input: { domain: 'nowhere.example' } } }]);
    expect(container.textContent).toContain(text.isAllowed);
    expect(document.activeElement).toBe(button(container, text.disallow));
  });

  it('names the software a server runs and when it was read', async () => {
    const { container } = renderServer(
      { ...nothingKnown, software: { name: 'mastodon', version: '4.3.0', fetchedAt: '2026-12-07T09:00:00Z' } },
      () => Promise.reject(new Error('nothing is sent')),
    );
    await settle();
    expect(figures(container).at(-1)).toEqual([
      text.software,
      `mastodon 4.3.0 · ${t(text.softwareRead, { when: absoluteTime('2026-12-07T09:00:00Z') })}`,
    ]);
    const read = container.querySelectorAll('table.server-figures time');
    expect([...read].map((time) => time.getAttribute('dateTime'))).toEqual(['2026-12-07T09:00:00Z']);
  });

  it('removes an allowed server from the allowlist by its entry', async () => {
    const { sent, container } = renderServer(
      { ...nothingKnown, domain: 'friends.example', allowed: true, lastSeenAt: '2026-12-06T08:00:00Z' },
      () => Promise.resolve({ data: { removeDomainAllow: { removedId: 'a7' } } }),
      [{ id: 'a7', domain: 'friends.example' }],
    );
    await settle();
    expect(container.querySelector('table.server-figures time')?.getAttribute('dateTime')).toBe('2026-12-06T08:00:00Z');
    await act(async () => {
      button(container, text.disallow).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent).toEqual([{ name: 'ServerPageDisallowMutation', variables: { input: { id: 'a7' } } }]);
    expect(container.textContent).toContain(text.notAllowed);
  });

  it('shows the block and changes it with the blocks’ form', async () => {
    const { sent, container } = renderServer(
      { ...nothingKnown, domain: 'loud.example', accounts: 4, failedDeliveries: 3, deliveryFailureDays: 2, unavailable: true, block },
      () =>
        Promise.resolve({
          data: {
            setDomainBlock: {
              domainBlock: { ...block, severity: 'SUSPEND', accountsCount: 4 },
            },
          },
        }),
    );
    await settle();
    expect(figures(container).slice(4, 7)).toEqual([
      [text.failedDeliveries, '3'],
      [text.deliveryFailureDays, '2'],
      [text.unavailable, text.yes],
    ]);
    const shown = () => [...container.querySelectorAll('dl.server-block dd')].map((item) => item.textContent);
    expect(shown().slice(0, 5)).toEqual([adminFederationText.severities.LIMIT, text.yes, text.no, 'Too many replies', text.noComment]);

    act(() => button(container, text.editBlock).click());
    const select = container.querySelector('select') as HTMLSelectElement;
    expect(document.activeElement).toBe(select);
    act(() => {
      select.value = 'SUSPEND';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => {
      button(container, adminFederationText.domainBlocks.save).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent[0]?.name).toBe('DomainBlocksPageSetMutation');
    expect(sent[0]?.variables.input).toMatchObject({ domain: 'loud.example', severity: 'SUSPEND', rejectMedia: true });
    expect(container.querySelector('select')).toBeNull();
    expect(shown()[0]).toBe(adminFederationText.severities.SUSPEND);
    expect(document.activeElement).toBe(button(container, text.editBlock));
  });

  it('blocks a server not blocked yet, its domain filled in', async () => {
    const { sent, container } = renderServer(nothingKnown, () =>
      Promise.resolve({
        data: { setDomainBlock: { domainBlock: { ...block, domain: 'nowhere.example', severity: 'SUSPEND', accountsCount: 0 } } },
      }),
    );
    await settle();
    act(() => button(container, text.block).click());
    const domain = container.querySelector<HTMLInputElement>('form input:not([type])');
    expect(domain?.value).toBe('nowhere.example');
    await act(async () => {
      button(container, adminFederationText.domainBlocks.save).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent[0]?.variables.input).toMatchObject({ domain: 'nowhere.example', severity: 'SUSPEND' });
    expect(container.textContent).not.toContain(text.notBlocked);
    expect(button(container, text.editBlock)).toBeTruthy();
  });
});
