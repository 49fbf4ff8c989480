// Editing one's own post in place: its text and content warning; the earlier version is kept.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { composeText } from '../i18n/composeText';
import { messageOf } from '../relay/errors';
import { useAnnounce } from './Announcer';
import type { StatusEditor_status$key } from './__generated__/StatusEditor_status.graphql';
import type { StatusEditorMutation } from './__generated__/StatusEditorMutation.graphql';

const statusFragment = graphql`
  fragment StatusEditor_status on Status {
    id
    source
    contentWarning
  }
`;

const editMutation = graphql`
  mutation StatusEditorMutation($input: EditStatusInput!) {
    editStatus(input: $input) {
      status {
        id
        source
        ...StatusBody_status
      }
    }
  }
`;

export function StatusEditor({ status: key, onDone }: { status: StatusEditor_status$key; onDone: () => void }) {
  const status = useFragment(statusFragment, key);
  const announce = useAnnounce();
  const [commit, saving] = useMutation<StatusEditorMutation>(editMutation);
  const [text, setText] = useState(status.source ?? '');
  const [contentWarning, setContentWarning] = useState(status.contentWarning);
  const [error, setError] = useState<string | null>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const ids = { text: useId(), warning: useId(), warningHint: useId(), error: useId() };

  useEffect(() => {
    textArea.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    commit({
      // An empty content warning takes it away.
      variables: { input: { id: status.id, text, contentWarning: contentWarning.trim() } },
      onCompleted: () => {
        announce(composeText.edit.saved);
        onDone();
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  return (
    <form className="status__editor" onSubmit={submit} aria-label={composeText.edit.title}>
      <div className="field">
        <label htmlFor={ids.warning}>{composeText.edit.contentWarning}</label>
        <input
          id={ids.warning}
          className="input"
          value={contentWarning}
          aria-describedby={ids.warningHint}
          onChange={(event) => setContentWarning(event.target.value)}
        />
        <p id={ids.warningHint} className="hint">
          {composeText.edit.contentWarningHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.text}>{composeText.edit.text}</label>
        <textarea
          ref={textArea}
          id={ids.text}
          className="input compose__text"
          rows={4}
          value={text}
          aria-describedby={error === null ? undefined : ids.error}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      {error !== null && (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={saving || text.trim() === ''}>
          {saving ? composeText.edit.saving : composeText.edit.save}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {composeText.edit.cancel}
        </button>
      </div>
    </form>
  );
}
