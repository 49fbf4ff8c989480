// Writing a post or a reply: text (a new post's kept as a draft in this tab), a content
// warning, pictures or a poll, who can see and interact with it, a quoted post, and the
// characters left.
import { Suspense, lazy, useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { composeText } from '../i18n/composeText';
import { clearDraft, loadDraft, saveDraft } from '../lib/draft';
import { NEW_POLL, pollInput, pollProblem, type PollDraft } from '../lib/poll';
import { statusLength } from '../lib/statusLength';
import { messageOf } from '../relay/errors';
import { useViewer } from '../session';
import { useAnnounce } from './Announcer';
import { useAutocomplete } from './ComposeAutocomplete';
import { useAttachments } from './ComposeMedia';
import { ErrorBoundary } from './ErrorBoundary';
import { ImageIcon } from './Icons';
import type { Compose_query$key } from './__generated__/Compose_query.graphql';
import type {
  ComposeCreateStatusMutation,
  InteractionAudience,
  Visibility,
} from './__generated__/ComposeCreateStatusMutation.graphql';

// The pictures' editor, the poll editor, the quoted post and the preview load when first needed.
const ComposeMedia = lazy(() => import('./ComposeMediaList').then((module) => ({ default: module.ComposeMedia })));
const ComposePoll = lazy(() => import('./ComposePoll').then((module) => ({ default: module.ComposePoll })));
const ComposeQuotedPreview = lazy(() => import('./ComposeQuotedPreview'));
const ComposePreview = lazy(() => import('./ComposePreview'));

const queryFragment = graphql`
  fragment Compose_query on Query {
    instance {
      maxStatusChars
      charactersReservedPerUrl
      maxMediaAttachments
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
const AUDIENCES: readonly InteractionAudience[] = ['ANYONE', 'FOLLOWERS', 'NOBODY'];
const ACCEPTED_PICTURES = 'image/jpeg,image/png,image/webp,image/gif';

function describe(visibility: Visibility): string {
  return en.visibility[`${visibility}_description` as keyof typeof en.visibility] ?? '';
}

function nameOf(visibility: Visibility): string {
  return en.visibility[visibility as keyof typeof en.visibility] ?? visibility;
}

function asVisibility(value: string): Visibility {
  return (VISIBILITIES as readonly string[]).includes(value) ? (value as Visibility) : 'PUBLIC';
}

interface Policies {
  replyPolicy: InteractionAudience;
  boostPolicy: InteractionAudience;
  quotePolicy: InteractionAudience;
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
  /** The status being quoted, if any. */
  quoteOfId?: string | null;
  /** Called when the quote is removed or posted. */
  onQuoteDone?: () => void;
  /** Writing a reply, which takes the focus as it opens and keeps no draft. */
  replyTo?: ReplyTo;
  onPosted?: () => void;
  onCancel?: () => void;
}

export function Compose({ query, connections, quoteOfId = null, onQuoteDone, replyTo, onPosted, onCancel }: Props) {
  const data = useFragment(queryFragment, query);
  const announce = useAnnounce();
  const account = useViewer()?.id ?? 'signed-out';
  const [commit, posting] = useMutation<ComposeCreateStatusMutation>(createStatusMutation);
  const replying = replyTo !== undefined;
  const [initial] = useState(() =>
    replyTo === undefined ? loadDraft(account) : { ...replyTo, warn: replyTo.contentWarning !== '' },
  );
  const [text, setText] = useState(initial.text);
  const [warn, setWarn] = useState(initial.warn);
  const [contentWarning, setContentWarning] = useState(initial.contentWarning);
  const [visibility, setVisibility] = useState<Visibility>(asVisibility(initial.visibility));
  const [sensitive, setSensitive] = useState(false);
  const [pollDraft, setPoll] = useState<PollDraft | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [policies, setPolicies] = useState<Policies>({ replyPolicy: 'ANYONE', boostPolicy: 'ANYONE', quotePolicy: 'ANYONE' });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [field, setField] = useState<HTMLTextAreaElement | null>(null);
  const media = useAttachments();
  // A quote has no poll.
  const poll = quoteOfId === null ? pollDraft : null;
  const autocomplete = useAutocomplete(text, setText, field);
  const id = useId();
  const ids = {
    text: `${id}-text`,
    warning: `${id}-warning`,
    visibility: `${id}-visibility`,
    counter: `${id}-counter`,
    error: `${id}-error`,
    files: `${id}-files`,
    filesHint: `${id}-files-hint`,
    wait: `${id}-wait`,
    preview: `${id}-preview`,
  };

  useEffect(() => {
    if (!replying) saveDraft(account, { text, contentWarning, warn, visibility });
  }, [replying, account, text, contentWarning, warn, visibility]);

  useEffect(() => {
    if (quoteOfId !== null) field?.focus();
  }, [quoteOfId, field]);

  // A reply opens with the focus after the author's mention.
  useEffect(() => {
    if (!replying || field === null) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  }, [replying, field]);

  const { maxStatusChars, charactersReservedPerUrl, maxMediaAttachments } = data.instance;
  const length = statusLength(text, warn ? contentWarning : '', charactersReservedPerUrl);
  const remaining = maxStatusChars - length;
  const empty = text.trim() === '';
  const pictures = media.attachments;
  const waiting = pictures.some((item) => item.state === 'UPLOADING' || item.state === 'PROCESSING');
  const failed = pictures.some((item) => item.state === 'FAILED');
  const pollWrong = poll !== null && pollProblem(poll) !== null;
  const quoteWithoutText = quoteOfId !== null && empty;
  const busy = posting || saving;
  const canPost =
    (!empty || pictures.length > 0) && remaining >= 0 && !busy && !waiting && !failed && !pollWrong && !quoteWithoutText;

  const addFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])].slice(0, maxMediaAttachments - pictures.length);
    event.target.value = '';
    media.add(files);
  };

  const reset = () => {
    setText('');
    setContentWarning('');
    setWarn(false);
    setSensitive(false);
    setPoll(null);
    setPreviewing(false);
    media.clear();
    if (!replying) clearDraft(account);
    if (quoteOfId !== null) onQuoteDone?.();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canPost) return;
    setError(null);
    setSaving(true);
    let mediaIds: string[];
    try {
      mediaIds = await media.save();
    } catch (failure) {
      setError(messageOf(failure));
      return;
    } finally {
      setSaving(false);
    }
    commit({
      variables: {
        connections,
        input: {
          text,
          visibility,
          contentWarning: warn && contentWarning.trim() !== '' ? contentWarning : null,
          inReplyToId: replyTo?.statusId ?? null,
          sensitive: sensitive && mediaIds.length > 0,
          mediaIds,
          poll: poll === null ? null : pollInput(poll),
          quoteOfId,
          ...policies,
        },
      },
      onCompleted: () => {
        reset();
        announce(composeText.compose.posted);
        onPosted?.();
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  const describedBy = [ids.counter, error === null ? null : ids.error, waiting ? ids.wait : null]
    .filter((part) => part !== null)
    .join(' ');

  return (
    <form
      className={`compose${replying ? ' compose--reply' : ' panel'}`}
      onSubmit={(event) => void submit(event)}
      aria-label={replyTo?.label ?? composeText.compose.title}
    >
      {quoteOfId !== null && (
        <div className="compose__quote">
          <p className="compose__quote-heading">
            <span>{composeText.compose.quoting}</span>
            <button type="button" className="button button--small" onClick={() => onQuoteDone?.()}>
              {composeText.compose.removeQuote}
            </button>
          </p>
          <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
            <ComposeQuotedPreview id={quoteOfId} />
          </Suspense>
          {quoteWithoutText && <p className="hint">{composeText.compose.quoteNeedsText}</p>}
        </div>
      )}
      {warn && (
        <div className="field">
          <label htmlFor={ids.warning}>{composeText.compose.contentWarning}</label>
          <input
            id={ids.warning}
            className="input"
            value={contentWarning}
            placeholder={composeText.compose.contentWarningPlaceholder}
            onChange={(event) => setContentWarning(event.target.value)}
          />
        </div>
      )}
      <div className="field compose__field">
        <label htmlFor={ids.text} className="visually-hidden">
          {replyTo?.label ?? composeText.compose.text}
        </label>
        <textarea
          id={ids.text}
          ref={setField}
          className="input compose__text"
          value={text}
          rows={4}
          placeholder={replyTo?.label ?? composeText.compose.text}
          aria-describedby={describedBy}
          aria-invalid={remaining < 0}
          onChange={(event) => setText(event.target.value)}
          {...autocomplete.attributes}
        />
        {autocomplete.listbox}
      </div>
      {previewing && (
        <section id={ids.preview} className="compose__preview" aria-label={composeText.compose.previewHeading}>
          {empty ? (
            <p className="hint">{composeText.compose.previewEmpty}</p>
          ) : remaining < 0 ? (
            <p className="hint">{t(composeText.compose.over, { over: -remaining })}</p>
          ) : (
            <ErrorBoundary>
              <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
                <ComposePreview text={text} />
              </Suspense>
            </ErrorBoundary>
          )}
        </section>
      )}
      {pictures.length > 0 && (
        <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
          <ComposeMedia attachments={pictures} onChange={media.change} onRemove={media.remove} />
        </Suspense>
      )}
      {poll !== null && (
        <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
          <ComposePoll poll={poll} onChange={setPoll} />
        </Suspense>
      )}
      <div className="compose__options">
        <span className="compose__tools">
          <input
            id={ids.files}
            type="file"
            className="visually-hidden"
            accept={ACCEPTED_PICTURES}
            multiple
            disabled={poll !== null || pictures.length >= maxMediaAttachments}
            aria-describedby={ids.filesHint}
            onChange={addFiles}
          />
          <label htmlFor={ids.files} className="button button--small compose__add-pictures">
            <ImageIcon />
            {composeText.compose.addPictures}
          </label>
          <span id={ids.filesHint} className="visually-hidden">
            {t(composeText.compose.picturesLimit, { max: maxMediaAttachments })}
          </span>
          <button
            type="button"
            className="button button--small"
            aria-pressed={poll !== null}
            disabled={pictures.length > 0 || quoteOfId !== null}
            onClick={() => setPoll(poll === null ? NEW_POLL : null)}
          >
            {poll === null ? composeText.compose.addPoll : composeText.compose.removePoll}
          </button>
          <button
            type="button"
            className="button button--small"
            aria-pressed={previewing}
            aria-controls={previewing ? ids.preview : undefined}
            onClick={() => setPreviewing(!previewing)}
          >
            {composeText.compose.preview}
          </button>
        </span>
        <label className="checkbox">
          <input type="checkbox" checked={warn} onChange={(event) => setWarn(event.target.checked)} />
          {composeText.compose.contentWarningToggle}
        </label>
        {pictures.length > 0 && (
          <label className="checkbox">
            <input type="checkbox" checked={sensitive} onChange={(event) => setSensitive(event.target.checked)} />
            {composeText.compose.sensitive}
          </label>
        )}
      </div>
      <details className="visibility">
        <summary>
          {composeText.compose.visibility}: <strong>{nameOf(visibility)}</strong>
        </summary>
        <fieldset className="visibility__choices">
          <legend className="visually-hidden">{composeText.compose.visibility}</legend>
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
      <details className="visibility compose__policies">
        <summary>{composeText.compose.interactions}</summary>
        <div className="compose__policy-fields">
          {(['replyPolicy', 'boostPolicy', 'quotePolicy'] as const).map((policy) => (
            <div key={policy} className="field field--inline">
              <label htmlFor={`${id}-${policy}`}>{composeText.compose[policy]}</label>
              <select
                id={`${id}-${policy}`}
                className="input"
                value={policies[policy]}
                onChange={(event) => setPolicies({ ...policies, [policy]: event.target.value as InteractionAudience })}
              >
                {AUDIENCES.map((audience) => (
                  <option key={audience} value={audience}>
                    {composeText.compose[audience as 'ANYONE' | 'FOLLOWERS' | 'NOBODY']}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <p className="hint">{composeText.compose.policyNote}</p>
        </div>
      </details>
      {error !== null && (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="compose__submit">
        {waiting && (
          <span id={ids.wait} className="hint">
            {composeText.compose.waitForPictures}
          </span>
        )}
        <span id={ids.counter} className={`counter${remaining < 0 ? ' counter--over' : ''}`} aria-live="polite">
          {remaining < 0 ? t(composeText.compose.over, { over: -remaining }) : t(composeText.compose.counter, { remaining })}
        </span>
        {onCancel !== undefined && (
          <button type="button" className="button" onClick={onCancel}>
            {en.thread.cancelReply}
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={!canPost}>
          {busy ? composeText.compose.posting : replying ? en.status.reply : composeText.compose.post}
        </button>
      </div>
    </form>
  );
}
