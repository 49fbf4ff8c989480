// Writing a post or a reply: text, an optional content warning, who can see it, and the
// characters left.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { statusLength } from '../lib/statusLength';
import { messageOf } from '../relay/errors';
import { useAnnounce } from './Announcer';
import type { Compose_query$key } from './__generated__/Compose_query.graphql';
import type { ComposeCreateStatusMutation, Visibility } from './__generated__/ComposeCreateStatusMutation.graphql';

const queryFragment = graphql`
  fragment Compose_query on Query {
    instance {
      maxStatusChars
      charactersReservedPerUrl
    }
  }
`;

const createStatusMutation = graphql`
  mutation ComposeCreateStatusMutation($input: CreateStatusInput!, $connections: [ID!]!) {
    createStatus(input: $input) {
      status @prependNode(connections: $connections, edgeTypeName: "StatusEdge") {
        id
        ...Status_status
      }
    }
  }
`;

export const VISIBILITIES: readonly Visibility[] = ['PUBLIC', 'UNLISTED', 'FOLLOWERS', 'DIRECT', 'PRIVATE', 'LOCAL'];

function describe(visibility: Visibility): string {
  return en.visibility[`${visibility}_description` as keyof typeof en.visibility] ?? '';
}

function nameOf(visibility: Visibility): string {
  return en.visibility[visibility as keyof typeof en.visibility] ?? visibility;
}

/** A reply: to which status, what the composer is called, and how it starts. */
export interface ReplyTo {
  statusId: string;
  label: string;
  /** The text it starts with (the author mentioned). */
  text: string;
  contentWarning: string;
  visibility: Visibility;
}

interface Props {
  query: Compose_query$key;
  /** The connections a new post is put at the top of. */
  connections: string[];
  /** Writing a reply, which takes the focus as it opens. */
  replyTo?: ReplyTo;
  onPosted?: () => void;
  onCancel?: () => void;
}

export function Compose({ query, connections, replyTo, onPosted, onCancel }: Props) {
  const data = useFragment(queryFragment, query);
  const announce = useAnnounce();
  const [commit, posting] = useMutation<ComposeCreateStatusMutation>(createStatusMutation);
  const [text, setText] = useState(replyTo?.text ?? '');
  const [warn, setWarn] = useState((replyTo?.contentWarning ?? '') !== '');
  const [contentWarning, setContentWarning] = useState(replyTo?.contentWarning ?? '');
  const [visibility, setVisibility] = useState<Visibility>(replyTo?.visibility ?? 'PUBLIC');
  const textArea = useRef<HTMLTextAreaElement>(null);
  const replying = replyTo !== undefined;
  useEffect(() => {
    const element = textArea.current;
    if (!replying || element === null) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, [replying]);
  const [error, setError] = useState<string | null>(null);
  const ids = {
    text: useId(),
    warning: useId(),
    visibility: useId(),
    counter: useId(),
    error: useId(),
  };

  const { maxStatusChars, charactersReservedPerUrl } = data.instance;
  const length = statusLength(text, warn ? contentWarning : '', charactersReservedPerUrl);
  const remaining = maxStatusChars - length;
  const empty = text.trim() === '';
  const canPost = !empty && remaining >= 0 && !posting;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canPost) return;
    setError(null);
    commit({
      variables: {
        connections,
        input: {
          text,
          visibility,
          contentWarning: warn && contentWarning.trim() !== '' ? contentWarning : null,
          inReplyToId: replyTo?.statusId ?? null,
        },
      },
      onCompleted: () => {
        setText('');
        setContentWarning('');
        setWarn(false);
        announce(en.compose.posted);
        onPosted?.();
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  return (
    <form className={`compose${replying ? ' compose--reply' : ' panel'}`} onSubmit={submit} aria-label={replyTo?.label ?? en.compose.title}>
      {warn && (
        <div className="field">
          <label htmlFor={ids.warning}>{en.compose.contentWarning}</label>
          <input
            id={ids.warning}
            className="input"
            value={contentWarning}
            placeholder={en.compose.contentWarningPlaceholder}
            onChange={(event) => setContentWarning(event.target.value)}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.text} className="visually-hidden">
          {replyTo?.label ?? en.compose.text}
        </label>
        <textarea
          ref={textArea}
          id={ids.text}
          className="input compose__text"
          value={text}
          rows={4}
          placeholder={replyTo?.label ?? en.compose.text}
          aria-describedby={`${ids.counter}${error === null ? '' : ` ${ids.error}`}`}
          aria-invalid={remaining < 0}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="compose__options">
        <label className="checkbox">
          <input type="checkbox" checked={warn} onChange={(event) => setWarn(event.target.checked)} />
          {en.compose.contentWarningToggle}
        </label>
      </div>
      <details className="visibility">
        <summary>
          {en.compose.visibility}: <strong>{nameOf(visibility)}</strong>
        </summary>
        <fieldset className="visibility__choices">
          <legend className="visually-hidden">{en.compose.visibility}</legend>
          {VISIBILITIES.map((choice) => (
            <label key={choice} className="visibility__choice">
              <input
                type="radio"
                name={ids.visibility}
                value={choice}
                checked={visibility === choice}
                onChange={() => setVisibility(choice)}
              />
              <span>
                <span className="visibility__name">{nameOf(choice)}</span>
                <span className="hint">{describe(choice)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </details>
      {error !== null && (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="compose__submit">
        <span id={ids.counter} className={`counter${remaining < 0 ? ' counter--over' : ''}`} aria-live="polite">
          {remaining < 0
            ? t(en.compose.over, { over: -remaining })
            : t(en.compose.counter, { remaining })}
        </span>
        {onCancel !== undefined && (
          <button type="button" className="button" onClick={onCancel}>
            {en.thread.cancelReply}
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={!canPost}>
          {posting ? en.compose.posting : replying ? en.status.reply : en.compose.post}
        </button>
      </div>
    </form>
  );
}
