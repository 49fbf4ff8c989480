//! DataLoaders: every relation field loads in one batch per request, whatever the page size.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader, NoCache};
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::{AccountId, StatusId};
use rookery_domain::service::filters::ActiveFilters;
use rookery_domain::service::policies::Permissions;
use rookery_domain::service::polls::PollView;
use rookery_domain::service::quotes::QuoteView;
use rookery_domain::service::statuses::VersionWithMedia;
use rookery_domain::service::{self, accounts::AccountCounts};
use rookery_domain::types::{
    Account, FilterContext, MediaAttachment, PolicySubject, Relationship, Status, StatusStats,
};

use super::error::api_error;

/// The loader type resolvers fetch from the context.
pub type Loaded<T> = DataLoader<T, HashMapCache>;

type LoadResult<K, V> = Result<HashMap<K, V>, async_graphql::Error>;

/// What is the same for every viewer, read by one request alone or, on a live connection,
/// through a batch all of the process's live connections share.
pub enum Reads<T> {
    Alone(T),
    Shared(Arc<DataLoader<T, NoCache>>),
}

impl<K, T> Loader<K> for Reads<T>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: Loader<K>,
{
    type Value = T::Value;
    type Error = T::Error;

    async fn load(&self, keys: &[K]) -> Result<HashMap<K, T::Value>, T::Error> {
        match self {
            Self::Alone(reads) => reads.load(keys).await,
            Self::Shared(batch) => batch.load_many(keys.iter().cloned()).await,
        }
    }
}

/// The batches this process's live connections read through: the listeners of one event
/// read its author, pictures, mentions, tags and counts once between them, and what each
/// of them did to it in one more statement, not once each. Nothing is kept past a batch.
pub struct SharedReads {
    stats: Arc<DataLoader<ViewersStatsReads, NoCache>>,
    accounts: Arc<DataLoader<AccountReads, NoCache>>,
    account_counts: Arc<DataLoader<AccountCountsReads, NoCache>>,
    pinned: Arc<DataLoader<PinnedReads, NoCache>>,
    mentions: Arc<DataLoader<MentionsReads, NoCache>>,
    hashtags: Arc<DataLoader<HashtagsReads, NoCache>>,
    media: Arc<DataLoader<MediaReads, NoCache>>,
    quote_counts: Arc<DataLoader<QuoteCountReads, NoCache>>,
}

impl SharedReads {
    /// Batches gathering keys for `window`.
    pub fn new(db: &DatabaseConnection, window: Duration) -> Self {
        fn batch<T>(reads: T, window: Duration) -> Arc<DataLoader<T, NoCache>> {
            Arc::new(DataLoader::new(reads, tokio::spawn).delay(window))
        }
        Self {
            stats: batch(ViewersStatsReads(db.clone()), window),
            accounts: batch(AccountReads(db.clone()), window),
            account_counts: batch(AccountCountsReads(db.clone()), window),
            pinned: batch(PinnedReads(db.clone()), window),
            mentions: batch(MentionsReads(db.clone()), window),
            hashtags: batch(HashtagsReads(db.clone()), window),
            media: batch(MediaReads(db.clone()), window),
            quote_counts: batch(QuoteCountReads(db.clone()), window),
        }
    }
}

pub struct AccountReads(pub DatabaseConnection);
/// [`AccountReads`], read alone or through the live connections' shared batch.
pub type AccountLoader = Reads<AccountReads>;

impl Loader<AccountId> for AccountReads {
    type Value = Account;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[AccountId]) -> LoadResult<AccountId, Account> {
        let accounts = service::accounts::by_ids(&self.0, ids)
            .await
            .map_err(api_error)?;
        Ok(accounts.into_iter().map(|a| (a.id, a)).collect())
    }
}

pub struct AccountCountsReads(pub DatabaseConnection);
/// [`AccountCountsReads`], read alone or through the live connections' shared batch.
pub type AccountCountsLoader = Reads<AccountCountsReads>;

impl Loader<AccountId> for AccountCountsReads {
    type Value = AccountCounts;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[AccountId]) -> LoadResult<AccountId, AccountCounts> {
        service::accounts::counts(&self.0, ids)
            .await
            .map_err(api_error)
    }
}

/// How the viewer relates to accounts.
pub struct RelationshipLoader {
    pub db: DatabaseConnection,
    pub viewer: AccountId,
}

impl Loader<AccountId> for RelationshipLoader {
    type Value = Relationship;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[AccountId]) -> LoadResult<AccountId, Relationship> {
        service::accounts::relationships(&self.db, self.viewer, ids)
            .await
            .map_err(api_error)
    }
}

/// Statuses the viewer may see (tombstones included), and None for the others, so that
/// the request asks no more about those either.
pub struct StatusLoader {
    pub db: DatabaseConnection,
    pub viewer: Option<AccountId>,
}

impl Loader<StatusId> for StatusLoader {
    type Value = Option<Status>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, Option<Status>> {
        let mut found: HashMap<StatusId, Option<Status>> =
            service::statuses::visible_by_ids(&self.db, self.viewer, ids)
                .await
                .map_err(api_error)?
                .into_iter()
                .map(|s| (s.id, Some(s)))
                .collect();
        for id in ids {
            found.entry(*id).or_default();
        }
        Ok(found)
    }
}

/// Each status's counts, and what the viewer did to it: read alone, or on a live
/// connection through the batch all of them share.
pub struct StatusStatsLoader {
    pub db: DatabaseConnection,
    pub viewer: Option<AccountId>,
    pub shared: Option<Arc<DataLoader<ViewersStatsReads, NoCache>>>,
}

impl Loader<StatusId> for StatusStatsLoader {
    type Value = StatusStats;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, StatusStats> {
        match &self.shared {
            None => service::statuses::stats(&self.db, self.viewer, ids)
                .await
                .map_err(api_error),
            Some(batch) => {
                let keys = ids.iter().map(|id| (self.viewer, *id));
                let loaded = batch.load_many(keys).await?;
                Ok(loaded.into_iter().map(|((_, id), s)| (id, s)).collect())
            }
        }
    }
}

/// Counts and what each viewer did, for many viewers at once.
pub struct ViewersStatsReads(pub DatabaseConnection);

impl Loader<(Option<AccountId>, StatusId)> for ViewersStatsReads {
    type Value = StatusStats;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[(Option<AccountId>, StatusId)],
    ) -> LoadResult<(Option<AccountId>, StatusId), StatusStats> {
        service::statuses::stats_for_viewers(&self.0, keys)
            .await
            .map_err(api_error)
    }
}

/// Whether the viewer bookmarked each status.
pub struct BookmarkedLoader {
    pub db: DatabaseConnection,
    pub viewer: AccountId,
}

impl Loader<StatusId> for BookmarkedLoader {
    type Value = bool;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, bool> {
        let kept = service::bookmarks::bookmarked_among(&self.db, self.viewer, ids)
            .await
            .map_err(api_error)?;
        Ok(ids.iter().map(|id| (*id, kept.contains(id))).collect())
    }
}

/// Whether the viewer muted each thread (keyed by the thread's first status).
pub struct ThreadMutedLoader {
    pub db: DatabaseConnection,
    pub viewer: AccountId,
}

impl Loader<StatusId> for ThreadMutedLoader {
    type Value = bool;
    type Error = async_graphql::Error;

    async fn load(&self, threads: &[StatusId]) -> LoadResult<StatusId, bool> {
        let muted = service::mutes::muted_threads(&self.db, self.viewer, threads)
            .await
            .map_err(api_error)?;
        Ok(threads.iter().map(|id| (*id, muted.contains(id))).collect())
    }
}

/// Whether the viewer follows each hashtag (by name).
pub struct FollowedTagLoader {
    pub db: DatabaseConnection,
    pub viewer: AccountId,
}

impl Loader<String> for FollowedTagLoader {
    type Value = bool;
    type Error = async_graphql::Error;

    async fn load(&self, names: &[String]) -> LoadResult<String, bool> {
        let followed = service::tags::followed_among(&self.db, self.viewer, names)
            .await
            .map_err(api_error)?;
        Ok(names
            .iter()
            .map(|name| (name.clone(), followed.contains(name)))
            .collect())
    }
}

/// Each hashtag's use over the last days (by name).
pub struct TagHistoryLoader(pub DatabaseConnection);

impl Loader<String> for TagHistoryLoader {
    type Value = Vec<service::tags::DayUsage>;
    type Error = async_graphql::Error;

    async fn load(&self, names: &[String]) -> LoadResult<String, Self::Value> {
        service::tags::history(&self.0, names, chrono::Utc::now())
            .await
            .map_err(api_error)
    }
}

/// Whether each status is pinned by its author.
pub struct PinnedReads(pub DatabaseConnection);
/// [`PinnedReads`], read alone or through the live connections' shared batch.
pub type PinnedLoader = Reads<PinnedReads>;

impl Loader<StatusId> for PinnedReads {
    type Value = bool;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, bool> {
        let pinned = service::pins::pinned_among(&self.0, ids)
            .await
            .map_err(api_error)?;
        Ok(ids.iter().map(|id| (*id, pinned.contains(id))).collect())
    }
}

pub struct MentionsReads(pub DatabaseConnection);
/// [`MentionsReads`], read alone or through the live connections' shared batch.
pub type MentionsLoader = Reads<MentionsReads>;

impl Loader<StatusId> for MentionsReads {
    type Value = Vec<Account>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, Vec<Account>> {
        service::statuses::mentions(&self.0, ids)
            .await
            .map_err(api_error)
    }
}

pub struct HashtagsReads(pub DatabaseConnection);
/// [`HashtagsReads`], read alone or through the live connections' shared batch.
pub type HashtagsLoader = Reads<HashtagsReads>;

impl Loader<StatusId> for HashtagsReads {
    type Value = Vec<String>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, Vec<String>> {
        service::statuses::hashtags(&self.0, ids)
            .await
            .map_err(api_error)
    }
}

/// Each status's attachments, in order.
pub struct MediaReads(pub DatabaseConnection);
/// [`MediaReads`], read alone or through the live connections' shared batch.
pub type MediaLoader = Reads<MediaReads>;

impl Loader<StatusId> for MediaReads {
    type Value = Vec<MediaAttachment>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, Vec<MediaAttachment>> {
        let mut attached: HashMap<StatusId, Vec<MediaAttachment>> = HashMap::new();
        for media in service::media::of_statuses(&self.0, ids)
            .await
            .map_err(api_error)?
        {
            if let Some(status) = media.status_id {
                attached.entry(status).or_default().push(media);
            }
        }
        Ok(attached)
    }
}

/// Each status's poll, as the viewer sees it.
pub struct PollLoader {
    pub db: DatabaseConnection,
    pub viewer: Option<AccountId>,
}

impl Loader<StatusId> for PollLoader {
    type Value = PollView;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, PollView> {
        service::polls::of_status_ids(&self.db, self.viewer, ids)
            .await
            .map_err(api_error)
    }
}

/// Every version of each status the viewer may see, with the attachments it had.
pub struct EditsLoader {
    pub db: DatabaseConnection,
    pub viewer: Option<AccountId>,
}

impl Loader<StatusId> for EditsLoader {
    type Value = Vec<VersionWithMedia>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, Vec<VersionWithMedia>> {
        service::statuses::versions_of(&self.db, self.viewer, ids)
            .await
            .map_err(api_error)
    }
}

/// The statuses each account pinned that the viewer may see.
pub struct PinsLoader {
    pub db: DatabaseConnection,
    pub viewer: Option<AccountId>,
}

impl Loader<AccountId> for PinsLoader {
    type Value = Vec<Status>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[AccountId]) -> LoadResult<AccountId, Vec<Status>> {
        service::pins::of_accounts(&self.db, self.viewer, ids)
            .await
            .map_err(api_error)
    }
}

/// Each status's interaction policy, and what the viewer may do under it.
pub struct PermissionsLoader {
    pub db: DatabaseConnection,
    pub viewer: Option<AccountId>,
}

impl Loader<PolicySubject> for PermissionsLoader {
    type Value = Permissions;
    type Error = async_graphql::Error;

    async fn load(&self, subjects: &[PolicySubject]) -> LoadResult<PolicySubject, Permissions> {
        let mut loaded = service::policies::permissions(&self.db, self.viewer, subjects)
            .await
            .map_err(api_error)?;
        Ok(subjects
            .iter()
            .filter_map(|s| Some((*s, loaded.remove(&s.id)?)))
            .collect())
    }
}

/// Each quote post's quote, and the quoted status when the viewer may see it.
pub struct QuoteLoader {
    pub db: DatabaseConnection,
    pub viewer: Option<AccountId>,
}

impl Loader<StatusId> for QuoteLoader {
    type Value = QuoteView;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, QuoteView> {
        service::quotes::views(&self.db, self.viewer, ids)
            .await
            .map_err(api_error)
    }
}

/// How many accepted quotes each status has.
pub struct QuoteCountReads(pub DatabaseConnection);
/// [`QuoteCountReads`], read alone or through the live connections' shared batch.
pub type QuoteCountLoader = Reads<QuoteCountReads>;

impl Loader<StatusId> for QuoteCountReads {
    type Value = u64;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, u64> {
        service::quotes::counts(&self.0, ids)
            .await
            .map_err(api_error)
    }
}

/// The viewer's filters, per context, compiled once per request.
pub struct FiltersLoader {
    pub db: DatabaseConnection,
    pub viewer: AccountId,
}

impl Loader<FilterContext> for FiltersLoader {
    type Value = ActiveFilters;
    type Error = async_graphql::Error;

    async fn load(&self, contexts: &[FilterContext]) -> LoadResult<FilterContext, ActiveFilters> {
        let mut loaded = HashMap::new();
        for context in contexts {
            let filters = service::filters::active(&self.db, Some(self.viewer), *context)
                .await
                .map_err(api_error)?;
            loaded.insert(*context, filters);
        }
        Ok(loaded)
    }
}

/// What loaders read is kept for one request, or, on a live connection, for nothing: it
/// reads every event afresh, through the batches all live connections share where it can.
#[derive(Clone, Copy)]
pub enum Keeping<'a> {
    Request,
    Nothing(&'a SharedReads),
}

fn loader<T>(inner: T, window: Duration, keeping: Keeping) -> DataLoader<T, HashMapCache> {
    let loader = DataLoader::with_cache(inner, tokio::spawn, HashMapCache::default()).delay(window);
    if let Keeping::Nothing(_) = keeping {
        loader.enable_all_cache(false);
    }
    loader
}

/// Reads of what is the same for every viewer: alone, or through `shared`'s batch.
fn reads<T>(
    alone: impl FnOnce() -> T,
    shared: impl FnOnce(&SharedReads) -> &Arc<DataLoader<T, NoCache>>,
    keeping: Keeping,
) -> Reads<T> {
    match keeping {
        Keeping::Request => Reads::Alone(alone()),
        Keeping::Nothing(batches) => Reads::Shared(shared(batches).clone()),
    }
}

/// One request's (or one live connection's) loaders, fresh for it so that nothing is
/// cached beyond it. Resolvers reach them through `ContextExt::loaders`.
pub struct Loaders {
    pub accounts: Loaded<AccountLoader>,
    pub account_counts: Loaded<AccountCountsLoader>,
    pub statuses: Loaded<StatusLoader>,
    pub status_stats: Loaded<StatusStatsLoader>,
    pub mentions: Loaded<MentionsLoader>,
    pub pinned: Loaded<PinnedLoader>,
    pub hashtags: Loaded<HashtagsLoader>,
    pub media: Loaded<MediaLoader>,
    pub polls: Loaded<PollLoader>,
    pub permissions: Loaded<PermissionsLoader>,
    pub edits: Loaded<EditsLoader>,
    pub pins: Loaded<PinsLoader>,
    pub quotes: Loaded<QuoteLoader>,
    pub quote_counts: Loaded<QuoteCountLoader>,
    pub tag_history: Loaded<TagHistoryLoader>,
    /// What only a signed-in viewer has; `None` for anonymous readers.
    pub viewer: Option<ViewerLoaders>,
}

/// The loaders of what a signed-in viewer did or set.
pub struct ViewerLoaders {
    pub relationships: Loaded<RelationshipLoader>,
    pub filters: Loaded<FiltersLoader>,
    pub bookmarked: Loaded<BookmarkedLoader>,
    pub followed_tags: Loaded<FollowedTagLoader>,
    pub thread_muted: Loaded<ThreadMutedLoader>,
}

impl Loaders {
    pub fn new(
        db: &DatabaseConnection,
        viewer: Option<AccountId>,
        window: Duration,
        keeping: Keeping,
    ) -> Self {
        let for_viewer = |viewer| ViewerLoaders {
            relationships: loader(
                RelationshipLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            filters: loader(
                FiltersLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            bookmarked: loader(
                BookmarkedLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            followed_tags: loader(
                FollowedTagLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            thread_muted: loader(
                ThreadMutedLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
        };
        Self {
            accounts: loader(
                reads(|| AccountReads(db.clone()), |s| &s.accounts, keeping),
                window,
                keeping,
            ),
            account_counts: loader(
                reads(
                    || AccountCountsReads(db.clone()),
                    |s| &s.account_counts,
                    keeping,
                ),
                window,
                keeping,
            ),
            statuses: loader(
                StatusLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            status_stats: loader(
                StatusStatsLoader {
                    db: db.clone(),
                    viewer,
                    shared: match keeping {
                        Keeping::Request => None,
                        Keeping::Nothing(batches) => Some(batches.stats.clone()),
                    },
                },
                window,
                keeping,
            ),
            mentions: loader(
                reads(|| MentionsReads(db.clone()), |s| &s.mentions, keeping),
                window,
                keeping,
            ),
            pinned: loader(
                reads(|| PinnedReads(db.clone()), |s| &s.pinned, keeping),
                window,
                keeping,
            ),
            hashtags: loader(
                reads(|| HashtagsReads(db.clone()), |s| &s.hashtags, keeping),
                window,
                keeping,
            ),
            media: loader(
                reads(|| MediaReads(db.clone()), |s| &s.media, keeping),
                window,
                keeping,
            ),
            polls: loader(
                PollLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            permissions: loader(
                PermissionsLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            edits: loader(
                EditsLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            pins: loader(
                PinsLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            quotes: loader(
                QuoteLoader {
                    db: db.clone(),
                    viewer,
                },
                window,
                keeping,
            ),
            quote_counts: loader(
                reads(|| QuoteCountReads(db.clone()), |s| &s.quote_counts, keeping),
                window,
                keeping,
            ),
            tag_history: loader(TagHistoryLoader(db.clone()), window, keeping),
            viewer: viewer.map(for_viewer),
        }
    }
}

/// Which of [`Loaders`] loads with `T`, for code generic over loaders (read-ahead).
pub trait LoaderOf<T: Send + Sync + 'static> {
    fn loader_of(&self) -> &Loaded<T>;
}

macro_rules! loader_of {
    ($($loader:ty => $field:ident),* $(,)?) => {
        $(impl LoaderOf<$loader> for Loaders {
            fn loader_of(&self) -> &Loaded<$loader> {
                &self.$field
            }
        })*
    };
}

loader_of! {
    AccountLoader => accounts,
    StatusLoader => statuses,
    StatusStatsLoader => status_stats,
    MediaLoader => media,
}
