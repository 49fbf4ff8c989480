//! Every visibility × viewer × path: who sees what.

use rookery_domain::ids::StatusId;
use rookery_domain::page::PageRequest;
use rookery_domain::service::remote;
use rookery_domain::service::{blocks, follows, notes, statuses, tags, timelines, visibility};
use rookery_domain::testing::TestDb;
use rookery_domain::types::{AccountAction, NoteFilter, Status, Viewer, Visibility};

use super::support::{app, post, remote_actor, reply, user};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Author,
    Follower,
    Stranger,
    Mentioned,
    /// Blocked by the author.
    Blocked,
    /// An account of another server that follows the author (what a signed fetch from
    /// its server is answered as).
    RemoteFollower,
}

const EVERYONE: [Who; 7] = [
    Who::Anonymous,
    Who::Author,
    Who::Follower,
    Who::Stranger,
    Who::Mentioned,
    Who::Blocked,
    Who::RemoteFollower,
];

/// Whether `who` may see a status of `visibility` (the expected table).
#[allow(clippy::match_like_matches_macro)]
fn expected(visibility: Visibility, who: Who) -> bool {
    use Visibility::*;
    use Who::*;
    match (visibility, who) {
        (_, Blocked) => false,
        (_, Author) => true,
        (Public | Unlisted, _) => true,
        (Followers, Follower | Mentioned | RemoteFollower) => true,
        (Direct, Mentioned) => true,
        (Local, Follower | Stranger | Mentioned) => true,
        _ => false,
    }
}

/// Whether a status belongs on `who`'s home timeline: its own and followed accounts' ones.
fn expected_home(visibility: Visibility, who: Who) -> bool {
    matches!(who, Who::Author | Who::Follower) && expected(visibility, who)
}

/// Whether a status is listed on the local, public and hashtag timelines for `who`.
fn expected_listed(visibility: Visibility, who: Who) -> bool {
    matches!(visibility, Visibility::Public | Visibility::Local) && expected(visibility, who)
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
    let blocked = user(db, "blocked").await;
    follows::follow(&app(db), &follower, author.account_id)
        .await
        .unwrap();
    follows::follow(&app(db), &blocked, author.account_id)
        .await
        .unwrap();
    blocks::block(&app(db), &author, blocked.account_id)
        .await
        .unwrap();
    let faraway = remote::upsert_account(db, remote_actor("elsewhere.example", "faraway"))
        .await
        .unwrap();
    let author_account = rookery_domain::service::accounts::get(db, author.account_id)
        .await
        .unwrap();
    follows::follow_received(
        &app(db),
        faraway.id,
        &author_account.actor_id,
        Some(format!("{}/follows/1", faraway.actor_id)),
    )
    .await
    .unwrap();
    let faraway_viewer = Viewer {
        account_id: faraway.id,
        ..author
    };
    let mut statuses = Vec::new();
    for visibility in Visibility::ALL {
        let text = format!("{} for @mentioned #matrix", visibility.as_str());
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
            (Who::Blocked, Some(blocked)),
            (Who::RemoteFollower, Some(faraway_viewer)),
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
        let tagged = ids(tags::timeline(db, viewer_id, "matrix", &all).await.unwrap());
        // A remote account has no home timeline here.
        let home = match viewer {
            Some(viewer) if *who != Who::RemoteFollower => {
                Some(ids(timelines::home(db, viewer, &all).await.unwrap()))
            }
            _ => None,
        };
        let descendants: Vec<StatusId> = match statuses::thread(db, viewer_id, w.root.id).await {
            Ok(thread) => thread.descendants.iter().map(|s| s.id).collect(),
            Err(error) => {
                assert_eq!(*who, Who::Blocked, "{error}");
                Vec::new()
            }
        };
        for (status, reply) in w.statuses.iter().zip(&w.replies) {
            let v = status.visibility;
            let want = expected(v, *who);
            let case = format!("{} {:?} {v:?}", test.backend, who);
            let single = visibility::get(db, viewer_id, status.id).await;
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
            let listed = expected_listed(v, *who);
            assert_eq!(local.contains(&status.id), listed, "local timeline: {case}");
            assert_eq!(
                public.contains(&status.id),
                listed,
                "public timeline: {case}"
            );
            assert_eq!(
                tagged.contains(&status.id),
                listed,
                "hashtag timeline: {case}"
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

    // A suspension hides all of the author's statuses from everyone, the author too, on
    // every path: the rule in memory and its SQL twin agree.
    rookery_domain::store::accounts::set_restriction(
        db,
        author_id,
        AccountAction::Suspend,
        Some(chrono::Utc::now()),
    )
    .await
    .unwrap();
    for (who, viewer) in &w.viewers {
        let viewer_id = viewer.map(|v| v.account_id);
        let case = format!("{} {who:?} suspended", test.backend);
        let account_page = timelines::account(db, viewer_id, author_id, &all)
            .await
            .unwrap();
        assert!(account_page.items.is_empty(), "account statuses: {case}");
        let public = timelines::public(db, viewer_id, false, &all).await.unwrap();
        assert!(public.items.is_empty(), "public timeline: {case}");
        let tagged = tags::timeline(db, viewer_id, "matrix", &all).await.unwrap();
        assert!(tagged.items.is_empty(), "hashtag timeline: {case}");
        if let Some(viewer) = viewer
            && *who != Who::RemoteFollower
        {
            let home = timelines::home(db, viewer, &all).await.unwrap();
            assert!(
                home.items.iter().all(|(_, s)| s.account_id != author_id),
                "home: {case}"
            );
        }
        for status in &w.statuses {
            let single = visibility::get(db, viewer_id, status.id).await;
            assert_eq!(single.unwrap_err().code(), "NOT_FOUND", "single: {case}");
            let batch = statuses::visible_by_ids(db, viewer_id, &[status.id])
                .await
                .unwrap();
            assert!(batch.is_empty(), "batch: {case}");
        }
    }
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

/// Archived statuses leave every timeline, the author's too, and stay reachable by id.
async fn check_archive(test: TestDb) {
    let db = &test.db;
    let author = user(db, "author").await;
    let follower = user(db, "follower").await;
    follows::follow(&app(db), &follower, author.account_id)
        .await
        .unwrap();
    let kept = post(db, &author, "kept #box", Visibility::Public).await;
    let archived = post(db, &author, "put away #box", Visibility::Public).await;
    let done = notes::archive(db, &author, archived.id).await.unwrap();
    assert!(done.archived_at.is_some());
    let all = PageRequest::first(100);
    for viewer in [&author, &follower] {
        let lists = [
            ids(timelines::home(db, viewer, &all).await.unwrap()),
            ids(timelines::public(db, Some(viewer.account_id), true, &all)
                .await
                .unwrap()),
            ids(
                timelines::account(db, Some(viewer.account_id), author.account_id, &all)
                    .await
                    .unwrap(),
            ),
            ids(tags::timeline(db, Some(viewer.account_id), "box", &all)
                .await
                .unwrap()),
        ];
        for list in lists {
            assert_eq!(list, vec![kept.id], "{}", test.backend);
        }
        let by_id = visibility::get(db, Some(viewer.account_id), archived.id)
            .await
            .unwrap();
        assert!(by_id.archived_at.is_some());
    }
    let archived_notes = NoteFilter {
        archived: Some(true),
        ..NoteFilter::default()
    };
    let page = notes::page(db, &author, &archived_notes, &all)
        .await
        .unwrap();
    assert_eq!(ids(page), vec![archived.id]);
    // Only the author archives, and a boost is not archived.
    let code = notes::archive(db, &follower, archived.id)
        .await
        .unwrap_err()
        .code();
    assert_eq!(code, "FORBIDDEN");
    notes::unarchive(db, &author, archived.id).await.unwrap();
    let home = ids(timelines::home(db, &follower, &all).await.unwrap());
    assert_eq!(home, vec![archived.id, kept.id]);
}

#[tokio::test]
async fn archive_on_sqlite() {
    check_archive(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn archive_on_postgres() {
    if let Some(test) = TestDb::postgres().await {
        check_archive(test).await;
    }
}

/// Other servers cannot act on private and local statuses: a reply, a like or a boost of
/// one from elsewhere is refused or ignored, whatever the sender guessed.
async fn check_remote_refusals(test: TestDb) {
    use rookery_domain::service::statuses::received::{self, RemoteStatus};
    use rookery_domain::service::tags::TagIds;
    use rookery_domain::service::{favourites, reblogs};

    let db = &test.db;
    let author = user(db, "author").await;
    let faraway = remote::upsert_account(db, remote_actor("elsewhere.example", "faraway"))
        .await
        .unwrap();
    for visibility in [Visibility::Private, Visibility::Local] {
        let note = post(db, &author, "not for elsewhere", visibility).await;
        let reply = RemoteStatus {
            ap_id: format!("{}/statuses/{}", faraway.actor_id, visibility.as_str()),
            url: faraway.actor_id.clone(),
            author: faraway.id,
            content_html: "<p>guessed</p>".into(),
            content_warning: String::new(),
            sensitive: false,
            visibility: Visibility::Public,
            language: None,
            in_reply_to: Some(note.ap_id.clone()),
            published: chrono::Utc::now(),
            mentioned: Vec::new(),
            hashtags: Vec::new(),
            attachments: Vec::new(),
            poll: None,
            quote: None,
            policy: None,
        };
        let refused =
            received::store_status(&app(db), &TagIds::default(), &Default::default(), reply)
                .await
                .unwrap_err();
        assert_eq!(refused.code(), "VALIDATION", "{}", test.backend);
        let like_id = format!("{}/likes/{}", faraway.actor_id, visibility.as_str());
        assert!(
            !favourites::like_received(&app(db), &faraway, &like_id, &note.ap_id)
                .await
                .unwrap()
        );
        let announce_id = format!("{}/announces/{}", faraway.actor_id, visibility.as_str());
        assert!(
            !reblogs::announce_received(&app(db), &faraway, &announce_id, &note)
                .await
                .unwrap()
        );
        let thread = statuses::thread(db, Some(author.account_id), note.id)
            .await
            .unwrap();
        assert!(thread.descendants.is_empty());
    }
}

#[tokio::test]
async fn remote_refusals_on_sqlite() {
    check_remote_refusals(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn remote_refusals_on_postgres() {
    if let Some(test) = TestDb::postgres().await {
        check_remote_refusals(test).await;
    }
}
