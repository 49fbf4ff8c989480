// The viewer's lists, each with a checkbox that puts an account on it or takes it off, and a
// field to make a new list.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { t } from '../i18n/en';
import { accountText } from '../i18n/accountText';
import { messageOf } from '../relay/errors';
import { useAnnounce } from './Announcer';
import { useOptimisticToggle } from './useOptimisticToggle';
import type { ListsDialogQuery } from './__generated__/ListsDialogQuery.graphql';
import type { ListsDialogCreateMutation } from './__generated__/ListsDialogCreateMutation.graphql';

const listsQuery = graphql`
  query ListsDialogQuery {
    lists {
      id
      title
      accounts {
        id
      }
    }
  }
`;

const membership = {
  on: graphql`
    mutation ListsDialogAddMutation($input: ListAccountsInput!) {
      addToList(input: $input) {
        list {
          id
          accounts {
            id
          }
        }
      }
    }
  `,
  off: graphql`
    mutation ListsDialogRemoveMutation($input: ListAccountsInput!) {
      removeFromList(input: $input) {
        list {
          id
          accounts {
            id
          }
        }
      }
    }
  `,
};

const createMutation = graphql`
  mutation ListsDialogCreateMutation($input: CreateListInput!) {
    createList(input: $input) {
      list {
        id
        title
        accounts {
          id
        }
      }
    }
  }
`;

export function ListsDialogBody({ accountId, onDone }: { accountId: string; onDone: () => void }) {
  const data = useLazyLoadQuery<ListsDialogQuery>(listsQuery, {}, { fetchPolicy: 'store-and-network' });
  const announce = useAnnounce();
  const newListId = useId();
  const [title, setTitle] = useState('');
  const { toggle: commitToggle } = useOptimisticToggle();
  const [create, creating] = useMutation<ListsDialogCreateMutation>(createMutation);
  const onError = (error: Error) => announce(t(accountText.relationship.failed, { reason: messageOf(error) }));

  // Ticked at once, and unticked again (with a message) when the server refuses.
  const toggle = (listId: string, on: boolean) =>
    commitToggle(membership, on, {
      variables: { input: { listId, accountIds: [accountId] } },
      show: (store) => {
        const list = store.get(listId);
        const account = store.get(accountId);
        if (list === null || list === undefined || account === null || account === undefined) return;
        const others = (list.getLinkedRecords('accounts') ?? []).filter(
          (member) => member !== null && member !== undefined && member.getDataID() !== accountId,
        );
        list.setLinkedRecords(on ? [...others, account] : others, 'accounts');
      },
      onFailed: onError,
    });

  const submitNew = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') return;
    create({
      variables: { input: { title: title.trim() } },
      updater: (store) => {
        const made = store.getRootField('createList')?.getLinkedRecord('list');
        const root = store.getRoot();
        const lists = root.getLinkedRecords('lists');
        if (made === null || made === undefined || lists === null || lists === undefined) return;
        root.setLinkedRecords([...lists, made], 'lists');
      },
      onCompleted: () => setTitle(''),
      onError,
    });
  };

  return (
    <div className="form">
      <p>{accountText.relationship.listsIntro}</p>
      {data.lists.length === 0 ? (
        <p className="hint">{accountText.relationship.listsEmpty}</p>
      ) : (
        <ul className="lists-choices">
          {data.lists.map((list) => (
            <li key={list.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={list.accounts.some((member) => member.id === accountId)}
                  onChange={(event) => toggle(list.id, event.target.checked)}
                />
                {list.title}
              </label>
            </li>
          ))}
        </ul>
      )}
      <form className="field field--inline" onSubmit={submitNew}>
        <label htmlFor={newListId}>{accountText.relationship.newList}</label>
        <input id={newListId} className="input" value={title} maxLength={100} onChange={(event) => setTitle(event.target.value)} />
        <button type="submit" className="button" disabled={creating || title.trim() === ''}>
          {accountText.relationship.createList}
        </button>
      </form>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          {accountText.relationship.done}
        </button>
      </div>
    </div>
  );
}
