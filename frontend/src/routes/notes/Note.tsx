// One of the viewer's notes: the post itself, and buttons to pin or archive it.
import { graphql, useFragment } from 'react-relay/hooks';
import { useAnnounce } from '../../components/Announcer';
import { PinIcon } from '../../components/Icons';
import { Status } from '../../components/Status';
import { toggles } from '../../components/statusMenuToggles';
import { useOptimisticToggle } from '../../components/useOptimisticToggle';
import { en, t } from '../../i18n/en';
import { messageOf } from '../../relay/errors';
import type { Note_note$key } from './__generated__/Note_note.graphql';

const noteFragment = graphql`
  fragment Note_note on Status {
    id
    pinned
    archived
    visibility
    ...Status_status
  }
`;

/** `onChanged` is told once a note was pinned, unpinned, archived or brought back. */
export function Note({ note: key, onChanged }: { note: Note_note$key; onChanged: () => void }) {
  const note = useFragment(noteFragment, key);
  const announce = useAnnounce();
  const { toggle, busy } = useOptimisticToggle();
  // Not shown before the server answers: the note then moves between the page's parts.
  const change = (flag: 'pinned' | 'archived', on: boolean, done: string) =>
    toggle(toggles[flag], on, {
      variables: { input: { statusId: note.id } },
      onDone: () => {
        announce(done);
        onChanged();
      },
      onFailed: (error) => announce(t(en.notes.actionFailed, { reason: messageOf(error) })),
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
            onClick={() => change('pinned', !note.pinned, note.pinned ? en.notes.unpinned : en.notes.pinned)}
          >
            <PinIcon />
            {note.pinned ? en.notes.unpin : en.notes.pin}
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => change('archived', !note.archived, note.archived ? en.notes.unarchived : en.notes.archived)}
        >
          {note.archived ? en.notes.unarchive : en.notes.archive}
        </button>
      </div>
    </div>
  );
}
