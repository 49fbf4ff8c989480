// The known servers: a row each with its figures and a link to its page, badges for a block, the
// allowlist and failed deliveries, and the search box asking for the domains containing it.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminFederationText, adminServersText } from '../../../i18n/adminFederationText';
import { t } from '../../../i18n/en';
import { render, typeInto, type Rendered } from '../../../testing/render';
import { KnownServers, serverBadges } from './KnownServers';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const text = adminServersText.known;
const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

function server(domain: string, extra: Record<string, unknown> = {}) {
  return {
    domain,
    accounts: 0,
    statuses: 0,
    following: 0,
    followers: 0,
    unavailable: false,
    allowed: false,
    block: null,
    ...extra,
  };
}

const servers = [
  server('big.example', { accounts: 120, statuses: 4000, following: 30, followers: 12, allowed: true }),
  server('spam.example', { accounts: 7, statuses: 90, block: { severity: 'SUSPEND' } }),
  server('gone.example', { accounts: 2, unavailable: true }),
];

describe('serverBadges', () => {
  it('names the block with its severity, the allowlist and a server given up on', () => {
    expect(serverBadges({ allowed: false, unavailable: false, block: null })).toEqual([]);
    expect(serverBadges({ allowed: true, unavailable: true, block: { severity: 'LIMIT' } })).toEqual([
      t(text.blocked, { severity: adminFederationText.severities.LIMIT }),
      text.allowed,
      text.unavailable,
    ]);
  });
});

describe('KnownServers', () => {
  it('lists the servers with their figures, badges and links, and searches by domain', async () => {
    const asked: unknown[] = [];
    const network: FetchFunction = (_operation, variables) => {
      asked.push(variables.query);
      const query = typeof variables.query === 'string' ? variables.query : '';
      return Promise.resolve({ data: { knownServers: servers.filter((item) => item.domain.includes(query)) } });
    };
    const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
    rendered = render(
      environment,
      <Suspense fallback="…">
        <KnownServers />
      </Suspense>,
    );
    await settle();
    const { container } = rendered;
    expect(asked).toEqual([null]);
    expect(container.querySelector('table.known-servers caption')?.textContent).toBe(text.list);
    const rows = () =>
      [...container.querySelectorAll('table.known-servers tbody tr')].map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
      );
    expect(rows()).toEqual([
      ['big.example', '120', '4000', '30', '12', text.allowed],
      ['spam.example', '7', '90', '0', '0', t(text.blocked, { severity: adminFederationText.severities.SUSPEND })],
      ['gone.example', '2', '0', '0', '0', text.unavailable],
    ]);
    const links = [...container.querySelectorAll('table.known-servers tbody th a')].map((link) => link.getAttribute('href'));
    expect(links).toEqual(['/admin/federation/big.example', '/admin/federation/spam.example', '/admin/federation/gone.example']);

    const search = container.querySelector('input[type="search"]') as HTMLInputElement;
    expect(search.labels?.[0]?.textContent).toBe(text.search);
    typeInto(search, ' SPAM ');
    await settle();
    await settle();
    expect(asked).toContain('spam');
    expect(rows().map((row) => row[0])).toEqual(['spam.example']);

    typeInto(search, 'nothing');
    await settle();
    await settle();
    expect(container.textContent).toContain(t(text.noMatch, { query: 'nothing' }));
  });
});
