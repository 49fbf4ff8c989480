// An account's row in a list: its picture, name and handle linking to its profile, and the
// buttons given beside them.
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { environmentWith, render, type Rendered } from '../testing/render';
import { AccountRow } from './AccountRow';
import type { AccountRowTestQuery } from './__generated__/AccountRowTestQuery.graphql';

const query = graphql`
  query AccountRowTestQuery {
    accountByHandle(handle: "bob") {
      ...AccountRow_account
    }
  }
`;

function Row() {
  const data = useLazyLoadQuery<AccountRowTestQuery>(query, {}, { fetchPolicy: 'store-only' });
  return (
    <ul>
      <AccountRow account={data.accountByHandle}>
        <button type="button">Unblock @bob@elsewhere.example</button>
      </AccountRow>
    </ul>
  );
}

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function renderRow(account: Record<string, unknown>) {
  const environment = environmentWith(query, {}, {
    accountByHandle: { __typename: 'Account', id: 'bob', acct: 'bob@elsewhere.example', username: 'bob', avatarUrl: null, ...account },
  });
  rendered = render(environment, <Row />);
  return rendered.container;
}

describe('AccountRow', () => {
  it('links the name and handle to the profile, with the buttons beside the link', () => {
    const container = renderRow({ displayName: 'Bob' });
    const link = container.querySelector('li > a');
    expect(link?.getAttribute('href')).toBe('/@bob@elsewhere.example');
    expect(link?.textContent).toContain('Bob');
    expect(link?.textContent).toContain('@bob@elsewhere.example');
    const button = container.querySelector('li > button');
    expect(button?.textContent).toBe('Unblock @bob@elsewhere.example');
    expect(link?.contains(button ?? null)).toBe(false);
  });

  it('shows the username, and its initial for a picture, without a display name', () => {
    const container = renderRow({ displayName: '' });
    expect(container.querySelector('.account-row__name')?.textContent).toBe('bob');
    expect(container.querySelector('.avatar--blank')?.textContent).toBe('B');
  });
});
