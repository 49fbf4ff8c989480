// Favourites and boosts show at once, and go back with a message when the server refuses.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { checkResponse } from '../relay/environment';
import { environmentWith, render, type Rendered } from '../testing/render';
import { Announcer } from './Announcer';
import { StatusActions } from './StatusActions';
import type { StatusActionsTestQuery } from './__generated__/StatusActionsTestQuery.graphql';

const query = graphql`
  query StatusActionsTestQuery($id: ID!) {
    status(id: $id) {
      ...StatusActions_status
    }
  }
`;

function Actions() {
  const data = useLazyLoadQuery<StatusActionsTestQuery>(query, { id: 's1' }, { fetchPolicy: 'store-only' });
  return <StatusActions status={data.status} signedIn onEdit={() => undefined} />;
}

const status = {
  __typename: 'Status',
  id: 's1',
  author: { __typename: 'Account', id: 'account-alice', acct: 'alice', username: 'alice', displayName: 'Alice' },
  url: 'https://example.test/@alice/s1',
  local: true,
  visibility: 'PUBLIC',
  viewerCanReply: true,
  pinned: false,
  bookmarked: false,
  archived: false,
  muted: false,
  deleted: false,
  repliesCount: 1,
  favourited: false,
  favouritesCount: 4,
  reblogged: false,
  reblogsCount: 0,
  viewerCanBoost: true,
  viewerCanQuote: true,
};

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

/** Answers every mutation, after a moment, with `answer` as the server would. */
function renderAnswering(answer: (name: string) => Record<string, unknown>) {
  let release: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  const environment = environmentWith(query, { id: 's1' }, { status }, async (operation) => {
    await answered;
    return checkResponse(answer(operation.name), operation.operationKind === 'mutation');
  });
  rendered = render(
    environment,
    <Announcer>
      <Actions />
    </Announcer>,
  );
  const container = rendered.container;
  const favourite = () => container.querySelectorAll<HTMLButtonElement>('button.action')[2];
  return { container, favourite, release: () => act(async () => release()) };
}

describe('StatusActions', () => {
  it('favourites at once and keeps it when the server agrees', async () => {
    const { favourite, release } = renderAnswering(() => ({
      data: { favourite: { status: { id: 's1', favourited: true, favouritesCount: 5 } } },
    }));
    act(() => favourite()?.click());
    expect(favourite()?.getAttribute('aria-pressed')).toBe('true');
    expect(favourite()?.textContent).toContain('5');
    await release();
    expect(favourite()?.getAttribute('aria-pressed')).toBe('true');
  });

  it('goes back and says why when the server refuses', async () => {
    const { container, favourite, release } = renderAnswering(() => ({
      data: null,
      errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }],
    }));
    act(() => favourite()?.click());
    expect(favourite()?.getAttribute('aria-pressed')).toBe('true');
    await release();
    expect(favourite()?.getAttribute('aria-pressed')).toBe('false');
    expect(favourite()?.textContent).toContain('4');
    expect(container.querySelector('[role="status"]')?.textContent).toContain(en.errors.RATE_LIMITED);
  });
});
