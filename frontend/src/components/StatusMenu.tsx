// The "more" menu of a post: what the viewer may do with it besides replying, boosting and
// favouriting (edit, delete, pin, bookmark, archive, mute, report, copy its link).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { graphql, useFragment, useMutation, useRelayEnvironment } from 'react-relay/hooks';
import { commitMutation, type GraphQLTaggedNode } from 'relay-runtime';
import { en, t } from '../i18n/en';
import { menuItemsFor, type MenuItem } from '../lib/statusMenu';
import { messageOf } from '../relay/errors';
import { useViewer } from '../session';
import { useAnnounce } from './Announcer';
import { MoreIcon } from './Icons';
import { Dialog } from './Dialog';
import { ReportDialog } from './ReportDialog';
import type { StatusMenu_status$key } from './__generated__/StatusMenu_status.graphql';
import type { StatusMenuDeleteMutation } from './__generated__/StatusMenuDeleteMutation.graphql';

const statusFragment = graphql`
  fragment StatusMenu_status on Status {
    id
    url
    local
    visibility
    pinned
    bookmarked
    archived
    muted
    deleted
    author {
      id
      acct
      username
      displayName
    }
    ...ReportDialog_status
  }
`;

const bookmarkMutation = graphql`
  mutation StatusMenuBookmarkMutation($input: StatusActionInput!) {
    bookmark(input: $input) {
      status {
        id
        bookmarked
      }
    }
  }
`;

const unbookmarkMutation = graphql`
  mutation StatusMenuUnbookmarkMutation($input: StatusActionInput!) {
    unbookmark(input: $input) {
      status {
        id
        bookmarked
      }
    }
  }
`;

const pinMutation = graphql`
  mutation StatusMenuPinMutation($input: StatusActionInput!) {
    pin(input: $input) {
      status {
        id
        pinned
      }
    }
  }
`;

const unpinMutation = graphql`
  mutation StatusMenuUnpinMutation($input: StatusActionInput!) {
    unpin(input: $input) {
      status {
        id
        pinned
      }
    }
  }
`;

const archiveMutation = graphql`
  mutation StatusMenuArchiveMutation($input: StatusActionInput!) {
    archiveStatus(input: $input) {
      status {
        id
        archived
      }
    }
  }
`;

const unarchiveMutation = graphql`
  mutation StatusMenuUnarchiveMutation($input: StatusActionInput!) {
    unarchiveStatus(input: $input) {
      status {
        id
        archived
      }
    }
  }
`;

const muteMutation = graphql`
  mutation StatusMenuMuteMutation($input: StatusActionInput!) {
    muteConversation(input: $input) {
      status {
        id
        muted
      }
    }
  }
`;

const unmuteMutation = graphql`
  mutation StatusMenuUnmuteMutation($input: StatusActionInput!) {
    unmuteConversation(input: $input) {
      status {
        id
        muted
      }
    }
  }
`;

const deleteMutation = graphql`
  mutation StatusMenuDeleteMutation($input: DeleteStatusInput!) {
    deleteStatus(input: $input) {
      deletedStatusId
    }
  }
`;

type Flag = 'bookmarked' | 'pinned' | 'archived' | 'muted';

/** The shape every on/off mutation here shares: one root field returning the status. */
interface ToggleMutation {
  variables: { input: { statusId: string } };
  response: Record<string, { status: { id: string } } | undefined>;
  rawResponse: Record<string, { status: Record<string, unknown> } | undefined>;
}

/** Each on/off item: its mutations (and their root fields), and what is said once done. */
const toggles: Record<
  Flag,
  { on: GraphQLTaggedNode; onField: string; off: GraphQLTaggedNode; offField: string; done: string; undone: string }
> = {
  bookmarked: {
    on: bookmarkMutation,
    onField: 'bookmark',
    off: unbookmarkMutation,
    offField: 'unbookmark',
    done: en.statusMenu.bookmarkedDone,
    undone: en.statusMenu.unbookmarkedDone,
  },
  pinned: {
    on: pinMutation,
    onField: 'pin',
    off: unpinMutation,
    offField: 'unpin',
    done: en.statusMenu.pinnedDone,
    undone: en.statusMenu.unpinnedDone,
  },
  archived: {
    on: archiveMutation,
    onField: 'archiveStatus',
    off: unarchiveMutation,
    offField: 'unarchiveStatus',
    done: en.statusMenu.archivedDone,
    undone: en.statusMenu.unarchivedDone,
  },
  muted: {
    on: muteMutation,
    onField: 'muteConversation',
    off: unmuteMutation,
    offField: 'unmuteConversation',
    done: en.statusMenu.mutedDone,
    undone: en.statusMenu.unmutedDone,
  },
};

const flagOf: Partial<Record<MenuItem, Flag>> = {
  bookmark: 'bookmarked',
  unbookmark: 'bookmarked',
  pin: 'pinned',
  unpin: 'pinned',
  archive: 'archived',
  unarchive: 'archived',
  mute: 'muted',
  unmute: 'muted',
};

interface Props {
  status: StatusMenu_status$key;
  signedIn: boolean;
  onEdit: () => void;
}

export function StatusMenu({ status: key, signedIn, onEdit }: Props) {
  const status = useFragment(statusFragment, key);
  const viewer = useViewer();
  const environment = useRelayEnvironment();
  const announce = useAnnounce();
  const [commitDelete, deleting] = useMutation<StatusMenuDeleteMutation>(deleteMutation);
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<'delete' | 'report' | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const name = status.author.displayName === '' ? status.author.username : status.author.displayName;

  const items = menuItemsFor({
    signedIn: signedIn && viewer !== null,
    own: viewer !== null && viewer.id === status.author.id,
    local: status.local,
    visibility: status.visibility,
    deleted: status.deleted,
    pinned: status.pinned,
    bookmarked: status.bookmarked,
    archived: status.archived,
    muted: status.muted,
  });

  useEffect(() => {
    if (!open) return undefined;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const toggle = (flag: Flag) => {
    const on = !status[flag];
    const config = toggles[flag];
    commitMutation<ToggleMutation>(environment, {
      mutation: on ? config.on : config.off,
      variables: { input: { statusId: status.id } },
      optimisticResponse:
        flag === 'bookmarked' ? { [on ? config.onField : config.offField]: { status: { id: status.id, [flag]: on } } } : undefined,
      onCompleted: () => announce(on ? config.done : config.undone),
      onError: (error) => announce(t(en.statusMenu.failed, { reason: messageOf(error) })),
    });
  };

  const copyLink = () => {
    const copied = navigator.clipboard?.writeText(status.url);
    if (copied === undefined) {
      announce(t(en.statusMenu.copyFailed, { url: status.url }));
      return;
    }
    copied.then(
      () => announce(en.statusMenu.linkCopied),
      () => announce(t(en.statusMenu.copyFailed, { url: status.url })),
    );
  };

  const choose = (item: MenuItem) => {
    close();
    const flag = flagOf[item];
    if (flag !== undefined) toggle(flag);
    else if (item === 'edit') onEdit();
    else if (item === 'delete') setDialog('delete');
    else if (item === 'report') setDialog('report');
    else if (item === 'copyLink') copyLink();
  };

  const confirmDelete = () => {
    commitDelete({
      variables: { input: { id: status.id } },
      // What stays in lists and threads is a tombstone, as the server shows one.
      updater: (store) => store.get(status.id)?.setValue(true, 'deleted'),
      onCompleted: () => {
        setDialog(null);
        announce(en.statusMenu.deleted);
      },
      onError: (error) => {
        setDialog(null);
        announce(t(en.statusMenu.failed, { reason: messageOf(error) }));
      },
    });
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const focus = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    if (event.key === 'ArrowDown') focus(at + 1);
    else if (event.key === 'ArrowUp') focus(at - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(entries.length - 1);
    else if (event.key === 'Escape') close();
    else if (event.key === 'Tab') setOpen(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  if (items.length === 0) return null;

  return (
    <div className="menu">
      <button
        ref={button}
        type="button"
        className="action"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={en.statusMenu.more}
        onClick={() => setOpen(!open)}
      >
        <MoreIcon />
        <span className="visually-hidden">{t(en.statusMenu.moreFor, { name })}</span>
      </button>
      {open && (
        <div ref={menu} id={menuId} className="menu__list" role="menu" aria-label={en.statusMenu.more} tabIndex={-1} onKeyDown={onMenuKeyDown}>
          {items.map((item) => (
            <button
              key={item}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={`menu__item${item === 'delete' ? ' menu__item--danger' : ''}`}
              onClick={() => choose(item)}
            >
              {item === 'report' ? t(en.statusMenu.report, { acct: status.author.acct }) : en.statusMenu[item]}
            </button>
          ))}
        </div>
      )}
      <Dialog open={dialog === 'delete'} title={en.statusMenu.deleteTitle} onClose={() => setDialog(null)}>
        <p>{en.statusMenu.deleteBody}</p>
        <div className="actions">
          <button type="button" className="button button--danger" disabled={deleting} onClick={confirmDelete}>
            {deleting ? en.statusMenu.deleting : en.statusMenu.deleteConfirm}
          </button>
          <button type="button" className="button" onClick={() => setDialog(null)}>
            {en.statusMenu.cancel}
          </button>
        </div>
      </Dialog>
      {signedIn && (
        <ReportDialog status={status} open={dialog === 'report'} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}
