// What a post says: its author, time (a link to its thread), content warning, text, pictures,
// poll and quoted post, and its actions; its author edits it here in place.
import { Suspense, lazy, useId, useState } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { useOpenedOnce } from '../lib/openedOnce';
import { Link, profilePath, statusPath } from '../router';
import { Avatar } from './Avatar';
import { Content } from './Content';
import { PinIcon } from './Icons';
import { QuotedStatus, quoteStateMessage } from './QuotedStatus';
import { RelativeTime } from './RelativeTime';
import { StatusActions } from './StatusActions';
import type { StatusBody_status$key } from './__generated__/StatusBody_status.graphql';
import { shownName } from '../lib/shownName';

// Pictures and polls load with the first post that has them; editing and the edit history
// when first opened.
const StatusMedia = lazy(() => import('./StatusMedia').then((module) => ({ default: module.StatusMedia })));
const StatusPoll = lazy(() => import('./StatusPoll').then((module) => ({ default: module.StatusPoll })));
const EditHistory = lazy(() => import('./EditHistory').then((module) => ({ default: module.EditHistory })));
const StatusEditor = lazy(() => import('./StatusEditor').then((module) => ({ default: module.StatusEditor })));

const statusFragment = graphql`
  fragment StatusBody_status on Status {
    id
    content
    contentWarning
    sensitive
    visibility
    createdAt
    editedAt
    deleted
    pinned
    author {
      acct
      username
      displayName
      avatarUrl
    }
    quote {
      state
      quotedStatus {
        ...QuotedStatus_status
      }
    }
    mediaAttachments {
      id
    }
    ...StatusMedia_status
    poll {
      id
    }
    ...StatusPoll_status
    ...StatusActions_status
    ...StatusEditor_status
  }
`;

export function StatusBody({ status: key, signedIn }: { status: StatusBody_status$key; signedIn: boolean }) {
  const status = useFragment(statusFragment, key);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const historyOpened = useOpenedOnce(historyOpen);
  const contentId = useId();
  const name = shownName(status.author);
  const warned = status.contentWarning !== '';
  const showContent = !warned || open;

  if (status.deleted) {
    return <p className="status__deleted">{en.status.deleted}</p>;
  }

  return (
    <div className="status__body">
      <header className="status__header">
        <Link to={profilePath(status.author.acct)} className="status__author">
          <Avatar url={status.author.avatarUrl} name={name} />
          <span className="status__names">
            <span className="status__display-name">{name}</span>
            <span className="status__acct">@{status.author.acct}</span>
          </span>
        </Link>
        <span className="status__meta">
          {status.pinned && (
            <span className="status__pinned">
              <PinIcon />
              {en.status.pinned}
            </span>
          )}
          <Link to={statusPath(status.author.acct, status.id)} className="status__time" data-shortcut="open">
            <RelativeTime iso={status.createdAt} />
            <span className="visually-hidden">
              {' '}
              {t(en.status.visibility, { name: en.visibility[status.visibility as keyof typeof en.visibility] ?? status.visibility })}
            </span>
          </Link>
          {status.editedAt !== null && status.editedAt !== undefined && (
            <button
              type="button"
              className="status__edited"
              aria-label={en.status.editedHistory}
              onClick={() => setHistoryOpen(true)}
            >
              {en.status.edited}
            </button>
          )}
        </span>
      </header>
      {historyOpened && (
        <Suspense fallback={null}>
          <EditHistory statusId={status.id} open={historyOpen} onClose={() => setHistoryOpen(false)} />
        </Suspense>
      )}
      {editing ? (
        <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
          <StatusEditor status={status} onDone={() => setEditing(false)} />
        </Suspense>
      ) : (
        <>
      {warned && (
        <div className="status__warning">
          <p>{status.contentWarning}</p>
          <button
            type="button"
            className="button button--small"
            aria-expanded={open}
            aria-controls={contentId}
            onClick={() => setOpen(!open)}
          >
            {open ? en.status.showLess : en.status.showMore}
          </button>
        </div>
      )}
      <div id={contentId} hidden={!showContent}>
        {showContent && <Content html={status.content} />}
        {showContent && status.mediaAttachments.length > 0 && (
          <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
            <StatusMedia status={status} />
          </Suspense>
        )}
        {showContent && status.poll !== null && status.poll !== undefined && (
          <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
            <StatusPoll status={status} signedIn={signedIn} />
          </Suspense>
        )}
        {showContent &&
          status.quote !== null &&
          status.quote !== undefined &&
          (status.quote.quotedStatus !== null && status.quote.quotedStatus !== undefined ? (
            <QuotedStatus status={status.quote.quotedStatus} />
          ) : (
            <p className="quoted quoted--unavailable">{quoteStateMessage(status.quote.state)}</p>
          ))}
      </div>
        </>
      )}
      <StatusActions status={status} signedIn={signedIn} onEdit={() => setEditing(true)} />
    </div>
  );
}
