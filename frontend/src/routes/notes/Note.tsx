// One of the viewer's notes: the post itself, and buttons to pin or archive it.
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { useAnnounce } from '../../components/Announcer';
import { PinIcon } from '../../components/Icons';
import { Status } from '../../components/Status';
import { en, t } from '../../i18n/en';
import { messageOf } from '../../relay/errors';
import type { Note_note$key } from './__generated__/Note_note.graphql';
import type { NotePinMutation } from './__generated__/NotePinMutation.graphql';
import type { NoteUnpinMutation } from './__generated__/NoteUnpinMutation.graphql';
import type { NoteArchiveMutation } from './__generated__/NoteArchiveMutation.graphql';
import type { NoteUnarchiveMutation } from './__generated__/NoteUnarchiveMutation.graphql';

const noteFragment = graphql`
  fragment Note_note on Status {
    id
    pinned
    archived
    visibility
    ...Status_status
  }
`;

const pinMutation = graphql`
  mutation NotePinMutation($input: StatusActionInput!) {
    pin(input: $input) {
      status {
        id
        pinned
      }
    }
  }
`;

const unpinMutation = graphql`
  mutation NoteUnpinMutation($input: StatusActionInput!) {
    unpin(input: $input) {
      status {
        id
        pinned
      }
    }
  }
`;

const archiveMutation = graphql`
  mutation NoteArchiveMutation($input: StatusActionInput!) {
    archiveStatus(input: $input) {
      status {
        id
        archived
      }
    }
  }
`;

const unarchiveMutation = graphql`
  mutation NoteUnarchiveMutation($input: StatusActionInput!) {
    unarchiveStatus(input: $input) {
      status {
        id
        archived
      }
    }
  }
`;

/** `onChanged` is told once a note was pinned, unpinned, archived or brought back. */
export function Note({ note: key, onChanged }: { note: Note_note$key; onChanged: () => void }) {
  const note = useFragment(noteFragment, key);
  const announce = useAnnounce();
  const [pin, pinning] = useMutation<NotePinMutation>(pinMutation);
  const [unpin, unpinning] = useMutation<NoteUnpinMutation>(unpinMutation);
  const [archive, archiving] = useMutation<NoteArchiveMutation>(archiveMutation);
  const [unarchive, unarchiving] = useMutation<NoteUnarchiveMutation>(unarchiveMutation);
  const busy = pinning || unpinning || archiving || unarchiving;
  const options = (done: string) => ({
    variables: { input: { statusId: note.id } },
    onCompleted: () => {
      announce(done);
      onChanged();
    },
    onError: (error: Error) => announce(t(en.notes.actionFailed, { reason: messageOf(error) })),
  });
  return (
    <div className={`note${note.pinned ? ' note--pinned' : ''}`}>
      <Status status={note} signedIn />
      <div className="note__actions">
        {note.visibility !== 'DIRECT' && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => (note.pinned ? unpin(options(en.notes.unpinned)) : pin(options(en.notes.pinned)))}
          >
            <PinIcon />
            {note.pinned ? en.notes.unpin : en.notes.pin}
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() =>
            note.archived ? unarchive(options(en.notes.unarchived)) : archive(options(en.notes.archived))
          }
        >
          {note.archived ? en.notes.unarchive : en.notes.archive}
        </button>
      </div>
    </div>
  );
}
