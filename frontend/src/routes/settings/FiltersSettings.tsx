// The viewer's filters: words to hide or to show behind a warning, where, and until when.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { expiresInSeconds, expiryChoices, type ExpiryChoice } from '../../lib/filterExpiry';
import { appendToRoot, removeFromRoot } from '../../lib/rootList';
import { absoluteTime } from '../../lib/time';
import { messageOf } from '../../relay/errors';
import type { FiltersSettingsQuery } from './__generated__/FiltersSettingsQuery.graphql';
import type { FiltersSettings_filter$data, FiltersSettings_filter$key } from './__generated__/FiltersSettings_filter.graphql';
import type { FiltersSettingsCreateMutation } from './__generated__/FiltersSettingsCreateMutation.graphql';
import type { FiltersSettingsUpdateMutation } from './__generated__/FiltersSettingsUpdateMutation.graphql';
import type { FiltersSettingsDeleteMutation } from './__generated__/FiltersSettingsDeleteMutation.graphql';

const pageQuery = graphql`
  query FiltersSettingsQuery {
    filters {
      id
      ...FiltersSettings_filter
    }
  }
`;

const filterFragment = graphql`
  fragment FiltersSettings_filter on Filter {
    id
    title
    contexts
    action
    keywords {
      keyword
      wholeWord
    }
    expiresAt
  }
`;

const createMutation = graphql`
  mutation FiltersSettingsCreateMutation($input: CreateFilterInput!) {
    createFilter(input: $input) {
      filter {
        id
        ...FiltersSettings_filter
      }
    }
  }
`;

const updateMutation = graphql`
  mutation FiltersSettingsUpdateMutation($input: UpdateFilterInput!) {
    updateFilter(input: $input) {
      filter {
        ...FiltersSettings_filter
      }
    }
  }
`;

const deleteMutation = graphql`
  mutation FiltersSettingsDeleteMutation($id: ID!) {
    deleteFilter(input: { id: $id }) {
      deletedFilterId
    }
  }
`;

export const filterContexts = ['HOME', 'NOTIFICATIONS', 'PUBLIC', 'THREAD', 'ACCOUNT'] as const;
type Context = (typeof filterContexts)[number];
type Action = 'WARN' | 'HIDE';

interface KeywordRow {
  key: number;
  keyword: string;
  wholeWord: boolean;
}

/** What the form sends, create and update alike (update adds the id). */
export interface FilterFields {
  title: string;
  contexts: Context[];
  action: Action;
  keywords: { keyword: string; wholeWord: boolean }[];
  expiresInSeconds?: number;
}

type Existing = Pick<FiltersSettings_filter$data, 'title' | 'contexts' | 'action' | 'keywords' | 'expiresAt'>;

/** The form for a new filter (no `filter`) or for changing one; exported for its tests. */
export function FilterForm({
  filter,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  filter?: Existing;
  busy: boolean;
  error: string | null;
  onSubmit: (fields: FilterFields) => void;
  onCancel?: () => void;
}) {
  const expiresAt = filter?.expiresAt ?? null;
  const [title, setTitle] = useState(filter?.title ?? '');
  const [rows, setRows] = useState<KeywordRow[]>(() =>
    (filter?.keywords ?? [{ keyword: '', wholeWord: true }]).map((keyword, key) => ({ key, ...keyword })),
  );
  const [nextKey, setNextKey] = useState(rows.length);
  const [contexts, setContexts] = useState<Context[]>(() =>
    filter === undefined ? ['HOME', 'PUBLIC', 'THREAD'] : filterContexts.filter((context) => filter.contexts.includes(context)),
  );
  const [action, setAction] = useState<Action>(filter?.action === 'HIDE' ? 'HIDE' : 'WARN');
  const [choices] = useState(() => expiryChoices(expiresAt));
  const [expiry, setExpiry] = useState<ExpiryChoice>(choices[0] ?? 'never');
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;

  const editRow = (key: number, change: Partial<KeywordRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const toggleContext = (context: Context, on: boolean) =>
    setContexts((current) => filterContexts.filter((item) => (item === context ? on : current.includes(item))));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const seconds = expiresInSeconds(expiry, expiresAt);
    onSubmit({
      title,
      contexts,
      action,
      keywords: rows.map(({ keyword, wholeWord }) => ({ keyword, wholeWord })),
      ...(seconds === undefined ? {} : { expiresInSeconds: seconds }),
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id('title')}>{settingsText.filters.titleLabel}</label>
        <input
          id={id('title')}
          className="input"
          value={title}
          aria-describedby={id('title-hint')}
          onChange={(event) => setTitle(event.target.value)}
        />
        <p id={id('title-hint')} className="hint">
          {settingsText.filters.titleHint}
        </p>
      </div>
      <fieldset className="settings__group">
        <legend>{settingsText.filters.keywords}</legend>
        {rows.map((row, index) => {
          const number = index + 1;
          return (
            <div key={row.key} className="settings__field-row">
              <div className="field">
                <label htmlFor={id(`keyword-${row.key}`)}>{t(settingsText.filters.keyword, { number })}</label>
                <input
                  id={id(`keyword-${row.key}`)}
                  className="input"
                  value={row.keyword}
                  onChange={(event) => editRow(row.key, { keyword: event.target.value })}
                />
              </div>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={row.wholeWord}
                  aria-describedby={id('whole-word-hint')}
                  onChange={(event) => editRow(row.key, { wholeWord: event.target.checked })}
                />
                {settingsText.filters.wholeWord}
              </label>
              {rows.length > 1 && (
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => setRows((current) => current.filter((item) => item.key !== row.key))}
                >
                  {t(settingsText.filters.removeKeyword, { number })}
                </button>
              )}
            </div>
          );
        })}
        <p id={id('whole-word-hint')} className="hint">
          {settingsText.filters.wholeWordHint}
        </p>
        <button
          type="button"
          className="button button--quiet settings__add"
          onClick={() => {
            setRows((current) => [...current, { key: nextKey, keyword: '', wholeWord: true }]);
            setNextKey(nextKey + 1);
          }}
        >
          {settingsText.filters.addKeyword}
        </button>
      </fieldset>
      <fieldset className="settings__group">
        <legend>{settingsText.filters.contexts}</legend>
        {filterContexts.map((context) => (
          <label key={context} className="checkbox">
            <input
              type="checkbox"
              checked={contexts.includes(context)}
              onChange={(event) => toggleContext(context, event.target.checked)}
            />
            {settingsText.filters[context]}
          </label>
        ))}
      </fieldset>
      <fieldset className="settings__group">
        <legend>{settingsText.filters.action}</legend>
        {(['WARN', 'HIDE'] as const).map((choice) => (
          <label key={choice} className="checkbox">
            <input type="radio" name={id('action')} checked={action === choice} onChange={() => setAction(choice)} />
            {settingsText.filters[choice]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={id('expiry')}>{settingsText.filters.expiry}</label>
        <select
          id={id('expiry')}
          className="input"
          value={expiry}
          onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 'keep' && expiresAt !== null ? t(settingsText.filters.keep, { when: absoluteTime(expiresAt) }) : settingsText.filters[choice as Exclude<ExpiryChoice, 'keep'>]}
            </option>
          ))}
        </select>
      </div>
      <FormError message={error} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? settingsText.filters.saving : settingsText.filters.save}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {settingsText.filters.cancel}
          </button>
        )}
      </div>
    </form>
  );
}

function CreateFilter() {
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [commit, busy] = useMutation<FiltersSettingsCreateMutation>(createMutation);
  const submit = (input: FilterFields) => {
    setError(null);
    setSaved(false);
    commit({
      variables: { input },
      updater: (store) => appendToRoot(store, 'filters', store.getRootField('createFilter')?.getLinkedRecord('filter')),
      onCompleted: () => {
        setSaved(true);
        setOpen(false);
        setFormKey(formKey + 1);
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <>
      <p role="status" className="form-success">
        {saved ? settingsText.filters.saved : ''}
      </p>
      {open ? (
        <section className="settings__group" aria-label={settingsText.filters.create}>
          <h2 className="section-heading">{settingsText.filters.create}</h2>
          <FilterForm key={formKey} busy={busy} error={error} onSubmit={submit} onCancel={() => setOpen(false)} />
        </section>
      ) : (
        <button type="button" className="button button--primary settings__add" onClick={() => setOpen(true)}>
          {settingsText.filters.create}
        </button>
      )}
    </>
  );
}

function FilterItem({ filter: key }: { filter: FiltersSettings_filter$key }) {
  const filter = useFragment(filterFragment, key);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [update, updating] = useMutation<FiltersSettingsUpdateMutation>(updateMutation);
  const [destroy, destroying] = useMutation<FiltersSettingsDeleteMutation>(deleteMutation);
  const [openedAt] = useState(() => Date.now());
  const ended = filter.expiresAt !== null && filter.expiresAt !== undefined && Date.parse(filter.expiresAt) <= openedAt;
  const save = (fields: FilterFields) => {
    setError(null);
    update({
      variables: { input: { id: filter.id, ...fields } },
      onCompleted: () => setEditing(false),
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <li className="setting-item">
      <div className="setting-item__head">
        <span className="setting-item__title">{filter.title}</span>
        <div className="actions">
          <button type="button" className="button button--small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {settingsText.filters.edit}
          </button>
          <ConfirmButton
            label={settingsText.filters.delete}
            question={t(settingsText.filters.deleteQuestion, { title: filter.title })}
            confirmLabel={t(settingsText.filters.deleteConfirm, { title: filter.title })}
            busy={destroying}
            onConfirm={() =>
              destroy({
                variables: { id: filter.id },
                updater: (store) => removeFromRoot(store, 'filters', filter.id),
                onError: (failure) => setError(messageOf(failure)),
              })
            }
          />
        </div>
      </div>
      <p className="hint">
        {t(settingsText.filters.summary, {
          keywords: filter.keywords.map((keyword) => keyword.keyword).join(', '),
          action: filter.action === 'HIDE' ? settingsText.filters.HIDE : settingsText.filters.WARN,
        })}
        {filter.expiresAt !== null && filter.expiresAt !== undefined && (
          <> · {ended ? settingsText.filters.expired : t(settingsText.filters.expires, { when: absoluteTime(filter.expiresAt) })}</>
        )}
      </p>
      {editing && (
        <section aria-label={t(settingsText.filters.editTitle, { title: filter.title })}>
          <FilterForm filter={filter} busy={updating} error={error} onSubmit={save} onCancel={() => setEditing(false)} />
        </section>
      )}
      {!editing && <FormError message={error} />}
    </li>
  );
}

export default function FiltersSettings() {
  const data = useLazyLoadQuery<FiltersSettingsQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return (
    <div className="panel">
      <PageHeading title={settingsText.filters.title} />
      <p className="page-description">{settingsText.filters.intro}</p>
      <CreateFilter />
      {data.filters.length === 0 ? (
        <p>{settingsText.filters.empty}</p>
      ) : (
        <ul className="setting-items" aria-label={settingsText.filters.mine}>
          {data.filters.map((filter) => (
            <FilterItem key={filter.id} filter={filter} />
          ))}
        </ul>
      )}
    </div>
  );
}
