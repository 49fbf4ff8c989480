// What a signed-in viewer can do about another account: follow (or ask to), mute, block, block
// its server, and put it on lists; each button reads the relationship the server keeps.
import { Suspense, useState, type FormEvent } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import type { RecordSourceSelectorProxy } from 'relay-runtime';
import { en, t } from '../i18n/en';
import { accountText } from '../i18n/accountText';
import { absoluteTime } from '../lib/time';
import { messageOf } from '../relay/errors';
import { useAnnounce } from './Announcer';
import { Dialog } from './Dialog';
import { ListsDialogBody } from './ListsDialog';
import type { AccountActions_account$key } from './__generated__/AccountActions_account.graphql';
import type { AccountActionsFollowMutation } from './__generated__/AccountActionsFollowMutation.graphql';
import type { AccountActionsUnfollowMutation } from './__generated__/AccountActionsUnfollowMutation.graphql';
import type { AccountActionsMuteMutation } from './__generated__/AccountActionsMuteMutation.graphql';
import type { AccountActionsUnmuteMutation } from './__generated__/AccountActionsUnmuteMutation.graphql';
import type { AccountActionsBlockMutation } from './__generated__/AccountActionsBlockMutation.graphql';
import type { AccountActionsUnblockMutation } from './__generated__/AccountActionsUnblockMutation.graphql';
import type { AccountActionsBlockDomainMutation } from './__generated__/AccountActionsBlockDomainMutation.graphql';
import type { AccountActionsUnblockDomainMutation } from './__generated__/AccountActionsUnblockDomainMutation.graphql';

// Every relationship change reads this back (with the follower count), so the profile shows it.
const accountFragment = graphql`
  fragment AccountActions_account on Account {
    id
    acct
    domain
    local
    relationship {
      following
      followedBy
      requested
      blocking
      blockedBy
      muting
      mutingNotifications
      mutingEndsAt
    }
  }
`;

const followMutation = graphql`
  mutation AccountActionsFollowMutation($input: FollowInput!) {
    follow(input: $input) {
      account {
        followersCount
        ...AccountActions_account
      }
    }
  }
`;

const unfollowMutation = graphql`
  mutation AccountActionsUnfollowMutation($input: UnfollowInput!) {
    unfollow(input: $input) {
      account {
        followersCount
        ...AccountActions_account
      }
    }
  }
`;

const muteMutation = graphql`
  mutation AccountActionsMuteMutation($input: MuteInput!) {
    mute(input: $input) {
      account {
        followersCount
        ...AccountActions_account
      }
    }
  }
`;

const unmuteMutation = graphql`
  mutation AccountActionsUnmuteMutation($input: UnmuteInput!) {
    unmute(input: $input) {
      account {
        followersCount
        ...AccountActions_account
      }
    }
  }
`;

const blockMutation = graphql`
  mutation AccountActionsBlockMutation($input: BlockInput!) {
    block(input: $input) {
      account {
        followersCount
        ...AccountActions_account
      }
    }
  }
`;

const unblockMutation = graphql`
  mutation AccountActionsUnblockMutation($input: BlockInput!) {
    unblock(input: $input) {
      account {
        followersCount
        ...AccountActions_account
      }
    }
  }
`;

const blockDomainMutation = graphql`
  mutation AccountActionsBlockDomainMutation($input: DomainBlockInput!) {
    blockDomain(input: $input) {
      domain
    }
  }
`;

const unblockDomainMutation = graphql`
  mutation AccountActionsUnblockDomainMutation($input: DomainBlockInput!) {
    unblockDomain(input: $input) {
      domain
    }
  }
`;

/** How long a mute may last: the choices offered, in seconds (null: until unmuted). */
export const MUTE_DURATIONS: readonly { seconds: number | null; label: string }[] = [
  { seconds: null, label: accountText.relationship.muteForever },
  { seconds: 60 * 60, label: accountText.relationship.muteHour },
  { seconds: 24 * 60 * 60, label: accountText.relationship.muteDay },
  { seconds: 7 * 24 * 60 * 60, label: accountText.relationship.muteWeek },
];

/** Keeps the root's `blockedDomains` (which the profile reads) in step with a change. */
function updateBlockedDomains(store: RecordSourceSelectorProxy, domain: string, blocked: boolean): void {
  const root = store.getRoot();
  const current = root.getValue('blockedDomains');
  if (!Array.isArray(current)) return;
  const others = (current as string[]).filter((kept) => kept !== domain);
  root.setValue(blocked ? [...others, domain].sort() : others, 'blockedDomains');
}

type Open = 'none' | 'mute' | 'block' | 'blockDomain' | 'lists';

export function AccountActions({
  account: key,
  blockedDomains,
}: {
  account: AccountActions_account$key;
  /** The servers the viewer blocks. */
  blockedDomains: readonly string[];
}) {
  const account = useFragment(accountFragment, key);
  const announce = useAnnounce();
  const [open, setOpen] = useState<Open>('none');
  const [muteSeconds, setMuteSeconds] = useState<number | null>(null);
  const [muteNotifications, setMuteNotifications] = useState(true);
  const [follow, following] = useMutation<AccountActionsFollowMutation>(followMutation);
  const [unfollow, unfollowing] = useMutation<AccountActionsUnfollowMutation>(unfollowMutation);
  const [mute, muting] = useMutation<AccountActionsMuteMutation>(muteMutation);
  const [unmute, unmuting] = useMutation<AccountActionsUnmuteMutation>(unmuteMutation);
  const [block, blocking] = useMutation<AccountActionsBlockMutation>(blockMutation);
  const [unblock, unblocking] = useMutation<AccountActionsUnblockMutation>(unblockMutation);
  const [blockDomain, blockingDomain] = useMutation<AccountActionsBlockDomainMutation>(blockDomainMutation);
  const [unblockDomain, unblockingDomain] = useMutation<AccountActionsUnblockDomainMutation>(unblockDomainMutation);
  const relationship = account.relationship;
  if (relationship === null || relationship === undefined) return null;

  const busy = following || unfollowing || muting || unmuting || blocking || unblocking || blockingDomain || unblockingDomain;
  const input = { accountId: account.id };
  const onError = (error: Error) => announce(t(accountText.relationship.failed, { reason: messageOf(error) }));
  const close = () => setOpen('none');
  const domain = account.local ? null : account.domain;
  const domainBlocked = domain !== null && domain !== undefined && blockedDomains.includes(domain);

  const submitMute = (event: FormEvent) => {
    event.preventDefault();
    mute({
      variables: { input: { ...input, notifications: muteNotifications, durationSeconds: muteSeconds } },
      onError,
    });
    close();
  };
  const confirmBlock = (event: FormEvent) => {
    event.preventDefault();
    block({ variables: { input }, onError });
    close();
  };
  const confirmBlockDomain = (event: FormEvent) => {
    event.preventDefault();
    if (domain === null || domain === undefined) return;
    blockDomain({
      variables: { input: { domain } },
      updater: (store) => updateBlockedDomains(store, domain, true),
      onError,
    });
    close();
  };

  return (
    <div className="account-actions" role="group" aria-label={accountText.relationship.group}>
      {relationship.followedBy && <span className="badge">{accountText.relationship.followsYou}</span>}
      {relationship.blockedBy && <p className="account-actions__note">{accountText.relationship.blocksYou}</p>}
      {relationship.requested ? (
        <>
          <span className="badge">{accountText.relationship.requested}</span>
          <button type="button" className="button" disabled={busy} onClick={() => unfollow({ variables: { input }, onError })}>
            {accountText.relationship.cancelRequest}
          </button>
        </>
      ) : relationship.following ? (
        <button type="button" className="button" disabled={busy} onClick={() => unfollow({ variables: { input }, onError })}>
          {accountText.relationship.unfollow}
        </button>
      ) : (
        !relationship.blocking &&
        !relationship.blockedBy && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => follow({ variables: { input }, onError })}
          >
            {accountText.relationship.follow}
          </button>
        )
      )}
      {relationship.following && (
        <button type="button" className="button" onClick={() => setOpen('lists')}>
          {accountText.relationship.lists}
        </button>
      )}
      {relationship.muting ? (
        <>
          <span className="badge">
            {relationship.mutingEndsAt === null || relationship.mutingEndsAt === undefined
              ? accountText.relationship.muted
              : t(accountText.relationship.mutedUntil, { when: absoluteTime(relationship.mutingEndsAt) })}
          </span>
          <button type="button" className="button" disabled={busy} onClick={() => unmute({ variables: { input }, onError })}>
            {accountText.relationship.unmute}
          </button>
        </>
      ) : (
        <button type="button" className="button" disabled={busy} onClick={() => setOpen('mute')}>
          {accountText.relationship.mute}
        </button>
      )}
      {relationship.blocking ? (
        <button type="button" className="button" disabled={busy} onClick={() => unblock({ variables: { input }, onError })}>
          {accountText.relationship.unblock}
        </button>
      ) : (
        <button type="button" className="button button--danger" disabled={busy} onClick={() => setOpen('block')}>
          {accountText.relationship.block}
        </button>
      )}
      {domain !== null &&
        domain !== undefined &&
        (domainBlocked ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              unblockDomain({
                variables: { input: { domain } },
                updater: (store) => updateBlockedDomains(store, domain, false),
                onError,
              })
            }
          >
            {t(accountText.relationship.unblockDomain, { domain })}
          </button>
        ) : (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => setOpen('blockDomain')}>
            {t(accountText.relationship.blockDomain, { domain })}
          </button>
        ))}

      <Dialog open={open === 'mute'} onClose={close} title={t(accountText.relationship.muteTitle, { acct: account.acct })}>
        <form className="form" onSubmit={submitMute}>
          <p>{accountText.relationship.muteIntro}</p>
          <fieldset className="choices">
            <legend>{accountText.relationship.muteDuration}</legend>
            {MUTE_DURATIONS.map((choice) => (
              <label key={choice.label} className="choice">
                <input
                  type="radio"
                  name="mute-duration"
                  checked={muteSeconds === choice.seconds}
                  onChange={() => setMuteSeconds(choice.seconds)}
                />
                <span className="choice__name">{choice.label}</span>
              </label>
            ))}
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" checked={muteNotifications} onChange={(event) => setMuteNotifications(event.target.checked)} />
            {accountText.relationship.muteNotifications}
          </label>
          <div className="actions">
            <button type="button" className="button button--quiet" onClick={close}>
              {accountText.relationship.cancel}
            </button>
            <button type="submit" className="button button--primary">
              {accountText.relationship.mute}
            </button>
          </div>
        </form>
      </Dialog>

      <Dialog open={open === 'block'} onClose={close} title={t(accountText.relationship.blockTitle, { acct: account.acct })}>
        <form className="form" onSubmit={confirmBlock}>
          <p>{accountText.relationship.blockIntro}</p>
          <div className="actions">
            <button type="button" className="button button--quiet" onClick={close}>
              {accountText.relationship.cancel}
            </button>
            <button type="submit" className="button button--danger">
              {accountText.relationship.block}
            </button>
          </div>
        </form>
      </Dialog>

      {domain !== null && domain !== undefined && (
        <Dialog open={open === 'blockDomain'} onClose={close} title={t(accountText.relationship.blockDomainTitle, { domain })}>
          <form className="form" onSubmit={confirmBlockDomain}>
            <p>{t(accountText.relationship.blockDomainIntro, { domain })}</p>
            <div className="actions">
              <button type="button" className="button button--quiet" onClick={close}>
                {accountText.relationship.cancel}
              </button>
              <button type="submit" className="button button--danger">
                {t(accountText.relationship.blockDomain, { domain })}
              </button>
            </div>
          </form>
        </Dialog>
      )}

      <Dialog open={open === 'lists'} onClose={close} title={t(accountText.relationship.listsTitle, { acct: account.acct })}>
        <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
          <ListsDialogBody accountId={account.id} onDone={close} />
        </Suspense>
      </Dialog>
    </div>
  );
}
