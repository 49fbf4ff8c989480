//! The outbox: local actions recorded as activities and who receives them.

use std::sync::Arc;

use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::{ActivityId, StatusId};
use rookery_domain::ports::LiveEvent;
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::{self, Outbox};
use rookery_domain::service::remote::{self, RemoteActor};
use rookery_domain::service::{follows, statuses};
use rookery_domain::testing::{RecordingQueue, TestDb};
use rookery_domain::types::{Account, ActivityKind, OutboxActivity, Visibility};

use super::support::{instance, remote_actor, user};
use rookery_domain::service::App;

fn actor(username: &str, domain: &str, shared_inbox: bool) -> RemoteActor {
    RemoteActor {
        shared_inbox_url: shared_inbox.then(|| format!("https://{domain}/inbox")),
        ..remote_actor(domain, username)
    }
}

async fn remote_follower(app: &App, remote: RemoteActor, followee: &Account) -> Account {
    let account = remote::upsert_account(&app.db, remote).await.unwrap();
    let follow_id = format!("{}/follows/1", account.actor_id);
    follows::follow_received(app, account.id, &followee.actor_id, Some(follow_id))
        .await
        .unwrap();
    account
}

async fn post(
    app: &App,
    viewer: &rookery_domain::types::Viewer,
    text: &str,
    visibility: Visibility,
) -> rookery_domain::types::Status {
    let new = statuses::NewStatus {
        text: text.into(),
        content_warning: None,
        sensitive: false,
        visibility,
        in_reply_to: None,
        language: None,
        media: Vec::new(),
        poll: None,
        quote_of: None,
        policy: Default::default(),
    };
    statuses::create(app, viewer, new).await.unwrap()
}

#[tokio::test]
async fn statuses_go_to_one_inbox_per_server_and_direct_ones_to_the_mentioned_only() {
    for test in TestDb::all().await {
        let db = &test.db;
        let queue = Arc::new(RecordingQueue::default());
        let outbox = Outbox::new(instance(), queue.clone(), Arc::new(LocalBus::default()));
        let app = App::new(db.clone(), outbox.clone());
        let alice = user(db, "alice").await;
        let alice_account = rookery_domain::service::accounts::get(db, alice.account_id)
            .await
            .unwrap();
        // Two followers on a server with a shared inbox, one on a server without.
        remote_follower(&app, actor("bob", "a.example", true), &alice_account).await;
        remote_follower(&app, actor("carol", "a.example", true), &alice_account).await;
        remote_follower(&app, actor("dan", "b.example", false), &alice_account).await;
        let accepts = queue.published();
        assert_eq!(accepts.len(), 3, "each follow is accepted");
        let accept = outbox::get(db, accepts[0]).await.unwrap().unwrap();
        assert_eq!(accept.kind, ActivityKind::AcceptFollow);
        assert_eq!(
            outbox::recipients(db, &accept).await.unwrap(),
            vec!["https://a.example/users/bob/inbox".to_owned()],
            "an Accept goes to the follower's own inbox"
        );
        let erin = remote::upsert_account(db, actor("erin", "c.example", true))
            .await
            .unwrap();

        let public = post(&app, &alice, "hello @erin@c.example", Visibility::Public).await;
        let create = outbox::get(db, *queue.published().last().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(create.kind, ActivityKind::CreateNote);
        assert_eq!(create.status, Some(public.id));
        // A Create's id is its status's, as in the outbox and where it is served.
        assert_eq!(create.ap_id, format!("{}/activity", public.ap_id));
        assert_eq!(
            outbox::recipients(db, &create).await.unwrap(),
            vec![
                "https://a.example/inbox".to_owned(),
                "https://b.example/users/dan/inbox".to_owned(),
                "https://c.example/inbox".to_owned(),
            ]
        );

        let direct = post(&app, &alice, "psst @erin@c.example", Visibility::Direct).await;
        let create = outbox::get(db, *queue.published().last().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(create.status, Some(direct.id));
        assert_eq!(
            outbox::recipients(db, &create).await.unwrap(),
            vec!["https://c.example/inbox".to_owned()]
        );

        statuses::delete(&app, &alice, direct.id).await.unwrap();
        let delete = outbox::get(db, *queue.published().last().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(delete.kind, ActivityKind::DeleteNote);
        assert_eq!(
            outbox::recipients(db, &delete).await.unwrap(),
            vec!["https://c.example/inbox".to_owned()],
            "a delete reaches whoever got the status"
        );
        let _ = erin;
    }
}

#[tokio::test]
async fn following_a_remote_account_waits_for_its_accept() {
    for test in TestDb::all().await {
        let db = &test.db;
        let queue = Arc::new(RecordingQueue::default());
        let outbox = Outbox::new(instance(), queue.clone(), Arc::new(LocalBus::default()));
        let app = App::new(db.clone(), outbox.clone());
        let alice = user(db, "alice").await;
        let bob = remote::upsert_account(db, actor("bob", "a.example", true))
            .await
            .unwrap();
        let (_, relationship) = follows::follow(&app, &alice, bob.id).await.unwrap();
        assert!(relationship.requested && !relationship.following);
        let follow = outbox::get(db, queue.published()[0])
            .await
            .unwrap()
            .unwrap();
        assert_eq!(follow.kind, ActivityKind::Follow);
        assert_eq!(
            outbox::recipients(db, &follow).await.unwrap(),
            vec!["https://a.example/users/bob/inbox".to_owned()]
        );

        // An Accept from someone else's request changes nothing; bob's own does.
        let alice_actor = rookery_domain::service::accounts::get(db, alice.account_id)
            .await
            .unwrap()
            .actor_id;
        let relationship_to_bob = || async {
            rookery_domain::service::accounts::relationships(db, alice.account_id, &[bob.id])
                .await
                .unwrap()
                .remove(&bob.id)
                .unwrap_or_default()
        };
        follows::follow_answered(db, bob.id, None, Some("https://elsewhere/1"), true)
            .await
            .unwrap();
        let relationship = relationship_to_bob().await;
        assert!(relationship.requested && !relationship.following);
        follows::follow_answered(db, bob.id, None, Some(&follow.ap_id), true)
            .await
            .unwrap();
        let relationship = relationship_to_bob().await;
        assert!(
            relationship.following && !relationship.requested,
            "bob's own Accept makes alice a follower"
        );
        let (_, relationship) = follows::unfollow(&app, &alice, bob.id).await.unwrap();
        assert!(!relationship.following);
        let undo = outbox::get(db, *queue.published().last().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(undo.kind, ActivityKind::UndoFollow);
        assert_eq!(undo.object_ap_id.as_deref(), Some(follow.ap_id.as_str()));

        // Following again, then a Reject by actor id, ends the request.
        follows::follow(&app, &alice, bob.id).await.unwrap();
        assert!(relationship_to_bob().await.requested);
        follows::follow_answered(db, bob.id, Some(&alice_actor), None, false)
            .await
            .unwrap();
        let relationship = relationship_to_bob().await;
        assert!(!relationship.requested && !relationship.following);
    }
}

#[tokio::test]
async fn a_host_failing_on_seven_days_is_given_up_until_it_answers() {
    use chrono::{Duration, TimeZone, Utc};
    use rookery_domain::service::delivery_hosts::{self, HostHealth};

    async fn health(db: &DatabaseConnection, host: &str) -> HostHealth {
        let all = delivery_hosts::all(db).await.unwrap();
        all.get(host).copied().unwrap_or(HostHealth::Fine)
    }

    for test in TestDb::all().await {
        let db = &test.db;
        let host = "dead.example";
        let first = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        assert_eq!(health(db, host).await, HostHealth::Fine);
        for day in 0..6 {
            let at = first + Duration::days(day);
            // Many failures on one day count as one day.
            for hour in 0..3 {
                let unavailable = delivery_hosts::failed(db, host, at + Duration::hours(hour))
                    .await
                    .unwrap();
                assert!(!unavailable, "day {day}");
            }
        }
        assert_eq!(health(db, host).await, HostHealth::Failing);
        assert!(
            delivery_hosts::failed(db, host, first + Duration::days(9))
                .await
                .unwrap()
        );
        assert_eq!(health(db, host).await, HostHealth::Unavailable);
        assert!(delivery_hosts::answered(db, host).await.unwrap());
        assert_eq!(health(db, host).await, HostHealth::Fine);
        assert!(!delivery_hosts::answered(db, host).await.unwrap());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_actor_stored_by_two_requests_at_once_is_one_account() {
    for test in TestDb::all().await {
        let barrier = Arc::new(tokio::sync::Barrier::new(8));
        let upserts: Vec<_> = (0..8)
            .map(|_| {
                let barrier = barrier.clone();
                let db = test.db.clone();
                tokio::spawn(async move {
                    barrier.wait().await;
                    remote::upsert_account(&db, actor("racer", "race.example", true)).await
                })
            })
            .collect();
        let mut ids = Vec::new();
        for upsert in upserts {
            ids.push(upsert.await.unwrap().unwrap().id);
        }
        ids.dedup();
        assert_eq!(ids.len(), 1, "{}: {ids:?}", test.backend);
    }
}

/// A write releases what it recorded only once it commits: dropped, it rolls back and
/// queues nothing; committed, it queues each activity once, and no sooner.
#[tokio::test]
async fn a_write_releases_what_it_recorded_only_once_committed() {
    for test in TestDb::all().await {
        let db = &test.db;
        let queue = Arc::new(RecordingQueue::default());
        let outbox = Outbox::new(instance(), queue.clone(), Arc::new(LocalBus::default()));
        let alice = user(db, "alice").await;
        let activity = |n: u32| OutboxActivity {
            id: ActivityId::new(),
            ap_id: format!("https://rookery.test/activities/{n}"),
            actor: alice.account_id,
            kind: ActivityKind::UpdateActor,
            status: None,
            target_account: None,
            object_ap_id: None,
            report: None,
            body: None,
            created_at: chrono::Utc::now(),
            published_at: None,
        };
        let app = App::new(db.clone(), outbox);
        let dropped = activity(1);
        {
            let write = app.write().await.unwrap();
            write.record(&dropped).await.unwrap();
            write.tell([LiveEvent::StatusEdited(StatusId::new())]);
        }
        assert!(outbox::get(db, dropped.id).await.unwrap().is_none());
        assert!(queue.published().is_empty());
        let kept = activity(2);
        let write = app.write().await.unwrap();
        write.record(&kept).await.unwrap();
        assert!(queue.published().is_empty(), "queued before the commit");
        write.commit().await.unwrap();
        assert_eq!(queue.published(), vec![kept.id]);
        assert!(outbox::get(db, kept.id).await.unwrap().is_some());
    }
}
