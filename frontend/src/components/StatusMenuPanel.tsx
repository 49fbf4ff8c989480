// The open "more" menu of a post, with what its items do and the dialogs they open; loaded
// when the menu is first opened.
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import type { MenuItem } from '../lib/statusMenu';
import { messageOf } from '../relay/errors';
import { useAnnounce } from './Announcer';
import { Dialog } from './Dialog';
import { ReportDialog } from './ReportDialog';
import { toggles, type Flag } from './statusMenuToggles';
import { setFields, useOptimisticToggle } from './useOptimisticToggle';
import type { StatusMenu_status$data } from './__generated__/StatusMenu_status.graphql';
import type { StatusMenuPanelDeleteMutation } from './__generated__/StatusMenuPanelDeleteMutation.graphql';

const deleteMutation = graphql`
  mutation StatusMenuPanelDeleteMutation($input: DeleteStatusInput!) {
    deleteStatus(input: $input) {
      deletedStatusId
    }
  }
`;

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
  status: StatusMenu_status$data;
  items: readonly MenuItem[];
  signedIn: boolean;
  open: boolean;
  setOpen: (open: boolean) => void;
  /** The menu's button, which takes the focus back. */
  button: RefObject<HTMLButtonElement | null>;
  menuId: string;
  onEdit: () => void;
}

export function StatusMenuPanel({ status, items, signedIn, open, setOpen, button, menuId, onEdit }: Props) {
  const { toggle: commitToggle } = useOptimisticToggle();
  const announce = useAnnounce();
  const [commitDelete, deleting] = useMutation<StatusMenuPanelDeleteMutation>(deleteMutation);
  const [dialog, setDialog] = useState<'delete' | 'report' | null>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, button, setOpen]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const toggle = (flag: Flag) => {
    const on = !status[flag];
    const config = toggles[flag];
    commitToggle(config, on, {
      variables: { input: { statusId: status.id } },
      // Only a bookmark shows before the server answers; the others wait for it.
      show: flag === 'bookmarked' ? setFields(status.id, { [flag]: on }) : undefined,
      onDone: () => announce(on ? config.done : config.undone),
      onFailed: (error) => announce(t(en.statusMenu.failed, { reason: messageOf(error) })),
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

  return (
    <>
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
      {signedIn && <ReportDialog status={status} open={dialog === 'report'} onClose={() => setDialog(null)} />}
    </>
  );
}
