// Notes: the viewer's own posts of every kind, pinned ones on top, found by text, tag, pinned
// and archived, with a box to jot down a private note (visible to its author alone).
import { useDeferredValue, useEffect, useId, useMemo, useState, useTransition, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import { useAnnounce } from '../../components/Announcer';
import { PageHeading } from '../../components/PageHeading';
import { Timeline } from '../../components/Timeline';
import type { LiveTimeline } from '../../components/live';
import { en } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { messageOf } from '../../relay/errors';
import { Link } from '../../router';
import { Note } from './Note';
import type { Note_note$key } from './__generated__/Note_note.graphql';
import type { NotesPageQuery, NotesPageQuery$variables } from './__generated__/NotesPageQuery.graphql';
import type { NotesPage_pinned$key } from './__generated__/NotesPage_pinned.graphql';
import type { NotesPage_others$key } from './__generated__/NotesPage_others.graphql';
import type { NotesPagePinnedPaginationQuery } from './__generated__/NotesPagePinnedPaginationQuery.graphql';
import type { NotesPageOthersPaginationQuery } from './__generated__/NotesPageOthersPaginationQuery.graphql';
import type { NotesPageCaptureMutation } from './__generated__/NotesPageCaptureMutation.graphql';

const pageQuery = graphql`
  query NotesPageQuery(
    $tag: String
    $text: String
    $archived: Boolean
    $showPinned: Boolean!
    $showOthers: Boolean!
  ) {
    ...NotesPage_pinned @include(if: $showPinned) @alias(as: "pinned")
    ...NotesPage_others @include(if: $showOthers) @alias(as: "others")
  }
`;

const pinnedFragment = graphql`
  fragment NotesPage_pinned on Query
  @refetchable(queryName: "NotesPagePinnedPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    pinnedNotes: myNotes(
      filter: { tag: $tag, text: $text, archived: $archived, pinned: true }
      first: $count
      after: $cursor
    ) @connection(key: "NotesPage_pinnedNotes") {
      edges {
        node {
          id
          ...Note_note
        }
      }
    }
  }
`;

const othersFragment = graphql`
  fragment NotesPage_others on Query
  @refetchable(queryName: "NotesPageOthersPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    otherNotes: myNotes(
      filter: { tag: $tag, text: $text, archived: $archived, pinned: false }
      first: $count
      after: $cursor
    ) @connection(key: "NotesPage_otherNotes") {
      edges {
        node {
          id
          ...Note_note
        }
      }
    }
  }
`;

const captureMutation = graphql`
  mutation NotesPageCaptureMutation($input: CreateStatusInput!) {
    createStatus(input: $input) {
      status {
        id
      }
    }
  }
`;

const notLive: LiveTimeline = {
  pending: [],
  lagged: false,
  showPending: () => undefined,
  clearLagged: () => undefined,
};

type PinnedChoice = 'any' | 'pinned' | 'unpinned';
type ArchivedChoice = 'hide' | 'only' | 'also';

interface Filters {
  text: string;
  tag: string;
  pinned: PinnedChoice;
  archived: ArchivedChoice;
}

/** The query's variables for what the filters say. */
export function notesVariables(filters: Filters): NotesPageQuery$variables {
  const text = filters.text.trim();
  const tag = filters.tag.trim().replace(/^#/, '');
  return {
    text: text === '' ? null : text,
    tag: tag === '' ? null : tag,
    archived: filters.archived === 'hide' ? false : filters.archived === 'only' ? true : null,
    showPinned: filters.pinned !== 'unpinned',
    showOthers: filters.pinned !== 'pinned',
  };
}

/** `value`, once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface ListProps {
  title: string;
  emptyMessage: string;
  edges: readonly { readonly node: Note_note$key & { readonly id: string } }[];
  hasNext: boolean;
  isLoadingNext: boolean;
  loadNext: () => void;
  onChanged: () => void;
}

function NoteList({ title, emptyMessage, edges, hasNext, isLoadingNext, loadNext, onChanged }: ListProps) {
  return (
    <>
      <h2 className="notes__heading">{title}</h2>
      <Timeline
        label={title}
        count={edges.length}
        hasNext={hasNext}
        isLoadingNext={isLoadingNext}
        loadNext={loadNext}
        live={notLive}
        onRefresh={onChanged}
        emptyMessage={emptyMessage}
      >
        {edges.map(({ node }) => (
          <Note key={node.id} note={node} onChanged={onChanged} />
        ))}
      </Timeline>
    </>
  );
}

function PinnedNotes({ query, onChanged }: { query: NotesPage_pinned$key; onChanged: () => void }) {
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<
    NotesPagePinnedPaginationQuery,
    NotesPage_pinned$key
  >(pinnedFragment, query);
  if (data.pinnedNotes.edges.length === 0) return null;
  return (
    <NoteList
      title={pageText.notes.pinnedHeading}
      emptyMessage={pageText.notes.empty}
      edges={data.pinnedNotes.edges}
      hasNext={hasNext}
      isLoadingNext={isLoadingNext}
      loadNext={() => loadNext(20)}
      onChanged={onChanged}
    />
  );
}

function OtherNotes({ query, onChanged }: { query: NotesPage_others$key; onChanged: () => void }) {
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<
    NotesPageOthersPaginationQuery,
    NotesPage_others$key
  >(othersFragment, query);
  return (
    <NoteList
      title={pageText.notes.othersHeading}
      emptyMessage={pageText.notes.empty}
      edges={data.otherNotes.edges}
      hasNext={hasNext}
      isLoadingNext={isLoadingNext}
      loadNext={() => loadNext(20)}
      onChanged={onChanged}
    />
  );
}

function Capture({ onSaved }: { onSaved: () => void }) {
  const announce = useAnnounce();
  const [commit, saving] = useMutation<NotesPageCaptureMutation>(captureMutation);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { text: useId(), hint: useId(), error: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '' || saving) return;
    setError(null);
    commit({
      variables: { input: { text, visibility: 'PRIVATE' } },
      onCompleted: () => {
        setText('');
        announce(pageText.notes.saved);
        onSaved();
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <form className="panel notes__capture" onSubmit={submit} aria-label={pageText.notes.captureTitle}>
      <div className="field">
        <label htmlFor={ids.text}>{pageText.notes.captureLabel}</label>
        <textarea
          id={ids.text}
          className="input"
          rows={3}
          value={text}
          aria-describedby={`${ids.hint}${error === null ? '' : ` ${ids.error}`}`}
          onChange={(event) => setText(event.target.value)}
        />
        <span id={ids.hint} className="hint">
          {pageText.notes.captureHint}
        </span>
      </div>
      {error !== null && (
        <p id={ids.error} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="notes__capture-submit">
        <button type="submit" className="button button--primary" disabled={saving || text.trim() === ''}>
          {saving ? pageText.notes.saving : pageText.notes.save}
        </button>
      </div>
    </form>
  );
}

function FilterForm({ filters, onChange }: { filters: Filters; onChange: (filters: Filters) => void }) {
  const ids = { text: useId(), tag: useId(), pinned: useId(), archived: useId() };
  return (
    <form className="notes__filters" role="search" aria-label={pageText.notes.filtersLabel} onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={ids.text}>{pageText.notes.searchLabel}</label>
        <input
          id={ids.text}
          type="search"
          className="input"
          value={filters.text}
          onChange={(event) => onChange({ ...filters, text: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.tag}>{pageText.notes.tagLabel}</label>
        <input
          id={ids.tag}
          className="input"
          value={filters.tag}
          placeholder={pageText.notes.tagPlaceholder}
          onChange={(event) => onChange({ ...filters, tag: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.pinned}>{pageText.notes.pinnedLabel}</label>
        <select
          id={ids.pinned}
          className="input"
          value={filters.pinned}
          onChange={(event) => onChange({ ...filters, pinned: event.target.value as PinnedChoice })}
        >
          <option value="any">{pageText.notes.pinnedAny}</option>
          <option value="pinned">{pageText.notes.pinnedOnly}</option>
          <option value="unpinned">{pageText.notes.unpinnedOnly}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.archived}>{pageText.notes.archivedLabel}</label>
        <select
          id={ids.archived}
          className="input"
          value={filters.archived}
          onChange={(event) => onChange({ ...filters, archived: event.target.value as ArchivedChoice })}
        >
          <option value="hide">{pageText.notes.archivedHide}</option>
          <option value="only">{pageText.notes.archivedOnly}</option>
          <option value="also">{pageText.notes.archivedAlso}</option>
        </select>
      </div>
    </form>
  );
}

function Notes() {
  const [filters, setFilters] = useState<Filters>({ text: '', tag: '', pinned: 'any', archived: 'hide' });
  const [fetchKey, setFetchKey] = useState(0);
  const [, startRefresh] = useTransition();
  const settled = useSettled(filters, 300);
  const variables = useDeferredValue(useMemo(() => notesVariables(settled), [settled]));
  const data = useLazyLoadQuery<NotesPageQuery>(pageQuery, variables, { fetchPolicy: 'store-and-network', fetchKey });
  const refresh = () => startRefresh(() => setFetchKey((key) => key + 1));
  return (
    <>
      <PageHeading title={pageText.notes.title} />
      <Capture onSaved={refresh} />
      <FilterForm filters={filters} onChange={setFilters} />
      {data.pinned !== null && data.pinned !== undefined && <PinnedNotes query={data.pinned} onChanged={refresh} />}
      {data.others !== null && data.others !== undefined && <OtherNotes query={data.others} onChanged={refresh} />}
    </>
  );
}

function SignInFirst() {
  return (
    <div className="panel narrow">
      <PageHeading title={pageText.notes.title} />
      <p>{pageText.notes.signInFirst}</p>
      <p className="form-footer">
        <Link to="/sign-in">{en.nav.signIn}</Link>
      </p>
    </div>
  );
}

export default function NotesPage({ signedIn }: { signedIn: boolean }) {
  return signedIn ? <Notes /> : <SignInFirst />;
}
