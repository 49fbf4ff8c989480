// The server's picture in its settings: the one set now, a file input that sends a new one as
// soon as it is chosen (a multipart upload), and a button that removes it; a refusal is shown
// beside the control that caused it, an outcome announced.
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import type { RecordSourceSelectorProxy } from 'relay-runtime';
import { adminSettingsText } from '../../../i18n/adminSettingsText';
import { messageOf } from '../../../relay/errors';
import { fieldErrors } from '../fieldErrors';
import type { ThumbnailField_instance$key } from './__generated__/ThumbnailField_instance.graphql';
import type { ThumbnailFieldMutation } from './__generated__/ThumbnailFieldMutation.graphql';

const instanceFragment = graphql`
  fragment ThumbnailField_instance on Instance {
    thumbnail {
      url
      width
      height
    }
  }
`;

const setMutation = graphql`
  mutation ThumbnailFieldMutation($input: SetInstanceThumbnailInput!) {
    setInstanceThumbnail(input: $input) {
      instance {
        ...ThumbnailField_instance
      }
    }
  }
`;

const text = adminSettingsText.thumbnail;

/** The kinds of picture the server takes (`SetInstanceThumbnailInput.file`). */
export const thumbnailTypes = 'image/jpeg,image/png,image/webp,image/gif';

/** The largest picture the server takes, in bytes. */
export const THUMBNAIL_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Why `file` would be refused, told before it is sent: too large, or of a kind the server
 * does not take (a file whose kind the browser does not know is left to the server).
 */
export function thumbnailProblemOf(file: { size: number; type: string }): 'MEDIA_TOO_LARGE' | 'UNSUPPORTED_MEDIA' | null {
  if (file.type !== '' && !thumbnailTypes.split(',').includes(file.type)) return 'UNSUPPORTED_MEDIA';
  if (file.size > THUMBNAIL_MAX_BYTES) return 'MEDIA_TOO_LARGE';
  return null;
}

/** What a person reads when setting or removing the picture failed: the picture's own words where they say more. */
export function thumbnailErrorOf(error: unknown): string {
  return messageOf(error, {
    UNSUPPORTED_MEDIA: text.UNSUPPORTED_MEDIA,
    MEDIA_TOO_LARGE: text.MEDIA_TOO_LARGE,
    CORRUPT_MEDIA: text.CORRUPT_MEDIA,
  });
}

/** Copies the picture the server answered onto the instance every page reads (it has no id). */
function copyThumbnail(store: RecordSourceSelectorProxy) {
  const changed = store.getRootField('setInstanceThumbnail')?.getLinkedRecord('instance');
  const instance = store.getRoot().getLinkedRecord('instance');
  if (changed === null || changed === undefined || instance === null || instance === undefined) return;
  const thumbnail = changed.getLinkedRecord('thumbnail');
  if (thumbnail === null || thumbnail === undefined) instance.setValue(null, 'thumbnail');
  else instance.setLinkedRecord(thumbnail, 'thumbnail');
}

type Place = 'file' | 'remove';

export function ThumbnailField({ instance: key }: { instance: ThumbnailField_instance$key }) {
  const { thumbnail } = useFragment(instanceFragment, key);
  const [commit, busy] = useMutation<ThumbnailFieldMutation>(setMutation);
  const [sending, setSending] = useState<'upload' | 'remove' | null>(null);
  const [failure, setFailure] = useState<{ place: Place; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const { errorFor, describedBy, fieldError } = fieldErrors(failure, id);

  const send = (file: File | null) => {
    const place: Place = file === null ? 'remove' : 'file';
    setFailure(null);
    setDone(null);
    setSending(place === 'file' ? 'upload' : 'remove');
    commit({
      // A file in the variables goes as a GraphQL multipart request; null removes the picture.
      variables: { input: { file } },
      updater: copyThumbnail,
      onCompleted: () => {
        setSending(null);
        setDone(file === null ? text.removed : text.saved);
        // The remove button is gone with the picture: the file input takes the focus.
        if (file === null) fileInput.current?.focus();
      },
      onError: (error) => {
        setSending(null);
        setFailure({ place, message: thumbnailErrorOf(error) });
      },
    });
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Emptied at once, so that the same file may be chosen again after a refusal.
    event.target.value = '';
    if (file === undefined) return;
    const problem = thumbnailProblemOf(file);
    if (problem !== null) {
      setDone(null);
      setFailure({ place: 'file', message: text[problem] });
      return;
    }
    send(file);
  };

  return (
    <section className="admin-settings__thumbnail" aria-labelledby={id('title')}>
      <h2 id={id('title')} className="section-heading">
        {text.title}
      </h2>
      <p id={id('intro')} className="hint">
        {text.intro}
      </p>
      {thumbnail === null || thumbnail === undefined ? (
        <p>{text.none}</p>
      ) : (
        <img
          className="admin-settings__thumbnail-preview"
          src={thumbnail.url}
          width={thumbnail.width}
          height={thumbnail.height}
          alt={text.current}
        />
      )}
      <div className="field">
        <label htmlFor={id('file')}>{text.file}</label>
        <input
          ref={fileInput}
          id={id('file')}
          name="thumbnail"
          type="file"
          accept={thumbnailTypes}
          aria-invalid={errorFor('file') !== null}
          aria-describedby={describedBy('file', 'intro')}
          onChange={choose}
        />
        {fieldError('file')}
      </div>
      {thumbnail !== null && thumbnail !== undefined && (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-describedby={describedBy('remove')}
            onClick={() => send(null)}
          >
            {text.remove}
          </button>
          {fieldError('remove')}
        </div>
      )}
      {sending !== null && (
        <p className="hint" role="status">
          {sending === 'upload' ? text.uploading : text.removing}
        </p>
      )}
      {done !== null && (
        <p className="form-success" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
