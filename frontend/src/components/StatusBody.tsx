// What a post says: its author, time, content warning, text, pictures, poll and quoted post,
// and its actions.
import { useId, useState } from 'react';
import { graphql, useFragment } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { Link, profilePath } from '../router';
import { Avatar } from './Avatar';
import { Content } from './Content';
import { QuotedStatus, quoteStateMessage } from './QuotedStatus';
import { RelativeTime } from './RelativeTime';
import { StatusActions } from './StatusActions';
import { StatusMedia } from './StatusMedia';
import { StatusPoll } from './StatusPoll';
import type { StatusBody_status$key } from './__generated__/StatusBody_status.graphql';

const statusFragment = graphql`
  fragment StatusBody_status on Status {
    id
    url
    content
    contentWarning
    sensitive
    visibility
    createdAt
    editedAt
    deleted
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
    ...StatusMedia_status
    ...StatusPoll_status
    ...StatusActions_status
  }
`;

export function StatusBody({ status: key, signedIn }: { status: StatusBody_status$key; signedIn: boolean }) {
  const status = useFragment(statusFragment, key);
  const [open, setOpen] = useState(false);
  const contentId = useId();
  const name = status.author.displayName === '' ? status.author.username : status.author.displayName;
  const warned = status.contentWarning !== '';
  const showContent = !warned || open;

  if (status.deleted) {
    return <p className="status__deleted">{en.status.deleted}</p>;
  }

  return (
    <div className="status__body">
      <header className="status__header">
        <Link to={profilePath(status.author.acct)} className="status__author" data-shortcut="open">
          <Avatar url={status.author.avatarUrl} name={name} />
          <span className="status__names">
            <span className="status__display-name">{name}</span>
            <span className="status__acct">@{status.author.acct}</span>
          </span>
        </Link>
        <a className="status__time" href={status.url} rel="noopener nofollow">
          <RelativeTime iso={status.createdAt} />
          {status.editedAt !== null && status.editedAt !== undefined && (
            <span className="status__edited"> · {en.status.edited}</span>
          )}
          <span className="visually-hidden">
            {' '}
            {t(en.status.visibility, { name: en.visibility[status.visibility as keyof typeof en.visibility] ?? status.visibility })}
          </span>
        </a>
      </header>
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
        {showContent && <StatusMedia status={status} />}
        {showContent && <StatusPoll status={status} signedIn={signedIn} />}
        {showContent &&
          status.quote !== null &&
          status.quote !== undefined &&
          (status.quote.quotedStatus !== null && status.quote.quotedStatus !== undefined ? (
            <QuotedStatus status={status.quote.quotedStatus} />
          ) : (
            <p className="quoted quoted--unavailable">{quoteStateMessage(status.quote.state)}</p>
          ))}
      </div>
      <StatusActions status={status} signedIn={signedIn} />
    </div>
  );
}
