//! Polls: checking a new one, voting, reading results, and noticing their end.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, NotificationId, PollId, StatusId};
use crate::ports::LiveEvent;
use crate::service::App;
use crate::service::notifications::notify;
use crate::service::outbox::Write;
use crate::service::visibility;
use crate::store;
use crate::types::{
    ActivityKind, MAX_COUNT, Notification, NotificationKind, OutboxActivity, Poll, PollOption,
    Status, Viewer,
};
use crate::{DomainError, DomainResult};

/// The fewest and most options a poll has.
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 4;
/// The longest an option's title may be, in characters.
pub const MAX_OPTION_CHARS: usize = 50;
/// The shortest and longest a poll may run, in seconds.
pub const MIN_EXPIRY_SECS: i64 = 5 * 60;
pub const MAX_EXPIRY_SECS: i64 = 30 * 24 * 3600;
/// How many ended polls one run of [`end_expired`] handles.
const ENDED_PER_RUN: u64 = 200;

/// A poll as its author writes it.
#[derive(Debug, Clone)]
pub struct NewPoll {
    pub options: Vec<String>,
    pub multiple: bool,
    /// How long it runs from now.
    pub expires_in_secs: i64,
}

/// A poll for `status`, once `new` keeps the limits.
pub(crate) fn checked(new: NewPoll, status: StatusId, now: DateTime<Utc>) -> DomainResult<Poll> {
    let options: Vec<String> = new.options.iter().map(|o| o.trim().to_owned()).collect();
    if options.len() < MIN_OPTIONS || options.len() > MAX_OPTIONS {
        return Err(DomainError::validation(
            "poll.options",
            format!("a poll has {MIN_OPTIONS} to {MAX_OPTIONS} options"),
        ));
    }
    if options.iter().any(|o| o.is_empty()) {
        return Err(DomainError::validation(
            "poll.options",
            "an option cannot be empty",
        ));
    }
    if options.iter().any(|o| o.chars().count() > MAX_OPTION_CHARS) {
        return Err(DomainError::validation(
            "poll.options",
            format!("an option has at most {MAX_OPTION_CHARS} characters"),
        ));
    }
    if options.iter().collect::<HashSet<_>>().len() < options.len() {
        return Err(DomainError::validation(
            "poll.options",
            "the options must differ",
        ));
    }
    if !(MIN_EXPIRY_SECS..=MAX_EXPIRY_SECS).contains(&new.expires_in_secs) {
        return Err(DomainError::validation(
            "poll.expiresInSeconds",
            format!("a poll runs from {MIN_EXPIRY_SECS} seconds to {MAX_EXPIRY_SECS} seconds"),
        ));
    }
    Ok(Poll {
        id: PollId::new(),
        status_id: status,
        options: options
            .into_iter()
            .map(|title| PollOption {
                title,
                votes_count: 0,
            })
            .collect(),
        multiple: new.multiple,
        expires_at: now + Duration::seconds(new.expires_in_secs),
        voters_count: 0,
        ended_at: None,
    })
}

/// A poll as one reader sees it.
#[derive(Debug, Clone)]
pub struct PollView {
    pub poll: Poll,
    /// Whether the reader voted in it (its author counts as having voted).
    pub voted: bool,
    /// The options the reader chose, by index.
    pub own_votes: Vec<u32>,
}

/// The polls of `statuses` (which the reader may see), as `viewer` sees them.
pub async fn of_statuses(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    statuses: &[Status],
) -> DomainResult<HashMap<StatusId, PollView>> {
    // A deleted status's poll is gone with its text.
    let ids: Vec<StatusId> = statuses
        .iter()
        .filter(|s| !s.is_deleted())
        .map(|s| s.id)
        .collect();
    let polls = store::polls::by_statuses(db, &ids).await?;
    let mut own = match viewer {
        Some(viewer) => {
            let poll_ids: Vec<PollId> = polls.values().map(|p| p.id).collect();
            store::polls::choices_of(db, viewer, &poll_ids).await?
        }
        None => HashMap::new(),
    };
    Ok(statuses
        .iter()
        .filter_map(|status| {
            let poll = polls.get(&status.id)?.clone();
            let own_votes = own.remove(&poll.id).unwrap_or_default();
            let voted = !own_votes.is_empty() || viewer == Some(status.account_id);
            Some((
                status.id,
                PollView {
                    poll,
                    voted,
                    own_votes,
                },
            ))
        })
        .collect())
}

/// The status a poll belongs to (whether the reader may see it is the caller's to check).
pub async fn status_of(db: &impl ConnectionTrait, poll: PollId) -> DomainResult<Option<StatusId>> {
    Ok(store::polls::status_of(db, poll).await?)
}

/// The polls of the statuses among `ids` (which the reader may see), as `viewer` sees
/// them; for batch loading by id.
pub async fn of_status_ids(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    ids: &[StatusId],
) -> DomainResult<HashMap<StatusId, PollView>> {
    let statuses = store::statuses::by_ids(db, ids).await?;
    of_statuses(db, viewer, &statuses).await
}

/// Votes as the viewer in the poll of a status it may see: never in its own poll, nor in
/// one that ended, nor twice; one choice unless the poll allows several.
#[tracing::instrument(skip_all, fields(status = %status_id))]
pub async fn vote(
    app: &App,
    viewer: &Viewer,
    status_id: StatusId,
    choices: &[i64],
) -> DomainResult<PollView> {
    let status = visibility::acted_on(&app.db, viewer.account_id, status_id).await?;
    let poll = store::polls::by_status(&app.db, status.id)
        .await?
        .ok_or_else(|| DomainError::validation("statusId", "the status has no poll"))?;
    if status.account_id == viewer.account_id {
        return Err(DomainError::validation(
            "statusId",
            "one cannot vote in one's own poll",
        ));
    }
    if poll.expired(Utc::now()) {
        return Err(DomainError::validation("statusId", "the poll has ended"));
    }
    let choices = checked_choices(&poll, choices)?;
    let txn = app.write().await?;
    let already = store::polls::choices_of(&txn, viewer.account_id, &[poll.id]).await?;
    if already.contains_key(&poll.id) {
        return Err(DomainError::validation("statusId", "already voted"));
    }
    store::polls::insert_votes(&txn, poll.id, viewer.account_id, &choices).await?;
    let counted = if status.local {
        let counted = recount(&txn, poll).await?;
        announce_counts(&txn, &status).await?;
        counted
    } else {
        // A remote poll's server counts; until it says, the vote is added here, and it
        // hears of each choice as Mastodon sends them.
        let mut poll = poll;
        for choice in &choices {
            if let Some(option) = poll.options.get_mut(*choice as usize) {
                option.votes_count = option.votes_count.saturating_add(1).min(MAX_COUNT);
                let activity = OutboxActivity {
                    object_ap_id: Some(option.title.clone()),
                    ..app
                        .outbox
                        .about_status(viewer.account_id, ActivityKind::Vote, status.id)
                };
                txn.record(&activity).await?;
            }
        }
        poll.voters_count = poll.voters_count.saturating_add(1).min(MAX_COUNT);
        store::polls::update(&txn, &poll).await?;
        poll
    };
    txn.tell([LiveEvent::StatusEdited(status.id)]);
    txn.commit().await?;
    Ok(PollView {
        poll: counted,
        voted: true,
        own_votes: choices,
    })
}

/// The choices as option indexes, once they fit the poll.
fn checked_choices(poll: &Poll, choices: &[i64]) -> DomainResult<Vec<u32>> {
    let mut checked = Vec::with_capacity(choices.len());
    for choice in choices {
        let index = u32::try_from(*choice)
            .ok()
            .filter(|i| (*i as usize) < poll.options.len())
            .ok_or_else(|| DomainError::validation("choices", "no such option"))?;
        if checked.contains(&index) {
            return Err(DomainError::validation(
                "choices",
                "an option is chosen once",
            ));
        }
        checked.push(index);
    }
    if checked.is_empty() {
        return Err(DomainError::validation("choices", "choose an option"));
    }
    if !poll.multiple && checked.len() > 1 {
        return Err(DomainError::validation(
            "choices",
            "this poll takes one choice",
        ));
    }
    checked.sort_unstable();
    Ok(checked)
}

/// Records an `Update` of a local poll's status with its new counts, for its followers;
/// nothing for statuses that never leave this server.
async fn announce_counts(write: &Write<'_>, status: &Status) -> DomainResult<()> {
    if !status.local || !status.visibility.federates() || status.is_deleted() {
        return Ok(());
    }
    let outbox = write.outbox();
    let activity = outbox.about_status(status.account_id, ActivityKind::UpdatePoll, status.id);
    write.record(&activity).await?;
    Ok(())
}

/// Counts a vote another server's account cast in a local poll (Mastodon sends one per
/// choice): only in a poll that runs, of a status the voter may see, once per choice, and
/// one choice only in a single-choice poll. False when it did not count.
#[tracing::instrument(skip_all)]
pub async fn vote_received(
    app: &App,
    voter: AccountId,
    question: &str,
    choice: &str,
) -> DomainResult<bool> {
    let Some(status) = store::statuses::by_ap_id(&app.db, question).await? else {
        return Ok(false);
    };
    if !status.local || status.account_id == voter {
        return Ok(false);
    }
    let status = match visibility::get(&app.db, Some(voter), status.id).await {
        Ok(status) => status,
        Err(DomainError::NotFound(_)) => return Ok(false),
        Err(other) => return Err(other),
    };
    let Some(poll) = store::polls::by_status(&app.db, status.id).await? else {
        return Ok(false);
    };
    if poll.expired(Utc::now()) {
        return Ok(false);
    }
    let Some(index) = poll
        .options
        .iter()
        .position(|o| o.title == choice)
        .and_then(|i| u32::try_from(i).ok())
    else {
        return Ok(false);
    };
    let txn = app.write().await?;
    let already = store::polls::choices_of(&txn, voter, &[poll.id])
        .await?
        .remove(&poll.id)
        .unwrap_or_default();
    if already.contains(&index) || (!poll.multiple && !already.is_empty()) {
        return Ok(false);
    }
    store::polls::insert_votes(&txn, poll.id, voter, &[index]).await?;
    recount(&txn, poll).await?;
    announce_counts(&txn, &status).await?;
    txn.tell([LiveEvent::StatusEdited(status.id)]);
    txn.commit().await?;
    Ok(true)
}

/// Counts a local poll's votes again from those recorded, and keeps the counts.
async fn recount(db: &impl ConnectionTrait, mut poll: Poll) -> DomainResult<Poll> {
    let (per_choice, voters) = store::polls::tally(db, poll.id).await?;
    for (index, option) in poll.options.iter_mut().enumerate() {
        option.votes_count = u32::try_from(index)
            .ok()
            .and_then(|i| per_choice.get(&i).copied())
            .unwrap_or(0);
    }
    poll.voters_count = voters;
    store::polls::update(db, &poll).await?;
    Ok(poll)
}

/// Handles the polls that ended by now (see [`end_expired`]) and tells the notified live;
/// returns how many were told.
pub async fn end_due(app: &App) -> DomainResult<usize> {
    Ok(end_expired(app, Utc::now()).await?.len())
}

/// Handles the polls that ended by `now` and were not handled yet, in one transaction:
/// each is marked, its local voters and local author are told, and a local poll's final
/// counts go to its followers. Running it again changes nothing. Returns the notifications
/// made (told live too).
#[tracing::instrument(skip_all)]
pub async fn end_expired(app: &App, now: DateTime<Utc>) -> DomainResult<Vec<NotificationId>> {
    let txn = app.write().await?;
    let due = store::polls::due(&txn, now, ENDED_PER_RUN).await?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let status_ids: Vec<StatusId> = due.iter().map(|p| p.status_id).collect();
    let statuses: HashMap<StatusId, Status> = store::statuses::by_ids(&txn, &status_ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut notified = Vec::new();
    let mut ended = Vec::new();
    for poll in due {
        if !store::polls::mark_ended(&txn, poll.id, now).await? {
            continue;
        }
        let Some(status) = statuses.get(&poll.status_id).filter(|s| !s.is_deleted()) else {
            continue;
        };
        ended.push(LiveEvent::StatusEdited(status.id));
        announce_counts(&txn, status).await?;
        let voters = store::polls::voters(&txn, poll.id).await?;
        notified.extend(
            notify(
                &txn,
                NotificationKind::Poll,
                status.account_id,
                Some(status.id),
                &voters,
            )
            .await?,
        );
        if status.local {
            let own = Notification {
                id: NotificationId::new(),
                recipient: status.account_id,
                kind: NotificationKind::Poll,
                from: Some(status.account_id),
                status: Some(status.id),
                report: None,
                read_at: None,
                created_at: now,
            };
            store::notifications::insert_many(&txn, std::slice::from_ref(&own)).await?;
            notified.push(own.id);
        }
    }
    txn.tell(
        ended
            .into_iter()
            .chain(LiveEvent::notified(notified.clone())),
    );
    txn.commit().await?;
    Ok(notified)
}

/// A poll as another server describes it (a `Question`).
#[derive(Debug, Clone, Default)]
pub struct RemotePoll {
    /// Titles and their counts, in order.
    pub options: Vec<PollOption>,
    pub multiple: bool,
    pub end_time: Option<DateTime<Utc>>,
    /// When it was closed, if it was.
    pub closed: Option<DateTime<Utc>>,
    pub voters_count: Option<u64>,
}

/// The most options kept of a remote poll, and the longest title.
const MAX_REMOTE_OPTIONS: usize = 64;
const MAX_REMOTE_TITLE_CHARS: usize = 500;

impl RemotePoll {
    fn into_poll(self, id: PollId, status: StatusId, now: DateTime<Utc>) -> Poll {
        let options: Vec<PollOption> = self
            .options
            .into_iter()
            .take(MAX_REMOTE_OPTIONS)
            .map(|o| PollOption {
                title: o.title.chars().take(MAX_REMOTE_TITLE_CHARS).collect(),
                votes_count: o.votes_count.min(MAX_COUNT),
            })
            .collect();
        let summed = options
            .iter()
            .fold(0u64, |sum, o| sum.saturating_add(o.votes_count))
            .min(MAX_COUNT);
        let voters_count = match self.voters_count {
            Some(count) => count.min(MAX_COUNT),
            // Without a count, a single-choice poll has as many voters as votes.
            None if !self.multiple => summed,
            None => options.iter().map(|o| o.votes_count).max().unwrap_or(0),
        };
        let expires_at = match (self.end_time, self.closed) {
            (Some(end), Some(closed)) => end.min(closed),
            (Some(end), None) => end,
            (None, Some(closed)) => closed,
            // A poll without an end runs for the longest a local one may.
            (None, None) => now + Duration::seconds(MAX_EXPIRY_SECS),
        };
        Poll {
            id,
            status_id: status,
            options,
            multiple: self.multiple,
            expires_at,
            voters_count,
            ended_at: None,
        }
    }
}

/// Keeps the poll a remote status carries, inside the caller's transaction.
pub(crate) async fn store_remote(
    db: &impl ConnectionTrait,
    status: StatusId,
    remote: RemotePoll,
) -> DomainResult<()> {
    if remote.options.len() < 2 {
        return Ok(());
    }
    let poll = remote.into_poll(PollId::new(), status, Utc::now());
    store::polls::insert(db, &poll).await?;
    Ok(())
}

/// Takes a remote poll's new counts (and end), keeping whether its end was handled here.
pub(crate) async fn refresh_remote(
    db: &impl ConnectionTrait,
    status: StatusId,
    remote: RemotePoll,
) -> DomainResult<()> {
    match store::polls::by_status(db, status).await? {
        Some(existing) => {
            let fresh = remote.into_poll(existing.id, status, Utc::now());
            // Options are titles: the counts are taken only while they are the same ones.
            let same = fresh.options.len() == existing.options.len()
                && fresh
                    .options
                    .iter()
                    .zip(&existing.options)
                    .all(|(a, b)| a.title == b.title);
            if same {
                store::polls::update(db, &fresh).await?;
            }
            Ok(())
        }
        None => store_remote(db, status, remote).await,
    }
}
