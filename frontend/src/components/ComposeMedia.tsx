// The composer's pictures: each uploaded at once (with progress), watched until processed,
// its alt text and focal point saved; ComposeMediaList shows them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { graphql, useRelayEnvironment } from 'react-relay/hooks';
import { commitMutation, fetchQuery, type Environment } from 'relay-runtime';
import { en } from '../i18n/en';
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
