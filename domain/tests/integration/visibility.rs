//! Every visibility × viewer × path: who sees what.

use rookery_domain::ids::StatusId;
use rookery_domain::page::PageRequest;
use rookery_domain::service::{follows, statuses, timelines};
use rookery_domain::testing::TestDb;
use rookery_domain::types::{Status, Viewer, Visibility};

use super::support::{outbox, post, reply, user};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Author,
    Follower,
    Stranger,
    Mentioned,
}

const EVERYONE: [Who; 5] = [
    Who::Anonymous,
    Who::Author,
    Who::Follower,
    Who::Stranger,
    Who::Mentioned,
];

/// Whether `who` may see a status of `visibility` (the expected table).
#[allow(clippy::match_like_matches_macro)]
fn expected(visibility: Visibility, who: Who) -> bool {
    use Visibility::*;
    use Who::*;
    match (visibility, who) {
        (Public | Unlisted, _) => true,
        (Followers, Author | Follower | Mentioned) => true,
        (Direct, Author | Mentioned) => true,
        _ => false,
    }
}

/// Whether a status belongs on `who`'s home timeline: its own and followed accounts' ones.
fn expected_home(visibility: Visibility, who: Who) -> bool {
    matches!(who, Who::Author | Who::Follower) && expected(visibility, who)
}

struct World {
    viewers: Vec<(Who, Option<Viewer>)>,
    /// One status per visibility, each mentioning the mentioned account.
    statuses: Vec<Status>,
    /// A public root with one reply per visibility.
    root: Status,
    replies: Vec<Status>,
}

async fn world(db: &rookery_domain::db::DatabaseConnection) -> World {
    let author = user(db, "author").await;
    let follower = user(db, "follower").await;
    let stranger = user(db, "stranger").await;
    let mentioned = user(db, "mentioned").await;
    follows::follow(db, &outbox(), &follower, author.account_id)
        .await
        .unwrap();
    let mut statuses = Vec::new();
    for visibility in Visibility::ALL {
        let text = format!("{} for @mentioned", visibility.as_str());
        statuses.push(post(db, &author, &text, visibility).await);
    }
    let root = post(db, &author, "root", Visibility::Public).await;
    let mut replies = Vec::new();
    for visibility in Visibility::ALL {
        let text = format!("{} reply for @mentioned", visibility.as_str());
        replies.push(reply(db, &author, &root, &text, visibility).await);
    }
    World {
        viewers: vec![
            (Who::Anonymous, None),
            (Who::Author, Some(author)),
            (Who::Follower, Some(follower)),
            (Who::Stranger, Some(stranger)),
            (Who::Mentioned, Some(mentioned)),
        ],
        statuses,
        root,
        replies,
    }
}

fn ids(page: rookery_domain::page::Page<Status>) -> Vec<StatusId> {
    page.items.into_iter().map(|(_, s)| s.id).collect()
}

async fn check(test: TestDb) {
    let db = &test.db;
    let w = world(db).await;
    let all = PageRequest::first(100);
    let author_id = w.viewers[1].1.map(|v| v.account_id).unwrap();
    for (who, viewer) in &w.viewers {
        let viewer_id = viewer.map(|v| v.account_id);
        let account_page = ids(timelines::account(db, viewer_id, author_id, &all)
            .await
            .unwrap());
        let local = ids(timelines::public(db, viewer_id, true, &all).await.unwrap());
        let public = ids(timelines::public(db, viewer_id, false, &all).await.unwrap());
        let home = match viewer {
            Some(viewer) => Some(ids(timelines::home(db, viewer, &all).await.unwrap())),
            None => None,
        };
        let thread = statuses::thread(db, viewer_id, w.root.id).await.unwrap();
        let descendants: Vec<StatusId> = thread.descendants.iter().map(|s| s.id).collect();
        for (status, reply) in w.statuses.iter().zip(&w.replies) {
            let v = status.visibility;
            let want = expected(v, *who);
            let case = format!("{} {:?} {v:?}", test.backend, who);
            let single = statuses::get(db, viewer_id, status.id).await;
            assert_eq!(single.is_ok(), want, "single status: {case}");
            if !want {
                assert_eq!(single.unwrap_err().code(), "NOT_FOUND", "{case}");
            }
            let own_thread = statuses::thread(db, viewer_id, status.id).await;
            assert_eq!(own_thread.is_ok(), want, "thread: {case}");
            assert_eq!(
                descendants.contains(&reply.id),
                want,
                "thread descendants: {case}"
            );
            assert_eq!(
                account_page.contains(&status.id),
                want,
                "account statuses: {case}"
            );
            let listed = v == Visibility::Public;
            assert_eq!(local.contains(&status.id), listed, "local timeline: {case}");
            assert_eq!(
                public.contains(&status.id),
                listed,
                "public timeline: {case}"
            );
            if let Some(home) = &home {
                assert_eq!(
                    home.contains(&status.id),
                    expected_home(v, *who),
                    "home: {case}"
                );
            }
            let batch = statuses::visible_by_ids(db, viewer_id, &[status.id])
                .await
                .unwrap();
            assert_eq!(batch.len() == 1, want, "batch: {case}");
        }
    }
    assert_eq!(EVERYONE.len(), w.viewers.len());
}

#[tokio::test]
async fn matrix_on_sqlite() {
    check(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn matrix_on_postgres() {
    if let Some(test) = TestDb::postgres().await {
        check(test).await;
    }
}
