//! Posting, validation, threads, deletion and pagination.

use rookery_domain::page::PageRequest;
use rookery_domain::service::statuses::{self, NewStatus};
use rookery_domain::service::timelines;
use rookery_domain::service::visibility;
use rookery_domain::testing::TestDb;
use rookery_domain::types::Visibility;

use super::support::{app, post, reply, user};

fn new(text: &str) -> NewStatus {
    NewStatus {
        text: text.into(),
        content_warning: None,
        sensitive: false,
        visibility: Visibility::Public,
        in_reply_to: None,
        language: None,
        media: Vec::new(),
        poll: None,
        quote_of: None,
        policy: Default::default(),
    }
}

#[tokio::test]
async fn rendering_links_mentions_and_tags() {
    let test = TestDb::sqlite().await;
    let db = &test.db;
    let a = user(db, "ada").await;
    user(db, "bo").await;
    let status = post(
        db,
        &a,
        "Hi @bo and @ghost, see #Rust **now** <script>x</script>",
        Visibility::Public,
    )
    .await;
    assert!(
        status.content_html.contains("https://rookery.test/@bo"),
        "{}",
        status.content_html
    );
    assert!(
        status
            .content_html
            .contains("https://rookery.test/tags/rust")
    );
    assert!(status.content_html.contains("<strong>now</strong>"));
    assert!(!status.content_html.contains("<script"));
    let mentions = statuses::mentions(db, &[status.id]).await.unwrap();
    assert_eq!(mentions[&status.id].len(), 1);
    let tags = statuses::hashtags(db, &[status.id]).await.unwrap();
    assert_eq!(tags[&status.id], vec!["rust".to_owned()]);
}

#[tokio::test]
async fn bad_statuses_are_refused_and_change_nothing() {
    for test in TestDb::all().await {
        let db = &test.db;
        let a = user(db, "ava").await;
        let too_long = "x".repeat(501);
        for (text, field) in [("   ", "text"), (too_long.as_str(), "text")] {
            let error = statuses::create(&app(db), &a, new(text)).await.unwrap_err();
            assert_eq!(error.code(), "VALIDATION");
            assert!(error.to_string().starts_with(field), "{error}");
        }
        let mut bad_language = new("hello");
        bad_language.language = Some("en; DROP".into());
        assert!(statuses::create(&app(db), &a, bad_language).await.is_err());
        let mut bad_parent = new("hello");
        bad_parent.in_reply_to = Some(rookery_domain::ids::StatusId::new());
        let error = statuses::create(&app(db), &a, bad_parent)
            .await
            .unwrap_err();
        assert_eq!(error.code(), "NOT_FOUND");
        let page = timelines::account(db, None, a.account_id, &PageRequest::first(10))
            .await
            .unwrap();
        assert!(page.items.is_empty(), "{}", test.backend);
    }
}

#[tokio::test]
async fn threads_and_deletion() {
    for test in TestDb::all().await {
        let db = &test.db;
        let a = user(db, "amy").await;
        let b = user(db, "bill").await;
        let root = post(db, &a, "root", Visibility::Public).await;
        let r1 = reply(db, &b, &root, "first reply", Visibility::Public).await;
        let r2 = reply(db, &a, &r1, "reply to reply", Visibility::Public).await;
        let r3 = reply(db, &b, &root, "second reply", Visibility::Public).await;
        let thread = statuses::thread(db, None, r1.id).await.unwrap();
        assert_eq!(
            thread.ancestors.iter().map(|s| s.id).collect::<Vec<_>>(),
            vec![root.id]
        );
        assert_eq!(
            thread.descendants.iter().map(|s| s.id).collect::<Vec<_>>(),
            vec![r2.id]
        );
        let whole = statuses::thread(db, None, root.id).await.unwrap();
        let order: Vec<_> = whole.descendants.iter().map(|s| s.id).collect();
        assert_eq!(order, vec![r1.id, r2.id, r3.id], "{}", test.backend);
        assert_eq!(
            statuses::stats(db, None, &[root.id]).await.unwrap()[&root.id].replies,
            2
        );

        // Someone else's status cannot be deleted.
        let error = statuses::delete(&app(db), &b, root.id).await.unwrap_err();
        assert_eq!(error.code(), "FORBIDDEN");
        assert!(visibility::get(db, None, root.id).await.is_ok());

        statuses::delete(&app(db), &a, root.id).await.unwrap();
        assert_eq!(
            visibility::get(db, None, root.id).await.unwrap_err().code(),
            "NOT_FOUND"
        );
        let thread = statuses::thread(db, None, r1.id).await.unwrap();
        assert_eq!(thread.ancestors.len(), 1);
        assert!(thread.ancestors[0].is_deleted());
        assert!(thread.ancestors[0].content_html.is_empty());
        assert!(visibility::get(db, None, r3.id).await.is_ok());
        assert_eq!(
            statuses::delete(&app(db), &a, root.id)
                .await
                .unwrap_err()
                .code(),
            "NOT_FOUND"
        );
    }
}

#[tokio::test]
async fn pages_are_exact_both_ways() {
    for test in TestDb::all().await {
        let db = &test.db;
        let a = user(db, "pia").await;
        let mut posted = Vec::new();
        for n in 0..5 {
            posted.push(
                post(db, &a, &format!("status {n}"), Visibility::Public)
                    .await
                    .id,
            );
        }
        posted.reverse(); // newest first
        let ids = |page: &rookery_domain::page::Page<rookery_domain::types::Status>| {
            page.items.iter().map(|(_, s)| s.id).collect::<Vec<_>>()
        };
        let first = timelines::public(db, None, true, &PageRequest::first(2))
            .await
            .unwrap();
        assert_eq!(ids(&first), posted[0..2]);
        assert!(first.has_next && !first.has_previous);
        let cursor = Some(first.items[1].0);
        let second = timelines::public(
            db,
            None,
            true,
            &PageRequest {
                limit: 2,
                backwards: false,
                cursor,
            },
        )
        .await
        .unwrap();
        assert_eq!(ids(&second), posted[2..4]);
        assert!(second.has_next && second.has_previous);
        let cursor = Some(second.items[1].0);
        let third = timelines::public(
            db,
            None,
            true,
            &PageRequest {
                limit: 2,
                backwards: false,
                cursor,
            },
        )
        .await
        .unwrap();
        assert_eq!(ids(&third), posted[4..5]);
        assert!(!third.has_next && third.has_previous, "{}", test.backend);
        let cursor = Some(third.items[0].0);
        let back = timelines::public(
            db,
            None,
            true,
            &PageRequest {
                limit: 2,
                backwards: true,
                cursor,
            },
        )
        .await
        .unwrap();
        assert_eq!(ids(&back), posted[2..4]);
        assert!(back.has_previous && back.has_next);
    }
}

#[tokio::test]
async fn a_mention_or_tag_named_twice_is_recorded_once() {
    for test in TestDb::all().await {
        let db = &test.db;
        let a = user(db, "ada").await;
        let b = user(db, "bo").await;
        let status = post(db, &a, "plain", Visibility::Public).await;
        let twice = [b.account_id, b.account_id];
        rookery_domain::store::mentions::insert(db, status.id, &twice)
            .await
            .unwrap();
        rookery_domain::store::mentions::insert(db, status.id, &twice)
            .await
            .unwrap();
        let mentions = rookery_domain::store::mentions::by_statuses(db, &[status.id])
            .await
            .unwrap();
        assert_eq!(mentions[&status.id], vec![b.account_id]);

        let tags = rookery_domain::store::tags::ids_for(db, &["rust".to_owned()])
            .await
            .unwrap();
        let doubled = [tags.clone(), tags].concat();
        rookery_domain::store::tags::link(db, status.id, &doubled)
            .await
            .unwrap();
        let names = rookery_domain::store::tags::names_by_statuses(db, &[status.id])
            .await
            .unwrap();
        assert_eq!(names[&status.id], vec!["rust".to_owned()]);
    }
}

/// Counts and viewer state read for many viewers at once agree with those read for each
/// viewer alone: favourites, boosts, boosts taken back, and anonymous viewers.
#[tokio::test]
async fn stats_for_many_viewers_agree_with_each_alone() {
    use rookery_domain::service::{favourites, reblogs};

    for test in TestDb::all().await {
        let db = &test.db;
        let alice = user(db, "alice").await;
        let bob = user(db, "bob").await;
        let carol = user(db, "carol").await;
        let first = post(db, &alice, "first", Visibility::Public).await;
        let second = post(db, &alice, "second", Visibility::Public).await;
        favourites::favourite(&app(db), &bob, first.id)
            .await
            .unwrap();
        favourites::favourite(&app(db), &carol, second.id)
            .await
            .unwrap();
        reblogs::reblog(&app(db), &carol, first.id).await.unwrap();
        reblogs::reblog(&app(db), &bob, second.id).await.unwrap();
        reblogs::unreblog(&app(db), &bob, second.id).await.unwrap();

        let viewers = [
            None,
            Some(alice.account_id),
            Some(bob.account_id),
            Some(carol.account_id),
        ];
        let keys: Vec<_> = viewers
            .iter()
            .flat_map(|viewer| [(*viewer, first.id), (*viewer, second.id)])
            .collect();
        let together = statuses::stats_for_viewers(db, &keys).await.unwrap();
        assert_eq!(together.len(), keys.len(), "{}", test.backend);
        for (viewer, id) in &keys {
            let alone = statuses::stats(db, *viewer, &[*id]).await.unwrap();
            assert_eq!(
                together[&(*viewer, *id)],
                alone[id],
                "{} {viewer:?}",
                test.backend
            );
        }
        let bob_first = together[&(Some(bob.account_id), first.id)];
        assert!(bob_first.favourited && !bob_first.reblogged);
        let carol_first = together[&(Some(carol.account_id), first.id)];
        assert!(!carol_first.favourited && carol_first.reblogged);
        assert_eq!((carol_first.favourites, carol_first.reblogs), (1, 1));
        let bob_second = together[&(Some(bob.account_id), second.id)];
        assert!(!bob_second.reblogged, "a boost taken back is not counted");
    }
}
