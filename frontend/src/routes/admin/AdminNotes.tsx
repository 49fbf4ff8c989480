// Moderators' notes on a report or an account, oldest first, and a form adding one.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { FormError } from '../../components/FormError';
import { RelativeTime } from '../../components/RelativeTime';
import { t } from '../../i18n/en';
import { adminText } from '../../i18n/adminText';
import type { AdminNotes_notes$key } from './__generated__/AdminNotes_notes.graphql';

const notesFragment = graphql`
  fragment AdminNotes_notes on ModeratorNote @relay(plural: true) {
    id
    text
    createdAt
    author {
      acct
    }
  }
`;

interface Props {
  notes: AdminNotes_notes$key;
  busy: boolean;
  error: string | null;
  /** Adds a note with `text`; `done` is called once it is added. */
  onAdd: (text: string, done: () => void) => void;
}

export function AdminNotes({ notes: key, busy, error, onAdd }: Props) {
  const notes = useFragment(notesFragment, key);
  const [text, setText] = useState('');
  const ids = { heading: useId(), text: useId(), hint: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') return;
    onAdd(trimmed, () => setText(''));
  };
  return (
    <section className="panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="section-heading">
        {adminText.notes.heading}
      </h2>
      {notes.length === 0 ? (
        <p className="hint">{adminText.notes.none}</p>
      ) : (
        <ul className="admin-list">
          {notes.map((note) => (
            <li key={note.id} className="admin-list__item">
              <p className="admin-note__text">{note.text}</p>
              <p className="hint">
                {t(adminText.notes.by, { acct: note.author.acct })} · <RelativeTime iso={note.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.text}>{adminText.notes.add}</label>
          <textarea
            id={ids.text}
            className="input"
            rows={2}
            value={text}
            aria-describedby={ids.hint}
            onChange={(event) => setText(event.target.value)}
          />
          <p id={ids.hint} className="hint">
            {adminText.notes.addHint}
          </p>
        </div>
        <FormError message={error} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy || text.trim() === ''}>
            {busy ? adminText.notes.adding : adminText.notes.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
