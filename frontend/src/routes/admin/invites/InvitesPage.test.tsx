// Invites: the expiry chosen becomes a moment, the list shows each invite's uses, expiry and
// state with Revoke only for valid ones, and a new invite's link shows to copy.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSignUpsText } from '../../../i18n/adminSignUpsText';
import { t } from '../../../i18n/en';
import { render, type Rendered } from '../../../testing/render';
import { expiresAt, expiries } from '../expiry';
import InvitesPage, { usesLabel } from './InvitesPage';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const text = adminSignUpsText.invites;
const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

function invite(id: string, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'Invite',
    id,
    code: `code-${id}`,
    url: `https://birds.example/sign-up?invite=code-${id}`,
    maxUses: null,
    uses: 0,
    expiresAt: null,
    createdAt: '2026-12-01T10:00:00Z',
    valid: true,
    creator: { id: 'acct-1', acct: 'owner' },
    ...extra,
  };
}

function button(container: HTMLElement, label: string): HTMLButtonElement | undefined {
  return [...container.querySelectorAll('button')].find((element) => element.textContent === label);
}

function rows(container: HTMLElement): string[][] {
  return [...container.querySelectorAll('table.invites tbody tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''),
  );
}

describe('expiresAt', () => {
  it('turns each choice into the moment it ends, and never into null', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(expiries).toEqual(['never', '30m', '1h', '6h', '12h', '1d', '1w']);
    expect(expiresAt('never', now)).toBeNull();
    expect(expiresAt('30m', now)).toBe('2026-12-07T12:30:00.000Z');
    expect(expiresAt('1h', now)).toBe('2026-12-07T13:00:00.000Z');
    expect(expiresAt('6h', now)).toBe('2026-12-07T18:00:00.000Z');
    expect(expiresAt('12h', now)).toBe('2026-12-08T00:00:00.000Z');
    expect(expiresAt('1d', now)).toBe('2026-12-08T12:00:00.000Z');
    expect(expiresAt('1w', now)).toBe('2026-12-14T12:00:00.000Z');
  });
});

describe('usesLabel', () => {
  it('reads uses out of the limit, or of any number', () => {
    expect(usesLabel(3, 10)).toBe('3 of 10');
    expect(usesLabel(0, null)).toBe('0 of any number');
  });
});

describe('InvitesPage', () => {
  function renderPage(permissions: string[], answer: FetchFunction) {
    const sent: { name: string; variables: Record<string, unknown> }[] = [];
    const network: FetchFunction = (operation, variables, ...rest) => {
      sent.push({ name: operation.name, variables });
      return answer(operation, variables, ...rest);
    };
    const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
    rendered = render(
      environment,
      <Suspense fallback="…">
        <InvitesPage id={null} permissions={permissions} />
      </Suspense>,
    );
    return { sent, container: rendered.container };
  }

  const list = (nodes: unknown[], hasNextPage = false) =>
    Promise.resolve({
      data: {
        invites: {
          edges: nodes.map((node, index) => ({ cursor: `c${index}`, node })),
          pageInfo: { hasNextPage, endCursor: 'c9' },
        },
      },
    });

  it('lists the viewer’s invites with uses, expiry and state, Revoke only for valid ones', async () => {
    const { sent, container } = renderPage(['INVITE_USERS'], () =>
      list(
        [
          invite('1', { maxUses: 10, uses: 3, expiresAt: '2026-12-14T12:00:00Z' }),
          invite('2', { valid: false, uses: 1, maxUses: 1 }),
        ],
        true,
      ),
    );
    await settle();
    expect(sent[0]).toMatchObject({ name: 'InvitesPageQuery', variables: { all: false } });
    const shown = rows(container);
    expect(shown).toHaveLength(2);
    expect(shown[0]?.slice(0, 4)).toEqual(['code-1', '3 of 10', expect.stringContaining('2026') as string, text.valid]);
    expect(shown[1]?.slice(0, 4)).toEqual(['code-2', '1 of 1', text.never, text.invalid]);
    const links = container.querySelectorAll<HTMLAnchorElement>('table.invites tbody a');
    expect(links[0]?.getAttribute('href')).toBe('https://birds.example/sign-up?invite=code-1');
    const revokes = [...container.querySelectorAll('table.invites tbody tr')].map((row) =>
      [...row.querySelectorAll('button')].map((element) => element.textContent),
    );
    expect(revokes).toEqual([[text.revoke], []]);
    // No creators' column and no toggle without MANAGE_INVITES.
    expect(container.textContent).not.toContain(text.creator);
    expect(container.querySelector('input[type="checkbox"]')).toBeNull();
    expect(button(container, text.loadMore)).toBeDefined();
  });

  it('switches to everyone’s invites, with their creators, for a role managing invites', async () => {
    const { sent, container } = renderPage(['INVITE_USERS', 'MANAGE_INVITES'], () =>
      list([invite('1', { creator: { id: 'acct-2', acct: 'robin' } })]),
    );
    await settle();
    const toggle = container.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(toggle?.labels?.[0]?.textContent).toBe(text.everyone);
    await act(async () => {
      toggle?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent.at(-1)).toMatchObject({ name: 'InvitesPageQuery', variables: { all: true } });
    expect(container.querySelector('table.invites thead')?.textContent).toContain(text.creator);
    expect(rows(container)[0]).toContain('@robin');
  });

  it('creates an invite with the limit and expiry chosen, and shows its link to copy', async () => {
    const { sent, container } = renderPage(['INVITE_USERS'], (operation) =>
      operation.name === 'InvitesPageQuery'
        ? list([])
        : Promise.resolve({ data: { createInvite: { invite: invite('9', { maxUses: 5, expiresAt: '2026-12-08T12:00:00Z' }) } } }),
    );
    await settle();
    expect(container.textContent).toContain(text.empty);
    const [maxUses, expires] = [...container.querySelectorAll('select')];
    expect([...(maxUses?.options ?? [])].map((option) => option.textContent)).toEqual([
      text.noLimit,
      'Once',
      '5 times',
      '10 times',
      '25 times',
      '50 times',
      '100 times',
    ]);
    act(() => {
      if (maxUses !== undefined) maxUses.value = '5';
      maxUses?.dispatchEvent(new Event('change', { bubbles: true }));
      if (expires !== undefined) expires.value = '1d';
      expires?.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const before = Date.now();
    await act(async () => {
      button(container, text.create)?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const created = sent.find((item) => item.name === 'InvitesPageCreateMutation');
    const input = created?.variables.input as { maxUses: number; expiresAt: string };
    expect(input.maxUses).toBe(5);
    const ends = Date.parse(input.expiresAt) - before;
    expect(ends).toBeGreaterThanOrEqual(24 * 3600_000 - 1000);
    expect(ends).toBeLessThanOrEqual(24 * 3600_000 + 1000);
    const link = container.querySelector<HTMLInputElement>('input.invites__new-link');
    expect(link?.value).toBe('https://birds.example/sign-up?invite=code-9');
    expect(button(container, text.copy)).toBeDefined();
    // The new invite goes first in the list.
    expect(rows(container)[0]?.[0]).toBe('code-9');
    expect(t(text.times, { count: 1 })).toBe('Once');
  });
});
