// The sessions list names each device and the address it signed in from, says when it signed in and was last used, and marks
// the one of this browser; signing out everywhere revokes every session, clears this
// browser's cookie and starts afresh on the sign-in page.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionContext } from '../../session';
import { settingsText } from '../../i18n/settingsText';
import { absoluteTime } from '../../lib/time';
import { environmentWith, render, type Rendered } from '../../testing/render';
import { SessionList, SignOutEverywhere } from './SessionsSettings';
import type { SessionsSettingsTestQuery } from './__generated__/SessionsSettingsTestQuery.graphql';

const query = graphql`
  query SessionsSettingsTestQuery {
    ...SessionsSettings_query
  }
`;

function ListOfViewer() {
  const data = useLazyLoadQuery<SessionsSettingsTestQuery>(query, {}, { fetchPolicy: 'store-only' });
  return <SessionList query={data} />;
}

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  vi.unstubAllGlobals();
});

describe('SessionList', () => {
  it('marks the session of this browser and no other', () => {
    const environment = environmentWith(query, {}, {
      sessions: [
        { device: 'Firefox on Linux', ip: '192.0.2.7', createdAt: '2026-01-02T10:00:00Z', lastUsedAt: '2026-03-04T12:00:00Z', current: false },
        { device: 'Chromium', ip: null, createdAt: '2026-02-01T09:30:00Z', lastUsedAt: '2026-03-05T08:00:00Z', current: true },
        { device: null, ip: null, createdAt: '2026-02-10T09:30:00Z', lastUsedAt: null, current: false },
      ],
    });
    rendered = render(environment, <ListOfViewer />);
    const items = [...rendered.container.querySelectorAll('li')];
    expect(items).toHaveLength(3);
    const marked = items.filter((item) => item.textContent?.includes(settingsText.sessions.current));
    expect(marked).toHaveLength(1);
    expect(marked[0]?.querySelector('.session__device')?.textContent).toBe(`Chromium${settingsText.sessions.current}`);

    const times = items[1]?.querySelectorAll('time') ?? [];
    expect([...times].map((time) => time.getAttribute('title'))).toEqual([
      absoluteTime('2026-02-01T09:30:00Z'),
      absoluteTime('2026-03-05T08:00:00Z'),
    ]);
    expect(items[0]?.textContent).toContain(`${settingsText.sessions.address}192.0.2.7`);
    expect(items[1]?.textContent).not.toContain(settingsText.sessions.address);
    expect(items[2]?.querySelector('.session__device')?.textContent).toBe(settingsText.sessions.unknownDevice);
    expect(items[2]?.textContent).toContain(settingsText.sessions.notUsedSince);
  });
});

describe('SignOutEverywhere', () => {
  it('revokes every session, clears the cookie and opens the sign-in page afresh', async () => {
    window.history.replaceState(null, '', '/settings/sessions');
    window.scrollTo = () => undefined;
    const requests: { url: string; method: string | undefined }[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      requests.push({ url, method: init.method });
      return Promise.resolve(new Response(null, { status: 204 }));
    });
    const sent: { name: string; text: string | null | undefined }[] = [];
    const network: FetchFunction = (operation) => {
      sent.push({ name: operation.name, text: operation.text });
      return Promise.resolve({ data: { logout: { revokedTokens: 3 } } });
    };
    const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
    const restart = vi.fn();
    rendered = render(
      environment,
      <SessionContext value={{ restart }}>
        <SignOutEverywhere />
      </SessionContext>,
    );
    const button = rendered.container.querySelector('button');
    expect(button?.textContent).toBe(settingsText.sessions.signOutEverywhere);
    await act(async () => {
      button?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

    expect(sent.map(({ name }) => name)).toEqual(['SessionsSettingsLogoutMutation']);
    expect(sent[0]?.text).toContain('everywhere: true');
    expect(requests).toEqual([{ url: '/auth/session', method: 'DELETE' }]);
    expect(window.location.pathname).toBe('/sign-in');
    expect(restart).toHaveBeenCalledTimes(1);
  });
});
