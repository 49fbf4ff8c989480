// Turning something on or off shows at once, keeps what the server answers, and goes back
// (telling why) when the server refuses; the change can outlive the answer when asked to.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { FetchFunction, RecordSourceSelectorProxy } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { checkResponse } from '../relay/environment';
import { environmentWith, render, type Rendered } from '../testing/render';
import { setFields, useOptimisticToggle, type ToggleChange } from './useOptimisticToggle';
import type { useOptimisticToggleTestQuery } from './__generated__/useOptimisticToggleTestQuery.graphql';

const query = graphql`
  query useOptimisticToggleTestQuery {
    status(id: "s1") {
      id
      favourited
      favouritesCount
    }
    tag(name: "rooks") {
      name
      following
    }
  }
`;

const favourite = {
  on: graphql`
    mutation useOptimisticToggleTestFavouriteMutation($input: StatusActionInput!) {
      favourite(input: $input) {
        status {
          id
          favourited
          favouritesCount
        }
      }
    }
  `,
  off: graphql`
    mutation useOptimisticToggleTestUnfavouriteMutation($input: StatusActionInput!) {
      unfavourite(input: $input) {
        status {
          id
          favourited
          favouritesCount
        }
      }
    }
  `,
};

const followTag = {
  on: graphql`
    mutation useOptimisticToggleTestFollowTagMutation($input: TagInput!) {
      followTag(input: $input) {
        tag {
          name
        }
      }
    }
  `,
  off: graphql`
    mutation useOptimisticToggleTestUnfollowTagMutation($input: TagInput!) {
      unfollowTag(input: $input) {
        tag {
          name
        }
      }
    }
  `,
};

const initial = {
  status: { __typename: 'Status', id: 's1', favourited: false, favouritesCount: 4 },
  tag: { name: 'rooks', following: false },
};

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

/** What the test component shows, and the toggle it was last rendered with. */
interface Seen {
  favourited: boolean;
  favouritesCount: number;
  following: boolean;
  busy: boolean;
  toggle: ReturnType<typeof useOptimisticToggle>['toggle'];
}

/** Renders over a store answering each mutation with `answer(name)` once `release` is called. */
function renderAnswering(answer: (name: string) => Record<string, unknown>) {
  const seen: { current: Seen | null } = { current: null };
  const sent: string[] = [];
  let release: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  const fetch: FetchFunction = async (operation) => {
    sent.push(operation.name);
    await answered;
    return checkResponse(answer(operation.name), true);
  };
  function Probe() {
    const data = useLazyLoadQuery<useOptimisticToggleTestQuery>(query, {}, { fetchPolicy: 'store-only' });
    const { toggle, busy } = useOptimisticToggle();
    seen.current = {
      favourited: data.status.favourited,
      favouritesCount: data.status.favouritesCount,
      following: data.tag.following,
      busy,
      toggle,
    };
    return null;
  }
  rendered = render(environmentWith(query, {}, initial, fetch), <Probe />);
  const now = () => {
    if (seen.current === null) throw new Error('not rendered');
    return seen.current;
  };
  const toggle = (pair: typeof favourite, on: boolean, change: ToggleChange) => act(() => now().toggle(pair, on, change));
  return { now, sent, toggle, release: () => act(async () => release()) };
}

const refused = () => ({ data: null, errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }] });

describe('useOptimisticToggle', () => {
  it('shows the change at once, is busy until answered, and keeps what the server says', async () => {
    const { now, sent, toggle, release } = renderAnswering(() => ({
      data: { favourite: { status: { id: 's1', favourited: true, favouritesCount: 7 } } },
    }));
    let done = false;
    toggle(favourite, true, {
      variables: { input: { statusId: 's1' } },
      show: setFields('s1', { favourited: true, favouritesCount: 5 }),
      onDone: () => {
        done = true;
      },
      onFailed: () => undefined,
    });
    expect(sent).toEqual(['useOptimisticToggleTestFavouriteMutation']);
    expect(now()).toMatchObject({ favourited: true, favouritesCount: 5, busy: true });
    await release();
    expect(now()).toMatchObject({ favourited: true, favouritesCount: 7, busy: false });
    expect(done).toBe(true);
  });

  it('sends the "off" mutation to turn it off', () => {
    const { sent, toggle } = renderAnswering(() => ({}));
    toggle(favourite, false, { variables: { input: { statusId: 's1' } }, onFailed: () => undefined });
    expect(sent).toEqual(['useOptimisticToggleTestUnfavouriteMutation']);
  });

  it('goes back and passes the error on when the server refuses', async () => {
    const { now, toggle, release } = renderAnswering(refused);
    const failures: Error[] = [];
    toggle(favourite, true, {
      variables: { input: { statusId: 's1' } },
      show: setFields('s1', { favourited: true, favouritesCount: 5 }),
      onFailed: (error) => failures.push(error),
    });
    expect(now()).toMatchObject({ favourited: true, favouritesCount: 5 });
    await release();
    expect(now()).toMatchObject({ favourited: false, favouritesCount: 4, busy: false });
    expect(failures).toHaveLength(1);
  });

  it('keeps a change the answer does not reach only when asked to', async () => {
    const agreed = () => ({ data: { followTag: { tag: { name: 'rooks' } } } });
    const showFollowing = (store: RecordSourceSelectorProxy) => {
      store.getRoot().getLinkedRecord('tag', { name: 'rooks' })?.setValue(true, 'following');
    };

    const shown = renderAnswering(agreed);
    shown.toggle(followTag, true, { variables: { input: { tag: 'rooks' } }, show: showFollowing, onFailed: () => undefined });
    expect(shown.now().following).toBe(true);
    await shown.release();
    expect(shown.now().following).toBe(false);
    rendered?.unmount();

    const kept = renderAnswering(agreed);
    kept.toggle(followTag, true, { variables: { input: { tag: 'rooks' } }, show: showFollowing, keep: true, onFailed: () => undefined });
    await kept.release();
    expect(kept.now().following).toBe(true);
  });
});
