// The composer's pictures: each uploaded at once (with progress), watched until processed,
// with its alt text, focal point and a remove button.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { graphql, useRelayEnvironment } from 'react-relay/hooks';
import { commitMutation, fetchQuery, type Environment } from 'relay-runtime';
import { en, t } from '../i18n/en';
import { messageOf } from '../relay/errors';
import type { UploadMetadata } from '../relay/environment';
import type { ComposeMediaUploadMutation, ComposeMediaUploadMutation$data } from './__generated__/ComposeMediaUploadMutation.graphql';
import type { ComposeMediaUpdateMutation } from './__generated__/ComposeMediaUpdateMutation.graphql';
import type { ComposeMediaStateQuery } from './__generated__/ComposeMediaStateQuery.graphql';

const uploadMutation = graphql`
  mutation ComposeMediaUploadMutation($input: UploadMediaInput!) {
    uploadMedia(input: $input) {
      media {
        id
        state
        error
      }
    }
  }
`;

const updateMutation = graphql`
  mutation ComposeMediaUpdateMutation($input: UpdateMediaInput!) {
    updateMedia(input: $input) {
      media {
        id
        description
      }
    }
  }
`;

const stateQuery = graphql`
  query ComposeMediaStateQuery($id: ID!) {
    node(id: $id) {
      ... on MediaAttachment {
        id
        state
        error
      }
    }
  }
`;

/** How often a picture being processed is asked after, and for how long at most. */
const POLL_MS = 1000;
const POLL_LIMIT = 180;

export interface Focus {
  x: number;
  y: number;
}

export interface Attachment {
  /** This page's name for it, before the server gives an id. */
  key: number;
  /** Where the chosen file shows in this page (a `blob:` URL). */
  localUrl: string;
  id: string | null;
  state: 'UPLOADING' | 'PROCESSING' | 'READY' | 'FAILED';
  /** From 0 to 1, while uploading. */
  progress: number;
  error: string | null;
  description: string;
  focus: Focus;
  /** What the server holds of the description and focus. */
  saved: { description: string; focus: Focus };
}

let nextKey = 0;

function rounded(value: number): number {
  return Math.round(Math.max(-1, Math.min(1, value)) * 100) / 100;
}

/** The picture's state after `uploadMedia` answered `media`. */
function uploaded(media: ComposeMediaUploadMutation$data['uploadMedia']['media']): Partial<Attachment> {
  if (media.state === 'FAILED') return { id: media.id, state: 'FAILED', error: media.error ?? en.errors.CORRUPT_MEDIA };
  return { id: media.id, state: media.state === 'READY' ? 'READY' : 'PROCESSING', progress: 1 };
}

/** Saves an upload's alt text and focus. */
function updateMedia(environment: Environment, input: ComposeMediaUpdateMutation['variables']['input']): Promise<void> {
  return new Promise((resolve, reject) => {
    commitMutation<ComposeMediaUpdateMutation>(environment, {
      mutation: updateMutation,
      variables: { input },
      onCompleted: () => resolve(),
      onError: reject,
    });
  });
}

/** The composer's pictures and what can be done with them. */
export function useAttachments() {
  const environment = useRelayEnvironment();
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const change = useCallback((key: number, patch: Partial<Attachment>) => {
    if (!alive.current) return;
    setAttachments((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  const watch = useCallback(
    async (key: number, id: string) => {
      for (let tries = 0; tries < POLL_LIMIT && alive.current; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const answer = await fetchQuery<ComposeMediaStateQuery>(environment, stateQuery, { id }, { fetchPolicy: 'network-only' })
          .toPromise()
          .catch(() => undefined);
        const media = answer?.node;
        if (media?.state === 'READY') return change(key, { state: 'READY' });
        if (media?.state === 'FAILED') return change(key, { state: 'FAILED', error: media.error ?? en.errors.CORRUPT_MEDIA });
      }
      change(key, { state: 'FAILED', error: en.errors.INTERNAL });
    },
    [environment, change],
  );

  const add = useCallback(
    (files: File[]) => {
      for (const file of files) {
        const key = (nextKey += 1);
        const origin = { x: 0, y: 0 };
        setAttachments((current) => [
          ...current,
          {
            key,
            localUrl: URL.createObjectURL(file),
            id: null,
            state: 'UPLOADING',
            progress: 0,
            error: null,
            description: '',
            focus: origin,
            saved: { description: '', focus: origin },
          },
        ]);
        const metadata: UploadMetadata = { onUploadProgress: (sent, total) => change(key, { progress: sent / total }) };
        commitMutation<ComposeMediaUploadMutation>(environment, {
          mutation: uploadMutation,
          variables: { input: { file } },
          cacheConfig: { metadata: metadata as Record<string, unknown> },
          onCompleted: (response) => {
            const media = response.uploadMedia.media;
            change(key, uploaded(media));
            if (media.state === 'PROCESSING') void watch(key, media.id);
          },
          onError: (error) => change(key, { state: 'FAILED', error: messageOf(error) }),
        });
      }
    },
    [environment, change, watch],
  );

  const remove = useCallback((key: number) => {
    setAttachments((current) => {
      const gone = current.find((item) => item.key === key);
      if (gone !== undefined) URL.revokeObjectURL(gone.localUrl);
      return current.filter((item) => item.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    setAttachments((current) => {
      for (const item of current) URL.revokeObjectURL(item.localUrl);
      return [];
    });
  }, []);

  /** Sends the alt text and focus changed since the upload; resolves with the ids to post. */
  const save = useCallback(async (): Promise<string[]> => {
    const ids: string[] = [];
    for (const item of attachments) {
      if (item.id === null) continue;
      const { description, focus, saved } = item;
      if (description !== saved.description || focus.x !== saved.focus.x || focus.y !== saved.focus.y) {
        await updateMedia(environment, { id: item.id, description, focus });
        change(item.key, { saved: { description, focus } });
      }
      ids.push(item.id);
    }
    return ids;
  }, [attachments, environment, change]);

  return { attachments, add, remove, clear, change, save };
}

function FocalPoint({ item, number, onChange }: { item: Attachment; number: number; onChange: (focus: Focus) => void }) {
  const { x, y } = item.focus;
  const onClick = (event: MouseEvent<HTMLButtonElement>) => {
    // A click from the keyboard (Enter, Space) has no place: arrow keys move the point.
    if (event.detail === 0) return;
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    onChange({
      x: rounded(((event.clientX - box.left) / box.width) * 2 - 1),
      y: rounded(1 - ((event.clientY - box.top) / box.height) * 2),
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = 0.1;
    const moves: Record<string, Focus> = {
      ArrowLeft: { x: x - step, y },
      ArrowRight: { x: x + step, y },
      ArrowUp: { x, y: y + step },
      ArrowDown: { x, y: y - step },
    };
    const moved = moves[event.key];
    if (moved === undefined) return;
    event.preventDefault();
    onChange({ x: rounded(moved.x), y: rounded(moved.y) });
  };
  return (
    <button
      type="button"
      className="focal"
      aria-label={t(en.compose.focalPoint, { number, x: x.toFixed(1), y: y.toFixed(1) })}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <img src={item.localUrl} alt="" />
      <svg className="focal__marker" viewBox="-1 -1 2 2" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <circle cx={x} cy={-y} r="0.1" />
      </svg>
    </button>
  );
}

function stateText(item: Attachment): string {
  switch (item.state) {
    case 'UPLOADING':
      return t(en.compose.uploading, { percent: Math.round(item.progress * 100) });
    case 'PROCESSING':
      return en.compose.processing;
    case 'READY':
      return en.compose.ready;
    case 'FAILED':
      return t(en.compose.failed, { reason: item.error ?? '' });
  }
}

export function ComposeMedia({
  attachments,
  onChange,
  onRemove,
}: {
  attachments: Attachment[];
  onChange: (key: number, patch: Partial<Attachment>) => void;
  onRemove: (key: number) => void;
}) {
  if (attachments.length === 0) return null;
  return (
    <ul className="compose__media" aria-label={en.compose.pictures}>
      {attachments.map((item, index) => {
        const number = index + 1;
        const altId = `compose-alt-${item.key}`;
        return (
          <li key={item.key} className="compose__picture" aria-label={t(en.compose.picture, { number })}>
            <FocalPoint item={item} number={number} onChange={(focus) => onChange(item.key, { focus })} />
            <div className="compose__picture-fields">
              <p className={`compose__picture-state${item.state === 'FAILED' ? ' form-error' : ''}`} role="status">
                {stateText(item)}
              </p>
              {item.state === 'UPLOADING' && (
                <progress className="compose__progress" max={1} value={item.progress} aria-label={stateText(item)} />
              )}
              <label htmlFor={altId}>{t(en.compose.altText, { number })}</label>
              <textarea
                id={altId}
                className="input"
                rows={2}
                value={item.description}
                placeholder={en.compose.altTextHint}
                onChange={(event) => onChange(item.key, { description: event.target.value })}
              />
              <button type="button" className="button button--small" onClick={() => onRemove(item.key)}>
                {t(en.compose.removePicture, { number })}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
