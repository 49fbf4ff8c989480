// The server's picture in its settings: a chosen file sent at once as a multipart upload, the
// picture removed with a null file, and a refusal shown beside the control in the picture's
// own words.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSettingsText } from '../../../i18n/adminSettingsText';
import { en } from '../../../i18n/en';
import { RookeryError } from '../../../relay/errors';
import { multipartBody } from '../../../relay/upload';
import { environmentWith, render, type Rendered } from '../../../testing/render';
import { THUMBNAIL_MAX_BYTES, ThumbnailField, thumbnailErrorOf, thumbnailProblemOf } from './ThumbnailField';
import type { ThumbnailFieldTestQuery } from './__generated__/ThumbnailFieldTestQuery.graphql';

const query = graphql`
  query ThumbnailFieldTestQuery {
    instance {
      ...ThumbnailField_instance
    }
  }
`;

const text = adminSettingsText.thumbnail;

function Field() {
  const data = useLazyLoadQuery<ThumbnailFieldTestQuery>(query, {}, { fetchPolicy: 'store-only' });
  return <ThumbnailField instance={data.instance} />;
}

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

interface Sent {
  name: string;
  text: string;
  variables: Record<string, unknown>;
}

const picture = { url: '/media/thumbnail/a.png', width: 640, height: 360 };

function renderField(thumbnail: typeof picture | null, answer: () => Promise<unknown>) {
  const sent: Sent[] = [];
  const fetch: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, text: operation.text ?? '', variables });
    return answer() as never;
  };
  const environment = environmentWith(query, {}, { instance: { thumbnail } }, fetch);
  rendered = render(environment, <Field />);
  return { sent, container: rendered.container, environment };
}

const fileInput = (container: HTMLElement) => {
  const label = [...container.querySelectorAll('label')].find((item) => item.textContent === text.file);
  return document.getElementById(label?.htmlFor ?? '') as HTMLInputElement;
};
const removeButton = (container: HTMLElement) =>
  [...container.querySelectorAll('button')].find((item) => item.textContent === text.remove);
const preview = (container: HTMLElement) => container.querySelector<HTMLImageElement>(`img[alt="${text.current}"]`);

async function choose(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function click(button: HTMLButtonElement | undefined) {
  await act(async () => {
    button?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

const answered = (thumbnail: typeof picture | null) => () =>
  Promise.resolve({ data: { setInstanceThumbnail: { instance: { thumbnail } } } });

describe('the server picture', () => {
  it('tells a file too large or of another kind before it is sent', () => {
    expect(thumbnailProblemOf({ size: 1000, type: 'image/png' })).toBeNull();
    expect(thumbnailProblemOf({ size: 1000, type: 'image/webp' })).toBeNull();
    expect(thumbnailProblemOf({ size: 1000, type: '' })).toBeNull();
    expect(thumbnailProblemOf({ size: THUMBNAIL_MAX_BYTES + 1, type: 'image/jpeg' })).toBe('MEDIA_TOO_LARGE');
    expect(thumbnailProblemOf({ size: 1000, type: 'image/svg+xml' })).toBe('UNSUPPORTED_MEDIA');
  });

  it('says what was wrong with the picture in its own words, and anything else as everywhere', () => {
    expect(thumbnailErrorOf(new RookeryError('UNSUPPORTED_MEDIA'))).toBe(text.UNSUPPORTED_MEDIA);
    expect(thumbnailErrorOf(new RookeryError('MEDIA_TOO_LARGE'))).toBe(text.MEDIA_TOO_LARGE);
    expect(thumbnailErrorOf(new RookeryError('CORRUPT_MEDIA'))).toBe(text.CORRUPT_MEDIA);
    expect(thumbnailErrorOf(new RookeryError('FORBIDDEN'))).toBe(en.errors.FORBIDDEN);
    expect(thumbnailErrorOf(new TypeError('offline'))).toBe(en.errors.NETWORK);
  });

  it('says when none is set, with a labelled file input for the kinds the server takes', () => {
    const { container } = renderField(null, answered(null));
    expect(container.textContent).toContain(text.none);
    expect(preview(container)).toBeNull();
    expect(removeButton(container)).toBeUndefined();
    const input = fileInput(container);
    expect(input.type).toBe('file');
    expect(input.accept).toBe('image/jpeg,image/png,image/webp,image/gif');
    expect(container.querySelector('h2')?.textContent).toBe(text.title);
  });

  it('shows the picture set now, with its size and alt text', () => {
    const { container } = renderField(picture, answered(null));
    const image = preview(container);
    expect(image?.getAttribute('src')).toBe(picture.url);
    expect(image?.getAttribute('width')).toBe('640');
    expect(image?.getAttribute('height')).toBe('360');
    expect(container.textContent).not.toContain(text.none);
  });

  it('sends a chosen file at once as a multipart upload, then shows it and says so', async () => {
    const { sent, container, environment } = renderField(null, answered(picture));
    const file = new File(['png'], 'rooks.png', { type: 'image/png' });
    await choose(fileInput(container), file);

    expect(sent).toHaveLength(1);
    expect(sent[0]?.name).toBe('ThumbnailFieldMutation');
    expect(sent[0]?.variables).toEqual({ input: { file } });
    expect((sent[0]?.variables.input as { file: unknown }).file).toBe(file);
    // The file goes as part "0" of the multipart request, in the place of `input.file`.
    const body = multipartBody(sent[0]?.text ?? '', sent[0]?.variables ?? {});
    expect(body?.get('map')).toBe(JSON.stringify({ 0: ['variables.input.file'] }));
    expect(JSON.parse(body?.get('operations') as string)).toMatchObject({ variables: { input: { file: null } } });
    expect((body?.get('0') as File).name).toBe('rooks.png');

    expect(preview(container)?.getAttribute('src')).toBe(picture.url);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.saved);
    expect(fileInput(container).value).toBe('');
    // The instance every page reads has the new picture.
    const root = environment.getStore().getSource().get('client:root');
    const instanceId = (root?.instance as { __ref: string }).__ref;
    const thumbnailRef = environment.getStore().getSource().get(instanceId)?.thumbnail as { __ref: string };
    expect(environment.getStore().getSource().get(thumbnailRef.__ref)?.url).toBe(picture.url);
  });

  it('says it is sending while the upload is under way', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const { container } = renderField(null, () => new Promise((resolve) => (answer = resolve)));
    await choose(fileInput(container), new File(['png'], 'rooks.png', { type: 'image/png' }));
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.uploading);
    await act(async () => {
      answer({ data: { setInstanceThumbnail: { instance: { thumbnail: picture } } } });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.saved);
  });

  it('removes the picture with a null file, and the file input takes the focus', async () => {
    const { sent, container, environment } = renderField(picture, answered(null));
    removeButton(container)?.focus();
    await click(removeButton(container));

    expect(sent).toHaveLength(1);
    expect(sent[0]?.variables).toEqual({ input: { file: null } });
    expect(multipartBody(sent[0]?.text ?? '', sent[0]?.variables ?? {})).toBeNull();
    expect(preview(container)).toBeNull();
    expect(removeButton(container)).toBeUndefined();
    expect(container.textContent).toContain(text.none);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.removed);
    expect(document.activeElement).toBe(fileInput(container));
    const root = environment.getStore().getSource().get('client:root');
    const instanceId = (root?.instance as { __ref: string }).__ref;
    expect(environment.getStore().getSource().get(instanceId)?.thumbnail).toBeNull();
  });

  it('shows a refusal of the file beside the file input, the picture kept', async () => {
    const { container } = renderField(picture, () => Promise.reject(new RookeryError('CORRUPT_MEDIA')));
    await choose(fileInput(container), new File(['nope'], 'broken.png', { type: 'image/png' }));

    const input = fileInput(container);
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe(text.CORRUPT_MEDIA);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(alert?.id);
    expect(input.parentElement?.contains(alert ?? null)).toBe(true);
    expect(preview(container)?.getAttribute('src')).toBe(picture.url);
    expect(container.querySelector('[role="status"]')).toBeNull();
  });

  it('refuses a file too large without sending it', async () => {
    const { sent, container } = renderField(null, answered(picture));
    const big = new File(['x'], 'huge.png', { type: 'image/png' });
    Object.defineProperty(big, 'size', { value: THUMBNAIL_MAX_BYTES + 1 });
    await choose(fileInput(container), big);
    expect(sent).toHaveLength(0);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(text.MEDIA_TOO_LARGE);
  });

  it('shows a refusal to remove beside the remove button', async () => {
    const { container } = renderField(picture, () => Promise.reject(new RookeryError('FORBIDDEN')));
    await click(removeButton(container));
    const button = removeButton(container);
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe(en.errors.FORBIDDEN);
    expect(button?.getAttribute('aria-describedby')).toBe(alert?.id);
    expect(fileInput(container).getAttribute('aria-invalid')).toBe('false');
    expect(preview(container)).not.toBeNull();
  });
});
