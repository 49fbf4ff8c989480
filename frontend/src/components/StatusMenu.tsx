// The "more" menu of a post: what the viewer may do with it besides replying, boosting and
// favouriting (edit, delete, pin, bookmark, archive, mute, report, copy its link). The menu,
// its actions and dialogs load when it is first opened.
import { Suspense, lazy, useId, useRef, useState } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { useOpenedOnce } from '../lib/openedOnce';
import { menuItemsFor } from '../lib/statusMenu';
import { useViewer } from '../session';
import { MoreIcon } from './Icons';
import type { StatusMenu_status$key } from './__generated__/StatusMenu_status.graphql';
import { shownName } from '../lib/shownName';

const StatusMenuPanel = lazy(() => import('./StatusMenuPanel').then((module) => ({ default: module.StatusMenuPanel })));

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

interface Props {
  status: StatusMenu_status$key;
  signedIn: boolean;
  onEdit: () => void;
}

export function StatusMenu({ status: key, signedIn, onEdit }: Props) {
  const status = useFragment(statusFragment, key);
  const viewer = useViewer();
  const [open, setOpen] = useState(false);
  const loaded = useOpenedOnce(open);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const name = shownName(status.author);

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
        // Escape closes the menu even before its items have loaded.
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) setOpen(false);
        }}
      >
        <MoreIcon />
        <span className="visually-hidden">{t(en.statusMenu.moreFor, { name })}</span>
      </button>
      {loaded && (
        <Suspense fallback={null}>
          <StatusMenuPanel
            status={status}
            items={items}
            signedIn={signedIn}
            open={open}
            setOpen={setOpen}
            button={button}
            menuId={menuId}
            onEdit={onEdit}
          />
        </Suspense>
      )}
    </div>
  );
}
