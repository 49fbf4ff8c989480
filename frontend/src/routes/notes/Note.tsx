// One of the viewer's notes: the post itself, and buttons to pin or archive it.
import { graphql, useFragment } from 'react-relay/hooks';
import { useAnnounce } from '../../components/Announcer';
import { PinIcon } from '../../components/Icons';
import { Status } from '../../components/Status';
import { toggles } from '../../components/statusMenuToggles';
import { useOptimisticToggle } from '../../components/useOptimisticToggle';
import { t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
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
      onFailed: (error) => announce(t(pageText.notes.actionFailed, { reason: messageOf(error) })),
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
            onClick={() => change('pinned', !note.pinned, note.pinned ? pageText.notes.unpinned : pageText.notes.pinned)}
          >
            <PinIcon />
            {note.pinned ? pageText.notes.unpin : pageText.notes.pin}
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => change('archived', !note.archived, note.archived ? pageText.notes.unarchived : pageText.notes.archived)}
        >
          {note.archived ? pageText.notes.unarchive : pageText.notes.archive}
        </button>
      </div>
    </div>
  );
}
