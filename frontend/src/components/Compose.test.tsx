// The compose box counts as the server does against the instance's limit, and will not post
// empty or too-long text.
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { environmentWith, render, typeInto, type Rendered } from '../testing/render';
import { Compose } from './Compose';
import type { ComposeTestQuery } from './__generated__/ComposeTestQuery.graphql';

const query = graphql`
  query ComposeTestQuery {
    ...Compose_query
  }
`;

function ComposeOnInstance() {
  const data = useLazyLoadQuery<ComposeTestQuery>(query, {}, { fetchPolicy: 'store-only' });
  return <Compose query={data} connections={[]} />;
}

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function renderCompose(maxStatusChars: number) {
  const environment = environmentWith(query, {}, {
    instance: { maxStatusChars, charactersReservedPerUrl: 23 },
  });
  rendered = render(environment, <ComposeOnInstance />);
  const container = rendered.container;
  const text = container.querySelector('textarea');
  const post = container.querySelector<HTMLButtonElement>('button[type="submit"]');
  const counter = () => container.querySelector('.counter')?.textContent;
  if (text === null || post === null) throw new Error('compose box not rendered');
  return { container, text, post, counter };
}

describe('Compose', () => {
  it('counts URLs as the instance says and stops at its limit', () => {
    const { text, post, counter } = renderCompose(30);
    expect(counter()).toBe('30 characters left');
    expect(post.disabled).toBe(true);

    typeInto(text, 'hi https://example.org/a/long/path');
    expect(counter()).toBe('4 characters left');
    expect(post.disabled).toBe(false);

    typeInto(text, 'hello there https://example.org/a/long/path');
    expect(counter()).toBe('5 characters too many');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(post.disabled).toBe(true);
  });

  it('counts the content warning too', () => {
    const { container, text, counter } = renderCompose(100);
    typeInto(text, 'twelve chars');
    const toggle = container.querySelector<HTMLInputElement>('input[type="checkbox"]');
    toggle?.click();
    const warning = container.querySelector<HTMLInputElement>('input.input');
    if (warning === null) throw new Error('no content warning field');
    typeInto(warning, 'spoilers');
    expect(counter()).toBe('80 characters left');
  });

  it('explains every visibility', () => {
    const { container } = renderCompose(100);
    const choices = container.querySelectorAll('.visibility__choice');
    expect(choices).toHaveLength(6);
    for (const choice of choices) {
      expect(choice.querySelector('.hint')?.textContent).not.toBe('');
    }
  });
});
