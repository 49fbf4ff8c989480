// Writing a post: text, an optional content warning, who can see it, and the characters left.
import { useId, useState, type FormEvent } from 'react';
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

interface Props {
  query: Compose_query$key;
  /** The connections a new post is put at the top of. */
  connections: string[];
}

export function Compose({ query, connections }: Props) {
  const data = useFragment(queryFragment, query);
  const announce = useAnnounce();
  const [commit, posting] = useMutation<ComposeCreateStatusMutation>(createStatusMutation);
  const [text, setText] = useState('');
  const [warn, setWarn] = useState(false);
  const [contentWarning, setContentWarning] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('PUBLIC');
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
        },
      },
      onCompleted: () => {
        setText('');
        setContentWarning('');
        setWarn(false);
        announce(en.compose.posted);
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  return (
    <form className="compose panel" onSubmit={submit} aria-label={en.compose.title}>
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
          {en.compose.text}
        </label>
        <textarea
          id={ids.text}
          className="input compose__text"
          value={text}
          rows={4}
          placeholder={en.compose.text}
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
        <button type="submit" className="button button--primary" disabled={!canPost}>
          {posting ? en.compose.posting : en.compose.post}
        </button>
      </div>
    </form>
  );
}
