// The server's announcements, newest first, drafts and past ones too: an administrator makes
// one (published at once or kept as a draft, shown from and until given times), changes one
// in place, publishes or unpublishes it, and deletes it.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { RecordSourceSelectorProxy } from 'relay-runtime';
import { useAnnounce } from '../../../components/Announcer';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { Content } from '../../../components/Content';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { adminText } from '../../../i18n/adminText';
import { t } from '../../../i18n/en';
import { fromLocalInput, isCurrent, toLocalInput } from '../../../lib/announcements';
import { prependToRoot, removeFromRoot } from '../../../lib/rootList';
import { absoluteTime } from '../../../lib/time';
import { messageOf, rookeryErrorOf } from '../../../relay/errors';
import { fieldErrors } from '../fieldErrors';
import type { AnnouncementsPageQuery } from './__generated__/AnnouncementsPageQuery.graphql';
import type {
  AnnouncementsPage_announcement$data,
  AnnouncementsPage_announcement$key,
} from './__generated__/AnnouncementsPage_announcement.graphql';
import type { AnnouncementsPageCreateMutation } from './__generated__/AnnouncementsPageCreateMutation.graphql';
import type { AnnouncementsPageUpdateMutation } from './__generated__/AnnouncementsPageUpdateMutation.graphql';
import type { AnnouncementsPageDeleteMutation } from './__generated__/AnnouncementsPageDeleteMutation.graphql';

const pageQuery = graphql`
  query AnnouncementsPageQuery {
    adminAnnouncements {
      id
      ...AnnouncementsPage_announcement
    }
  }
`;

const announcementFragment = graphql`
  fragment AnnouncementsPage_announcement on Announcement {
    id
    text
    html
    startsAt
    endsAt
    published
    createdAt
  }
`;

const createMutation = graphql`
  mutation AnnouncementsPageCreateMutation($input: CreateAnnouncementInput!) {
    createAnnouncement(input: $input) {
      announcement {
        id
        published
        ...AnnouncementsPage_announcement
      }
    }
  }
`;

const updateMutation = graphql`
  mutation AnnouncementsPageUpdateMutation($input: UpdateAnnouncementInput!) {
    updateAnnouncement(input: $input) {
      announcement {
        id
        published
        ...AnnouncementsPage_announcement
      }
    }
  }
`;

const deleteMutation = graphql`
  mutation AnnouncementsPageDeleteMutation($input: AnnouncementIdInput!) {
    deleteAnnouncement(input: $input) {
      deletedAnnouncementId
    }
  }
`;

const text = adminText.announcements;

/** The most characters an announcement's text may have. */
export const MAX_TEXT = 2000;

/** What `AnnouncementInput` takes. */
export interface AnnouncementFields {
  text: string;
  startsAt: string | null;
  endsAt: string | null;
  published: boolean;
}

/** The form as typed: the times as datetime-local fields hold them. */
export interface AnnouncementDraft {
  text: string;
  startsAt: string;
  endsAt: string;
  published: boolean;
}

/** Where a refusal shows: beside the field it is about, else above the buttons. */
export type AnnouncementErrorPlace = 'text' | 'startsAt' | 'endsAt' | 'form';

export interface Failure {
  place: AnnouncementErrorPlace;
  message: string;
}

/** The field the server named in `extensions.field` (`announcement.endsAt`, `ends_at`, `text`…), else the form. */
export function announcementErrorPlace(field: string | undefined): AnnouncementErrorPlace {
  const last = field
    ?.split('.')
    .pop()
    ?.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return last === 'text' || last === 'startsAt' || last === 'endsAt' ? last : 'form';
}

/** A refusal from the server, placed by the field it names, in this page's words for FORBIDDEN. */
export function announcementFailure(error: unknown): Failure {
  const known = rookeryErrorOf(error);
  return { place: announcementErrorPlace(known.field), message: messageOf(known, { FORBIDDEN: text.forbidden }) };
}

/**
 * What is sent for the form as typed: the text trimmed and the times as instants; or, for
 * what the server would refuse, the message and the field it belongs beside.
 */
export function announcementInput(draft: AnnouncementDraft): { fields: AnnouncementFields } | { failure: Failure } {
  const body = draft.text.trim();
  if (body === '') return { failure: { place: 'text', message: text.textRequired } };
  const count = [...body].length;
  if (count > MAX_TEXT) return { failure: { place: 'text', message: t(text.textTooLong, { count }) } };
  const startsAt = fromLocalInput(draft.startsAt);
  if (startsAt === undefined) return { failure: { place: 'startsAt', message: text.notADate } };
  const endsAt = fromLocalInput(draft.endsAt);
  if (endsAt === undefined) return { failure: { place: 'endsAt', message: text.notADate } };
  if (startsAt !== null && endsAt !== null && Date.parse(endsAt) <= Date.parse(startsAt)) {
    return { failure: { place: 'endsAt', message: text.endBeforeStart } };
  }
  return { fields: { text: body, startsAt, endsAt, published: draft.published } };
}

/** The start of an announcement's text, to name it by: its first line, at most 40 characters. */
export function excerpt(body: string): string {
  const line = body.trim().split('\n')[0]?.trim() ?? '';
  const characters = [...line];
  return characters.length > 40 ? `${characters.slice(0, 39).join('').trimEnd()}…` : line;
}

type Saved = Pick<AnnouncementsPage_announcement$data, 'text' | 'startsAt' | 'endsAt' | 'published'>;

/** The form for a new announcement (no `announcement`) or for changing one; exported for its tests. */
export function AnnouncementForm({
  announcement,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  announcement?: Saved;
  busy: boolean;
  /** The server's refusal of what was last sent. */
  error: Failure | null;
  onSubmit: (fields: AnnouncementFields) => void;
  onCancel?: () => void;
}) {
  const editing = announcement !== undefined;
  const [body, setBody] = useState(announcement?.text ?? '');
  const [startsAt, setStartsAt] = useState(() => toLocalInput(announcement?.startsAt));
  const [endsAt, setEndsAt] = useState(() => toLocalInput(announcement?.endsAt));
  const [published, setPublished] = useState(announcement?.published ?? true);
  // A refusal found before sending, shown until the form is sent again.
  const [checked, setChecked] = useState<Failure | null>(null);
  const textField = useRef<HTMLTextAreaElement>(null);
  const baseId = useId();
  const id = (field: string) => `${baseId}-${field}`;
  // A form opened in place of an announcement takes the focus on its text.
  useEffect(() => {
    if (editing) textField.current?.focus();
  }, [editing]);
  const { errorFor, describedBy, fieldError } = fieldErrors(checked ?? error, id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = announcementInput({ text: body, startsAt, endsAt, published });
    if ('failure' in result) {
      setChecked(result.failure);
      const field = result.failure.place === 'text' ? textField.current : document.getElementById(id(result.failure.place));
      field?.focus();
      return;
    }
    setChecked(null);
    onSubmit(result.fields);
  };

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={announcement === undefined ? text.createTitle : t(text.editTitle, { excerpt: excerpt(announcement.text) })}
    >
      <div className="field">
        <label htmlFor={id('text')}>{text.text}</label>
        <textarea
          id={id('text')}
          ref={textField}
          className="input"
          rows={4}
          required
          value={body}
          aria-invalid={errorFor('text') !== null}
          aria-describedby={describedBy('text', 'text-hint')}
          onChange={(event) => setBody(event.target.value)}
        />
        <p id={id('text-hint')} className="hint">
          {text.textHint}
        </p>
        {fieldError('text')}
      </div>
      <div className="field">
        <label htmlFor={id('startsAt')}>{text.startsAt}</label>
        <input
          id={id('startsAt')}
          className="input"
          type="datetime-local"
          value={startsAt}
          aria-invalid={errorFor('startsAt') !== null}
          aria-describedby={describedBy('startsAt', 'startsAt-hint')}
          onChange={(event) => setStartsAt(event.target.value)}
        />
        <p id={id('startsAt-hint')} className="hint">
          {text.startsAtHint}
        </p>
        {fieldError('startsAt')}
      </div>
      <div className="field">
        <label htmlFor={id('endsAt')}>{text.endsAt}</label>
        <input
          id={id('endsAt')}
          className="input"
          type="datetime-local"
          value={endsAt}
          aria-invalid={errorFor('endsAt') !== null}
          aria-describedby={describedBy('endsAt', 'endsAt-hint')}
          onChange={(event) => setEndsAt(event.target.value)}
        />
        <p id={id('endsAt-hint')} className="hint">
          {text.endsAtHint}
        </p>
        {fieldError('endsAt')}
      </div>
      <div className="settings__option">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={published}
            aria-describedby={editing ? undefined : id('published-hint')}
            onChange={(event) => setPublished(event.target.checked)}
          />
          {editing ? text.published : text.publishNow}
        </label>
        {!editing && (
          <p id={id('published-hint')} className="hint">
            {text.publishNowHint}
          </p>
        )}
      </div>
      <FormError message={errorFor('form')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? text.saving : editing ? text.save : text.create}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {text.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

/** An announcement made a draft leaves the announcements shown above the page at once. */
function leaveBannerIfDraft(store: RecordSourceSelectorProxy) {
  const saved = store.getRootField('updateAnnouncement')?.getLinkedRecord('announcement');
  if (saved !== null && saved !== undefined && saved.getValue('published') === false) {
    removeFromRoot(store, 'announcements', saved.getDataID());
  }
}

function Time({ iso }: { iso: string }) {
  return <time dateTime={iso}>{absoluteTime(iso)}</time>;
}

function AnnouncementItem({
  announcement: key,
  editing,
  onEdit,
  onDone,
  onDeleted,
  onFailed,
}: {
  announcement: AnnouncementsPage_announcement$key;
  editing: boolean;
  onEdit: () => void;
  onDone: () => void;
  onDeleted: () => void;
  onFailed: (message: string | null) => void;
}) {
  const announcement = useFragment(announcementFragment, key);
  const [update, updating] = useMutation<AnnouncementsPageUpdateMutation>(updateMutation);
  const [destroy, destroying] = useMutation<AnnouncementsPageDeleteMutation>(deleteMutation);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [now] = useState(() => Date.now());
  const announce = useAnnounce();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  // Back where it was when the form closes.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const name = excerpt(announcement.text);

  const togglePublished = () => {
    onFailed(null);
    update({
      variables: {
        input: {
          id: announcement.id,
          announcement: {
            text: announcement.text,
            startsAt: announcement.startsAt ?? null,
            endsAt: announcement.endsAt ?? null,
            published: !announcement.published,
          },
        },
      },
      updater: leaveBannerIfDraft,
      onCompleted: (response) => announce(response.updateAnnouncement.announcement.published ? text.nowPublished : text.nowDraft),
      onError: (error) => onFailed(messageOf(error, { FORBIDDEN: text.forbidden })),
    });
  };

  const state = !announcement.published
    ? null
    : announcement.startsAt !== null && announcement.startsAt !== undefined && Date.parse(announcement.startsAt) > now
      ? text.notStarted
      : isCurrent(announcement, now)
        ? null
        : text.ended;

  return (
    <li className="setting-item">
      <div className="setting-item__head">
        <span className="actions">
          <span className="badge">{announcement.published ? text.publishedBadge : text.draft}</span>
          {state !== null && <span className="badge">{state}</span>}
        </span>
        {!editing && (
          <span className="actions">
            <button
              type="button"
              ref={editButton}
              className="button button--small"
              aria-label={t(text.editOf, { excerpt: name })}
              onClick={onEdit}
            >
              {text.edit}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={updating}
              aria-label={t(announcement.published ? text.unpublishOf : text.publishOf, { excerpt: name })}
              onClick={togglePublished}
            >
              {announcement.published ? text.unpublish : text.publish}
            </button>
            <ConfirmButton
              label={text.delete}
              question={t(text.deleteQuestion, { excerpt: name })}
              confirmLabel={text.deleteConfirm}
              busy={destroying}
              onConfirm={() =>
                destroy({
                  variables: { input: { id: announcement.id } },
                  updater: (store) => {
                    removeFromRoot(store, 'adminAnnouncements', announcement.id);
                    removeFromRoot(store, 'announcements', announcement.id);
                  },
                  onCompleted: onDeleted,
                  onError: (error) => onFailed(messageOf(error, { FORBIDDEN: text.forbidden })),
                })
              }
            />
          </span>
        )}
      </div>
      {editing ? (
        <AnnouncementForm
          announcement={announcement}
          busy={updating}
          error={failure}
          onCancel={() => {
            setFailure(null);
            onDone();
          }}
          onSubmit={(fields) => {
            setFailure(null);
            update({
              variables: { input: { id: announcement.id, announcement: fields } },
              updater: leaveBannerIfDraft,
              onCompleted: () => {
                announce(text.saved);
                onDone();
              },
              onError: (error) => setFailure(announcementFailure(error)),
            });
          }}
        />
      ) : (
        <>
          <Content html={announcement.html} className="content admin-announcement__text" />
          <dl className="admin-announcement__times hint">
            <div>
              <dt>{text.starts}</dt>
              <dd>
                {announcement.startsAt === null || announcement.startsAt === undefined ? (
                  text.atOnce
                ) : (
                  <Time iso={announcement.startsAt} />
                )}
              </dd>
            </div>
            <div>
              <dt>{text.ends}</dt>
              <dd>
                {announcement.endsAt === null || announcement.endsAt === undefined ? (
                  text.noEnd
                ) : (
                  <Time iso={announcement.endsAt} />
                )}
              </dd>
            </div>
            <div>
              <dt>{text.created}</dt>
              <dd>
                <Time iso={announcement.createdAt} />
              </dd>
            </div>
          </dl>
        </>
      )}
    </li>
  );
}

function CreateAnnouncement() {
  const [create, creating] = useMutation<AnnouncementsPageCreateMutation>(createMutation);
  const [failure, setFailure] = useState<Failure | null>(null);
  // A fresh, empty form once one is made.
  const [made, setMade] = useState(0);
  const announce = useAnnounce();
  const headingId = useId();
  return (
    <section className="setting-item" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-heading">
        {text.createTitle}
      </h2>
      <AnnouncementForm
        key={made}
        busy={creating}
        error={failure}
        onSubmit={(fields) => {
          setFailure(null);
          create({
            variables: { input: { announcement: fields } },
            updater: (store) =>
              prependToRoot(
                store,
                'adminAnnouncements',
                store.getRootField('createAnnouncement')?.getLinkedRecord('announcement'),
              ),
            onCompleted: (response) => {
              announce(response.createAnnouncement.announcement.published ? text.madePublished : text.madeDraft);
              setMade((count) => count + 1);
            },
            onError: (error) => setFailure(announcementFailure(error)),
          });
        }}
      />
    </section>
  );
}

export default function AnnouncementsPage() {
  const data = useLazyLoadQuery<AnnouncementsPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const list = data.adminAnnouncements;
  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <CreateAnnouncement />
      <h2 className="section-heading" tabIndex={-1} ref={listHeading}>
        {text.listTitle}
      </h2>
      <FormError message={error} />
      {list.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <ul className="setting-items" aria-label={text.list}>
          {list.map((announcement) => (
            <AnnouncementItem
              key={announcement.id}
              announcement={announcement}
              editing={editing === announcement.id}
              onEdit={() => {
                setError(null);
                setEditing(announcement.id);
              }}
              onDone={() => setEditing(null)}
              onDeleted={() => {
                announce(text.deleted);
                // Its row is gone: the focus goes to the list's heading.
                listHeading.current?.focus();
              }}
              onFailed={setError}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
