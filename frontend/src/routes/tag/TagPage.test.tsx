// Following a hashtag shows at once, and goes back with a message when the server refuses.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { checkResponse } from '../../relay/environment';
import { environmentWith, render, type Rendered } from '../../testing/render';
import { FollowTagButton } from './TagPage';
import type { TagPageTestQuery } from './__generated__/TagPageTestQuery.graphql';

const query = graphql`
  query TagPageTestQuery {
    tag(name: "rooks") {
      name
      following
    }
  }
`;

function Follow() {
  const data = useLazyLoadQuery<TagPageTestQuery>(query, {}, { fetchPolicy: 'store-only' });
  return <FollowTagButton name="rooks" following={data.tag.following} />;
}

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function renderAnswering(answer: Record<string, unknown>) {
  let release: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  const environment = environmentWith(query, {}, { tag: { name: 'rooks', following: false } }, async (operation) => {
    await answered;
    return checkResponse(answer, operation.operationKind === 'mutation');
  });
  rendered = render(environment, <Follow />);
  const container = rendered.container;
  const button = () => container.querySelector('button');
  return { container, button, release: () => act(async () => release()) };
}

describe('FollowTagButton', () => {
  it('follows at once and keeps it when the server agrees', async () => {
    const { button, release } = renderAnswering({ data: { followTag: { tag: { name: 'rooks', following: true } } } });
    expect(button()?.textContent).toBe(pageText.tag.follow);
    act(() => button()?.click());
    expect(button()?.textContent).toBe(pageText.tag.unfollow);
    await release();
    expect(button()?.textContent).toBe(pageText.tag.unfollow);
  });

  it('goes back and says why when the server refuses', async () => {
    const { container, button, release } = renderAnswering({
      data: null,
      errors: [{ message: 'no', extensions: { code: 'RATE_LIMITED' } }],
    });
    act(() => button()?.click());
    expect(button()?.textContent).toBe(pageText.tag.unfollow);
    await release();
    expect(button()?.textContent).toBe(pageText.tag.follow);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(en.errors.RATE_LIMITED);
  });
});
