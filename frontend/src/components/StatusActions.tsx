// Reply, boost, favourite and quote buttons and the "more" menu: the counts change at once
// and go back, with a message, on error; quoting opens the composer on the home page.
import { graphql, useFragment } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { messageOf } from '../relay/errors';
import { navigate, statusPath } from '../router';
import { useAnnounce } from './Announcer';
import { BoostIcon, QuoteIcon, ReplyIcon, StarIcon } from './Icons';
import { REPLY_QUERY, useReplyHere } from './replyContext';
import { StatusMenu } from './StatusMenu';
import { setFields, useOptimisticToggle } from './useOptimisticToggle';
import type { StatusActions_status$key } from './__generated__/StatusActions_status.graphql';

const statusFragment = graphql`
  fragment StatusActions_status on Status {
    id
    author {
      acct
    }
    repliesCount
    viewerCanReply
    favourited
    favouritesCount
    reblogged
    reblogsCount
    viewerCanBoost
    viewerCanQuote
    ...StatusMenu_status
  }
`;

const favouriteMutations = {
  on: graphql`
    mutation StatusActionsFavouriteMutation($input: StatusActionInput!) {
      favourite(input: $input) {
        status {
          id
          favourited
          favouritesCount
        }
      }
    }
  `,
  off: graphql`
    mutation StatusActionsUnfavouriteMutation($input: StatusActionInput!) {
      unfavourite(input: $input) {
        status {
          id
          favourited
          favouritesCount
        }
      }
    }
  `,
};

const boostMutations = {
  on: graphql`
    mutation StatusActionsReblogMutation($input: StatusActionInput!) {
      reblog(input: $input) {
        status {
          id
          reblogged
          reblogsCount
        }
      }
    }
  `,
  off: graphql`
    mutation StatusActionsUnreblogMutation($input: StatusActionInput!) {
      unreblog(input: $input) {
        status {
          id
          reblogged
          reblogsCount
        }
      }
    }
  `,
};

/** The home page with the composer quoting `statusId`. */
export function quotePath(statusId: string): string {
  return `/?quote=${encodeURIComponent(statusId)}`;
}

interface Props {
  status: StatusActions_status$key;
  signedIn: boolean;
  /** Opens the editor of the post in place. */
  onEdit: () => void;
}

export function StatusActions({ status: key, signedIn, onEdit }: Props) {
  const status = useFragment(statusFragment, key);
  const announce = useAnnounce();
  const replyHere = useReplyHere();
  const { toggle } = useOptimisticToggle();
  const variables = { input: { statusId: status.id } };

  const toggleFavourite = () => {
    const on = !status.favourited;
    toggle(favouriteMutations, on, {
      variables,
      show: setFields(status.id, { favourited: on, favouritesCount: Math.max(0, status.favouritesCount + (on ? 1 : -1)) }),
      onFailed: (error) => announce(t(en.errors.favouriteFailed, { reason: messageOf(error) })),
    });
  };

  const toggleBoost = () => {
    const on = !status.reblogged;
    toggle(boostMutations, on, {
      variables,
      show: setFields(status.id, { reblogged: on, reblogsCount: Math.max(0, status.reblogsCount + (on ? 1 : -1)) }),
      onFailed: (error) => announce(t(en.errors.boostFailed, { reason: messageOf(error) })),
    });
  };

  const canBoost = status.reblogged || status.viewerCanBoost;

  // On a status page the composer opens under the post; elsewhere its page opens with it.
  const reply = () => {
    if (replyHere !== null) replyHere(status.id);
    else navigate(`${statusPath(status.author.acct, status.id)}?${REPLY_QUERY}`);
  };

  return (
    <div className="status__actions" role="group" aria-label={en.status.actions}>
      <button
        type="button"
        className="action"
        data-shortcut="reply"
        disabled={!signedIn || !status.viewerCanReply}
        title={status.viewerCanReply ? en.status.reply : en.status.cannotReply}
        onClick={reply}
      >
        <ReplyIcon />
        <span className="visually-hidden">
          {en.status.reply}, {t(en.status.replies, { count: status.repliesCount })}
        </span>
        <span aria-hidden="true">{status.repliesCount}</span>
      </button>
      <button
        type="button"
        className={`action${status.reblogged ? ' action--boosted' : ''}`}
        aria-pressed={status.reblogged}
        data-shortcut="boost"
        disabled={!signedIn || !canBoost}
        title={canBoost ? (status.reblogged ? en.status.unboost : en.status.boost) : en.status.cannotBoost}
        onClick={toggleBoost}
      >
        <BoostIcon />
        <span className="visually-hidden">
          {status.reblogged ? en.status.unboost : en.status.boost},{' '}
          {t(en.status.boosts, { count: status.reblogsCount })}
        </span>
        <span aria-hidden="true">{status.reblogsCount}</span>
      </button>
      <button
        type="button"
        className={`action${status.favourited ? ' action--favourited' : ''}`}
        aria-pressed={status.favourited}
        data-shortcut="favourite"
        disabled={!signedIn}
        title={status.favourited ? en.status.unfavourite : en.status.favourite}
        onClick={toggleFavourite}
      >
        <StarIcon />
        <span className="visually-hidden">
          {status.favourited ? en.status.unfavourite : en.status.favourite},{' '}
          {t(en.status.favourites, { count: status.favouritesCount })}
        </span>
        <span aria-hidden="true">{status.favouritesCount}</span>
      </button>
      {signedIn && status.viewerCanQuote && (
        <button
          type="button"
          className="action"
          title={en.status.quote}
          onClick={() => navigate(quotePath(status.id))}
        >
          <QuoteIcon />
          <span className="visually-hidden">{en.status.quote}</span>
        </button>
      )}
      <StatusMenu status={status} signedIn={signedIn} onEdit={onEdit} />
    </div>
  );
}
