//! DataLoaders: every relation field loads in one batch per request, whatever the page size.

use std::collections::HashMap;
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};

/// The loader type resolvers fetch from the context.
pub type Loaded<T> = DataLoader<T, HashMapCache>;
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::{AccountId, StatusId};
use rookery_domain::service::filters::ActiveFilters;
use rookery_domain::service::policies::Permissions;
use rookery_domain::service::polls::PollView;
use rookery_domain::service::quotes::QuoteView;
use rookery_domain::service::{self, accounts::AccountCounts};
use rookery_domain::types::{
    Account, FilterContext, MediaAttachment, PolicySubject, Relationship, Status, StatusStats,
};

use super::error::api_error;

type LoadResult<K, V> = Result<HashMap<K, V>, async_graphql::Error>;

pub struct AccountLoader(pub DatabaseConnection);

impl Loader<AccountId> for AccountLoader {
    type Value = Account;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[AccountId]) -> LoadResult<AccountId, Account> {
        let accounts = service::accounts::by_ids(&self.0, ids)
            .await
            .map_err(api_error)?;
        Ok(accounts.into_iter().map(|a| (a.id, a)).collect())
    }
}

pub struct AccountCountsLoader(pub DatabaseConnection);

impl Loader<AccountId> for AccountCountsLoader {
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

/// Each status's counts, and what the viewer did to it.
pub struct StatusStatsLoader {
    pub db: DatabaseConnection,
    pub viewer: Option<AccountId>,
}

impl Loader<StatusId> for StatusStatsLoader {
    type Value = StatusStats;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, StatusStats> {
        service::statuses::stats(&self.db, self.viewer, ids)
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

/// Whether each status is pinned by its author.
pub struct PinnedLoader(pub DatabaseConnection);

impl Loader<StatusId> for PinnedLoader {
    type Value = bool;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, bool> {
        let pinned = service::pins::pinned_among(&self.0, ids)
            .await
            .map_err(api_error)?;
        Ok(ids.iter().map(|id| (*id, pinned.contains(id))).collect())
    }
}

pub struct MentionsLoader(pub DatabaseConnection);

impl Loader<StatusId> for MentionsLoader {
    type Value = Vec<Account>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, Vec<Account>> {
        service::statuses::mentions(&self.0, ids)
            .await
            .map_err(api_error)
    }
}

pub struct HashtagsLoader(pub DatabaseConnection);

impl Loader<StatusId> for HashtagsLoader {
    type Value = Vec<String>;
    type Error = async_graphql::Error;

    async fn load(&self, ids: &[StatusId]) -> LoadResult<StatusId, Vec<String>> {
        service::statuses::hashtags(&self.0, ids)
            .await
            .map_err(api_error)
    }
}

/// Each status's attachments, in order.
pub struct MediaLoader(pub DatabaseConnection);

impl Loader<StatusId> for MediaLoader {
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
pub struct QuoteCountLoader(pub DatabaseConnection);

impl Loader<StatusId> for QuoteCountLoader {
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

/// A loader for one request: it caches what it loaded, and gathers the keys asked for within
/// `window` into one batch.
/// How long what loaders read may be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeping {
    /// For one request.
    Request,
    /// Never: a live connection reads every event afresh.
    Nothing,
}

fn loader<T>(inner: T, window: Duration, keeping: Keeping) -> DataLoader<T, HashMapCache> {
    let loader = DataLoader::with_cache(inner, tokio::spawn, HashMapCache::default()).delay(window);
    if keeping == Keeping::Nothing {
        loader.enable_all_cache(false);
    }
    loader
}

/// Adds a fresh set of loaders to one request's (or one live connection's) data, so
/// nothing is cached beyond it.
pub fn attach(
    data: &mut async_graphql::Data,
    db: &DatabaseConnection,
    viewer: Option<AccountId>,
    window: Duration,
    keeping: Keeping,
) {
    let statuses = StatusLoader {
        db: db.clone(),
        viewer,
    };
    data.insert(loader(AccountLoader(db.clone()), window, keeping));
    data.insert(loader(AccountCountsLoader(db.clone()), window, keeping));
    data.insert(loader(statuses, window, keeping));
    data.insert(loader(
        StatusStatsLoader {
            db: db.clone(),
            viewer,
        },
        window,
        keeping,
    ));
    data.insert(loader(MentionsLoader(db.clone()), window, keeping));
    data.insert(loader(PinnedLoader(db.clone()), window, keeping));
    data.insert(loader(HashtagsLoader(db.clone()), window, keeping));
    data.insert(loader(MediaLoader(db.clone()), window, keeping));
    data.insert(loader(
        PollLoader {
            db: db.clone(),
            viewer,
        },
        window,
        keeping,
    ));
    data.insert(loader(
        PermissionsLoader {
            db: db.clone(),
            viewer,
        },
        window,
        keeping,
    ));
    data.insert(loader(
        QuoteLoader {
            db: db.clone(),
            viewer,
        },
        window,
        keeping,
    ));
    data.insert(loader(QuoteCountLoader(db.clone()), window, keeping));
    let Some(viewer) = viewer else {
        return;
    };
    let db = db.clone();
    data.insert(loader(
        RelationshipLoader {
            db: db.clone(),
            viewer,
        },
        window,
        keeping,
    ));
    data.insert(loader(
        FiltersLoader {
            db: db.clone(),
            viewer,
        },
        window,
        keeping,
    ));
    data.insert(loader(
        BookmarkedLoader {
            db: db.clone(),
            viewer,
        },
        window,
        keeping,
    ));
    data.insert(loader(ThreadMutedLoader { db, viewer }, window, keeping));
}
