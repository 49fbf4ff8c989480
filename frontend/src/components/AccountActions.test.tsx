// The relationship buttons follow the server's relationship, and a mute sends the choices made.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Variables } from 'relay-runtime';
import { checkResponse } from '../relay/environment';
import { environmentWith, render, type Rendered } from '../testing/render';
import { AccountActions } from './AccountActions';
import { Announcer } from './Announcer';
import type { AccountActionsTestQuery } from './__generated__/AccountActionsTestQuery.graphql';

const query = graphql`
  query AccountActionsTestQuery($id: ID!) {
    account(id: $id) {
      ...AccountActions_account
    }
  }
`;

const none: {
  following: boolean;
  followedBy: boolean;
  requested: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: boolean;
  mutingNotifications: boolean;
  mutingEndsAt: string | null;
} = {
  following: false,
  followedBy: false,
  requested: false,
  blocking: false,
  blockedBy: false,
  muting: false,
  mutingNotifications: false,
  mutingEndsAt: null,
};

function account(relationship: Partial<typeof none>, remote = false) {
  return {
    __typename: 'Account',
    id: 'a1',
    acct: remote ? 'bob@example.social' : 'bob',
    domain: remote ? 'example.social' : null,
    local: !remote,
    relationship: { ...none, ...relationship },
  };
}

function Actions({ blockedDomains }: { blockedDomains: string[] }) {
  const data = useLazyLoadQuery<AccountActionsTestQuery>(query, { id: 'a1' }, { fetchPolicy: 'store-only' });
  return <AccountActions account={data.account} blockedDomains={blockedDomains} />;
}

let rendered: Rendered | undefined;
afterEach(() => rendered?.unmount());

function show(payload: ReturnType<typeof account>, blockedDomains: string[] = [], sent: Variables[] = []) {
  const environment = environmentWith(query, { id: 'a1' }, { account: payload }, async (_operation, variables) => {
    sent.push(variables);
    return checkResponse({ data: { mute: { account: { ...payload, followersCount: 0 } } } }, true);
  });
  rendered = render(
    environment,
    <Announcer>
      <Actions blockedDomains={blockedDomains} />
    </Announcer>,
  );
  return rendered.container;
}

const buttons = (container: HTMLElement) => Array.from(container.querySelectorAll('button')).map((button) => button.textContent);

describe('AccountActions', () => {
  it('offers to follow a stranger, to mute and to block', () => {
    expect(buttons(show(account({})))).toEqual(['Follow', 'Mute', 'Block']);
  });

  it('shows a waiting request with a way to cancel it', () => {
    const container = show(account({ requested: true }));
    expect(container.textContent).toContain('Requested');
    expect(buttons(container)).toEqual(['Cancel request', 'Mute', 'Block']);
  });

  it('offers lists and unfollowing to a follower, and says who follows back', () => {
    const container = show(account({ following: true, followedBy: true }));
    expect(container.textContent).toContain('Follows you');
    expect(buttons(container)).toEqual(['Unfollow', 'Lists', 'Mute', 'Block']);
  });

  it('says until when a mute lasts, and offers unmuting and unblocking', () => {
    const container = show(account({ muting: true, blocking: true, mutingEndsAt: '2030-01-02T03:04:05Z' }));
    expect(container.textContent).toMatch(/Muted until .*2030/);
    expect(buttons(container)).toEqual(['Unmute', 'Unblock']);
  });

  it('offers to block or unblock a remote account’s server', () => {
    expect(buttons(show(account({}, true)))).toContain('Block example.social');
    rendered?.unmount();
    expect(buttons(show(account({}, true), ['example.social']))).toContain('Unblock example.social');
  });

  it('mutes for the chosen time, with or without notifications', async () => {
    const sent: Variables[] = [];
    const container = show(account({}), [], sent);
    const byText = (text: string) => Array.from(container.querySelectorAll('button')).find((button) => button.textContent === text);
    act(() => byText('Mute')?.click());
    const day = Array.from(container.querySelectorAll('label')).find((label) => label.textContent === '1 day');
    act(() => day?.querySelector('input')?.click());
    const notifications = Array.from(container.querySelectorAll('label')).find((label) =>
      label.textContent?.startsWith('Hide notifications'),
    );
    act(() => notifications?.querySelector('input')?.click());
    const submit = container.querySelector<HTMLButtonElement>('dialog button[type="submit"]');
    await act(async () => submit?.click());
    expect(sent).toEqual([{ input: { accountId: 'a1', notifications: false, durationSeconds: 86400 } }]);
  });
});
