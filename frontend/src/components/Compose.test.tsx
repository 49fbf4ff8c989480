// The compose box counts as the server does against the instance's limit, and will not post
// empty or too-long text.
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { act } from 'react';
import type { FetchFunction, Variables } from 'relay-runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
beforeEach(() => sessionStorage.clear());

function renderCompose(maxStatusChars: number, fetch?: FetchFunction) {
  const environment = environmentWith(query, {}, {
    instance: { maxStatusChars, charactersReservedPerUrl: 23, maxMediaAttachments: 4 },
  }, fetch);
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

  it('keeps the text, content warning and visibility across a reload', () => {
    const sent: Variables[] = [];
    const fetch: FetchFunction = (_operation, variables) => {
      sent.push(variables);
      return new Promise(() => undefined);
    };
    let compose = renderCompose(100, fetch);
    typeInto(compose.text, 'half a thought');
    act(() => compose.container.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click());
    const warning = compose.container.querySelector<HTMLInputElement>('input.input');
    if (warning === null) throw new Error('no content warning field');
    typeInto(warning, 'birds');
    act(() => compose.container.querySelector<HTMLInputElement>('input[value="UNLISTED"]')?.click());
    rendered?.unmount();

    compose = renderCompose(100, fetch);
    expect(compose.text.value).toBe('half a thought');
    expect(compose.container.querySelector<HTMLInputElement>('input.input')?.value).toBe('birds');
    expect(compose.container.querySelector<HTMLInputElement>('input[value="UNLISTED"]')?.checked).toBe(true);
    expect(sessionStorage.getItem('rookery.draft.signed-out')).toContain('half a thought');
  });

  it('posts a poll only when its options are right', async () => {
    const sent: Variables[] = [];
    const fetch: FetchFunction = (_operation, variables) => {
      sent.push(variables);
      return new Promise(() => undefined);
    };
    const { container, text, post } = renderCompose(100, fetch);
    typeInto(text, 'Tea or coffee?');
    const addPoll = [...container.querySelectorAll('button')].find((button) => button.textContent === 'Add a poll');
    act(() => addPoll?.click());
    // The poll editor loads when first needed.
    await act(async () => {
      await import('./ComposePoll');
    });
    expect(post.disabled).toBe(true);
    expect(container.textContent).toContain('A poll needs at least two options.');
    const option = (number: number) => {
      const label = [...container.querySelectorAll('label')].find((each) => each.textContent === `Option ${number}`);
      return document.getElementById(label?.htmlFor ?? '') as HTMLInputElement;
    };
    typeInto(option(1), 'Tea');
    typeInto(option(2), 'Tea');
    expect(container.textContent).toContain('Option 2 repeats another.');
    expect(post.disabled).toBe(true);
    typeInto(option(2), 'Coffee');
    expect(post.disabled).toBe(false);
    await act(async () => post.click());
    expect(sent[0]?.input).toMatchObject({
      text: 'Tea or coffee?',
      poll: { options: ['Tea', 'Coffee'], multiple: false, expiresInSeconds: 86400 },
      mediaIds: [],
    });
  });

  it('uploads a picture, waits until it is processed, saves its alt text and posts it', async () => {
    URL.createObjectURL = () => 'blob:picture';
    URL.revokeObjectURL = () => undefined;
    const sent: { name: string; variables: Variables }[] = [];
    const fetch: FetchFunction = (operation, variables) => {
      sent.push({ name: operation.name, variables });
      const media = { id: 'media-1', error: null };
      switch (operation.name) {
        case 'ComposeMediaUploadMutation':
          return Promise.resolve({ data: { uploadMedia: { media: { ...media, state: 'PROCESSING' } } } });
        case 'ComposeMediaStateQuery':
          return Promise.resolve({ data: { node: { __typename: 'MediaAttachment', ...media, state: 'READY' } } });
        case 'ComposeMediaUpdateMutation':
          return Promise.resolve({ data: { updateMedia: { media: { id: 'media-1', description: 'A rook' } } } });
        default:
          return new Promise(() => undefined);
      }
    };
    const { container, post } = renderCompose(100, fetch);
    const input = container.querySelector<HTMLInputElement>('input[type="file"]');
    if (input === null) throw new Error('no file input');
    const picture = new File([new Uint8Array([137, 80, 78, 71])], 'rook.png', { type: 'image/png' });
    Object.defineProperty(input, 'files', { value: [picture], configurable: true });
    await act(async () => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await Promise.resolve();
      // The pictures' editor loads with the first picture.
      await import('./ComposeMediaList');
    });
    expect(sent[0]?.name).toBe('ComposeMediaUploadMutation');
    expect((sent[0]?.variables.input as { file: unknown }).file).toBe(picture);
    expect(container.textContent).toContain('Processing…');
    expect(post.disabled).toBe(true);

    await act(async () => new Promise((resolve) => setTimeout(resolve, 1200)));
    expect(container.textContent).toContain('Ready');
    expect(post.disabled).toBe(false);

    const alt = container.querySelector<HTMLTextAreaElement>('.compose__picture textarea');
    if (alt === null) throw new Error('no alt text field');
    typeInto(alt, 'A rook');
    const focal = container.querySelector<HTMLButtonElement>('button.focal');
    act(() => focal?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    expect(focal?.getAttribute('aria-label')).toMatch(/^Focal point of picture 1: 0\.1, 0\.0/);
    const sensitive = [...container.querySelectorAll('label')].find((label) => label.textContent === 'Mark pictures as sensitive');
    act(() => sensitive?.querySelector('input')?.click());

    await act(async () => {
      post.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const names = sent.map((request) => request.name);
    expect(names.filter((name) => name === 'ComposeMediaUpdateMutation')).toHaveLength(1);
    expect(sent.find((request) => request.name === 'ComposeMediaUpdateMutation')?.variables.input).toEqual({
      id: 'media-1',
      description: 'A rook',
      focus: { x: 0.1, y: 0 },
    });
    expect(sent.find((request) => request.name === 'ComposeCreateStatusMutation')?.variables.input).toMatchObject({
      text: '',
      mediaIds: ['media-1'],
      sensitive: true,
      poll: null,
    });
  });
});
