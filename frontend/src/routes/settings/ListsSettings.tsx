// The viewer's lists: create one, rename, delete, see who is on each and take someone off.
import { useId, useState, type FormEvent } from 'react';
import { fetchQuery, graphql, useFragment, useLazyLoadQuery, useMutation, useRelayEnvironment } from 'react-relay/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { en, t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { appendToRoot, removeFromRoot } from '../../lib/rootList';
import { messageOf } from '../../relay/errors';
import { Link, listPath } from '../../router';
import type { ListsSettingsQuery } from './__generated__/ListsSettingsQuery.graphql';
import type { ListsSettings_list$key } from './__generated__/ListsSettings_list.graphql';
import type { ListsSettingsCreateMutation } from './__generated__/ListsSettingsCreateMutation.graphql';
import type { ListsSettingsRenameMutation } from './__generated__/ListsSettingsRenameMutation.graphql';
import type { ListsSettingsDeleteMutation } from './__generated__/ListsSettingsDeleteMutation.graphql';
import type { ListsSettingsRemoveMutation } from './__generated__/ListsSettingsRemoveMutation.graphql';
import type { ListsSettingsAddMutation } from './__generated__/ListsSettingsAddMutation.graphql';
import type { ListsSettingsAccountQuery } from './__generated__/ListsSettingsAccountQuery.graphql';
import { shownName } from '../../lib/shownName';

const pageQuery = graphql`
  query ListsSettingsQuery {
    lists {
      id
      ...ListsSettings_list
    }
  }
`;

const listFragment = graphql`
  fragment ListsSettings_list on List {
    id
    title
    accounts {
      id
      acct
      username
      displayName
    }
  }
`;

const createMutation = graphql`
  mutation ListsSettingsCreateMutation($title: String!) {
    createList(input: { title: $title }) {
      list {
        id
        ...ListsSettings_list
      }
    }
  }
`;

const renameMutation = graphql`
  mutation ListsSettingsRenameMutation($id: ID!, $title: String!) {
    renameList(input: { id: $id, title: $title }) {
      list {
        id
        title
      }
    }
  }
`;

const deleteMutation = graphql`
  mutation ListsSettingsDeleteMutation($id: ID!) {
    deleteList(input: { id: $id }) {
      deletedListId
    }
  }
`;

const handleQuery = graphql`
  query ListsSettingsAccountQuery($handle: String!) {
    accountByHandle(handle: $handle) {
      id
    }
  }
`;

const addMutation = graphql`
  mutation ListsSettingsAddMutation($id: ID!, $accountId: ID!) {
    addToList(input: { listId: $id, accountIds: [$accountId] }) {
      list {
        ...ListsSettings_list
      }
    }
  }
`;

const removeMutation = graphql`
  mutation ListsSettingsRemoveMutation($id: ID!, $accountId: ID!) {
    removeFromList(input: { listId: $id, accountIds: [$accountId] }) {
      list {
        ...ListsSettings_list
      }
    }
  }
`;

function CreateList() {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [commit, busy] = useMutation<ListsSettingsCreateMutation>(createMutation);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    commit({
      variables: { title },
      updater: (store) => appendToRoot(store, 'lists', store.getRootField('createList')?.getLinkedRecord('list')),
      onCompleted: () => setTitle(''),
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id}>{settingsText.lists.newTitle}</label>
        <input id={id} className="input" value={title} aria-invalid={error !== null} onChange={(event) => setTitle(event.target.value)} />
      </div>
      <button type="submit" className="button button--primary" disabled={busy || title.trim() === ''}>
        {busy ? settingsText.lists.creating : settingsText.lists.create}
      </button>
      <FormError message={error} />
    </form>
  );
}

function RenameForm({ id, title, onDone }: { id: string; title: string; onDone: () => void }) {
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const [commit, busy] = useMutation<ListsSettingsRenameMutation>(renameMutation);
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    commit({ variables: { id, title: value }, onCompleted: onDone, onError: (failure) => setError(messageOf(failure)) });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={inputId}>{t(settingsText.lists.renameLabel, { title })}</label>
        {/* The form opens on a press of Rename, so its field takes the focus. */}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
        <input id={inputId} className="input" autoFocus value={value} onChange={(event) => setValue(event.target.value)} />
      </div>
      <button type="submit" className="button button--primary" disabled={busy || value.trim() === ''}>
        {settingsText.lists.save}
      </button>
      <button type="button" className="button button--quiet" onClick={onDone}>
        {en.confirm.cancel}
      </button>
      <FormError message={error} />
    </form>
  );
}

/** Puts someone the viewer follows on the list, found by handle. */
function AddMember({ id, title }: { id: string; title: string }) {
  const environment = useRelayEnvironment();
  const [handle, setHandle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [commit] = useMutation<ListsSettingsAddMutation>(addMutation);
  const inputId = useId();
  const failed = (failure: unknown) => {
    setError(messageOf(failure));
    setBusy(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    fetchQuery<ListsSettingsAccountQuery>(environment, handleQuery, { handle: handle.trim().replace(/^@/, '') })
      .toPromise()
      .then((found) => {
        if (found === undefined) throw new Error('no answer');
        commit({
          variables: { id, accountId: found.accountByHandle.id },
          onCompleted: () => {
            setHandle('');
            setBusy(false);
          },
          onError: failed,
        });
      })
      .catch(failed);
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={inputId}>{t(settingsText.lists.addLabel, { title })}</label>
        <input
          id={inputId}
          className="input"
          value={handle}
          aria-describedby={`${inputId}-hint`}
          aria-invalid={error !== null}
          onChange={(event) => setHandle(event.target.value)}
        />
        <p id={`${inputId}-hint`} className="hint">
          {settingsText.lists.addHint}
        </p>
      </div>
      <button type="submit" className="button" disabled={busy || handle.trim() === ''}>
        {settingsText.lists.add}
      </button>
      <FormError message={error} />
    </form>
  );
}

function ListItem({ list: key }: { list: ListsSettings_list$key }) {
  const list = useFragment(listFragment, key);
  const [renaming, setRenaming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [remove, removing] = useMutation<ListsSettingsRemoveMutation>(removeMutation);
  const [destroy, destroying] = useMutation<ListsSettingsDeleteMutation>(deleteMutation);
  const onDelete = () => {
    setError(null);
    destroy({
      variables: { id: list.id },
      updater: (store) => removeFromRoot(store, 'lists', list.id),
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  const onRemove = (accountId: string) => {
    setError(null);
    remove({ variables: { id: list.id, accountId }, onError: (failure) => setError(messageOf(failure)) });
  };
  return (
    <li className="setting-item">
      {renaming ? (
        <RenameForm id={list.id} title={list.title} onDone={() => setRenaming(false)} />
      ) : (
        <div className="setting-item__head">
          <Link to={listPath(list.id)} className="setting-item__title">
            {list.title}
          </Link>
          <div className="actions">
            <button type="button" className="button button--small" onClick={() => setRenaming(true)}>
              {settingsText.lists.rename}
            </button>
            <ConfirmButton
              label={settingsText.lists.delete}
              question={t(settingsText.lists.deleteQuestion, { title: list.title })}
              confirmLabel={t(settingsText.lists.deleteConfirm, { title: list.title })}
              busy={destroying}
              onConfirm={onDelete}
            />
          </div>
        </div>
      )}
      <details className="setting-item__details">
        <summary>{t(settingsText.lists.members, { count: list.accounts.length })}</summary>
        <ul className="setting-item__members">
          {list.accounts.map((account) => (
            <li key={account.id}>
              <span>{shownName(account)}</span>{' '}
              <span className="hint">@{account.acct}</span>{' '}
              <button type="button" className="button button--small" disabled={removing} onClick={() => onRemove(account.id)}>
                {t(settingsText.lists.remove, { acct: account.acct, title: list.title })}
              </button>
            </li>
          ))}
        </ul>
        <AddMember id={list.id} title={list.title} />
      </details>
      <FormError message={error} />
    </li>
  );
}

export default function ListsSettings() {
  const data = useLazyLoadQuery<ListsSettingsQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return (
    <div className="panel">
      <PageHeading title={settingsText.lists.title} />
      <p className="page-description">{settingsText.lists.intro}</p>
      <CreateList />
      {data.lists.length === 0 ? (
        <p>{settingsText.lists.empty}</p>
      ) : (
        <ul className="setting-items" aria-label={settingsText.lists.mine}>
          {data.lists.map((list) => (
            <ListItem key={list.id} list={list} />
          ))}
        </ul>
      )}
    </div>
  );
}
