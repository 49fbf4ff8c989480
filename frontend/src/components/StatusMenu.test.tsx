// The "more" menu acts on the post: a bookmark shows at once and goes back with a message
// when the server refuses; a post deleted after confirming leaves a tombstone.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { checkResponse } from '../relay/environment';
import { ViewerContext } from '../session';
import { post } from '../testing/posts';
import { environmentWith, render, type Rendered } from '../testing/render';
import { Announcer } from './Announcer';
import { Status } from './Status';
import type { StatusMenuTestQuery } from './__generated__/StatusMenuTestQuery.graphql';

const query = graphql`
  query StatusMenuTestQuery($id: ID!) {
    status(id: $id) {
      ...Status_status
    }
  }
`;

function Post() {
  const data = useLazyLoadQuery<StatusMenuTestQuery>(query, { id: 's1' }, { fetchPolicy: 'store-only' });
  return <Status status={data.status} signedIn />;
}

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

/** Renders alice's post for alice; each mutation waits for `release`, then gets `answer`. */
function renderAnswering(answer: (name: string, variables: Record<string, unknown>) => Record<string, unknown>) {
  let release: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  const sent: string[] = [];
  const environment = environmentWith(query, { id: 's1' }, { status: post('s1') }, async (operation, variables) => {
    sent.push(operation.name);
    await answered;
    return checkResponse(answer(operation.name, variables), operation.operationKind === 'mutation');
  });
  rendered = render(
    environment,
    <Announcer>
      <ViewerContext value={{ id: 'account-alice', acct: 'alice' }}>
        <Post />
      </ViewerContext>
    </Announcer>,
  );
  const container = rendered.container;
  // The menu's panel loads when the menu is first opened.
  const open = () =>
    act(async () => {
      container.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]')?.click();
      await import('./StatusMenuPanel');
    });
  const choose = async (label: string) => {
    await open();
    const item = Array.from(container.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')).find(
      (button) => button.textContent === label,
    );
    expect(item, label).toBeDefined();
    act(() => item?.click());
  };
  const items = async () => {
    await open();
    const labels = Array.from(container.querySelectorAll('[role="menuitem"]'), (item) => item.textContent);
    act(() => container.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]')?.click());
    return labels;
  };
  return { container, choose, items, sent, release: () => act(async () => release()) };
}

describe('StatusMenu', () => {
  it('bookmarks at once and keeps it when the server agrees', async () => {
    const { container, choose, items, sent, release } = renderAnswering(() => ({
      data: { bookmark: { status: { id: 's1', bookmarked: true } } },
    }));
    await choose(en.statusMenu.bookmark);
    expect(sent).toEqual(['StatusMenuBookmarkMutation']);
    expect((await items())).toContain(en.statusMenu.unbookmark);
    await release();
    expect((await items())).toContain(en.statusMenu.unbookmark);
    expect(container.ownerDocument.body.textContent).toContain(en.statusMenu.bookmarkedDone);
  });

  it('goes back and says why when the server refuses', async () => {
    const { container, choose, items, release } = renderAnswering(() => ({
      data: null,
      errors: [{ message: 'no', extensions: { code: 'NOT_FOUND' } }],
    }));
    await choose(en.statusMenu.bookmark);
    await release();
    expect((await items())).toContain(en.statusMenu.bookmark);
    expect(container.textContent).toContain(`Could not do that: ${en.errors.NOT_FOUND}`);
  });

  it('deletes only once confirmed, leaving a tombstone', async () => {
    const { container, choose, sent, release } = renderAnswering((_name, variables) => ({
      data: { deleteStatus: { deletedStatusId: (variables.input as { id: string }).id } },
    }));
    await choose(en.statusMenu.delete);
    expect(sent).toEqual([]);
    const dialog = container.querySelector('dialog[open]');
    expect(dialog?.textContent).toContain(en.statusMenu.deleteTitle);
    const confirm = Array.from(dialog?.querySelectorAll('button') ?? []).find(
      (button) => button.textContent === en.statusMenu.deleteConfirm,
    );
    act(() => confirm?.click());
    expect(sent).toEqual(['StatusMenuPanelDeleteMutation']);
    await release();
    expect(container.querySelector('.status__deleted')?.textContent).toBe(en.status.deleted);
    expect(container.textContent).toContain(en.statusMenu.deleted);
  });
});
