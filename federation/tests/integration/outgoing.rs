//! Every kind of activity this server sends is built from the same types it reads: each,
//! built from real rows on both databases, reads back as the activity its `type` names and
//! writes out again as what was sent.

use std::sync::Arc;

use chrono::Utc;
use rookery_domain::db::WriteGroup;
use rookery_domain::ids::{AccountId, ActivityId, ReportId, StatusId};
use rookery_domain::service::App;
use rookery_domain::service::auth::{self, Registration};
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::Outbox;
use rookery_domain::service::quotes::{self, RemoteQuote};
use rookery_domain::service::reblogs;
use rookery_domain::service::remote;
use rookery_domain::service::reports::{self, NewReport};
use rookery_domain::service::statuses::received::{self, RemoteStatus};
use rookery_domain::service::statuses::{self, NewStatus};
use rookery_domain::service::tags::TagIds;
use rookery_domain::testing::{RecordingQueue, TestDb, instance, remote_actor};
use rookery_domain::types::{
    Account, ActivityKind, InteractionPolicy, OutboxActivity, ReportCategory, Status, Viewer,
    Visibility,
};
use rookery_federation::activities::AnyActivity;
use rookery_federation::outgoing;
use serde_json::Value;

/// bob's public note `n`, quoting `quote` when given.
fn remote_note(bob: AccountId, n: u32, quote: Option<&Status>) -> RemoteStatus {
    RemoteStatus {
        ap_id: format!("https://b.example/notes/{n}"),
        url: format!("https://b.example/@bob/{n}"),
        author: bob,
        content_html: format!("<p>note {n}</p>"),
        content_warning: String::new(),
        sensitive: false,
        visibility: Visibility::Public,
        language: None,
        in_reply_to: None,
        published: Utc::now(),
        mentioned: Vec::new(),
        hashtags: Vec::new(),
        attachments: Vec::new(),
        poll: None,
        quote: quote.map(|quoted| RemoteQuote {
            quoted_ap_id: quoted.ap_id.clone(),
            authorization: None,
            stamp_checked: false,
        }),
        policy: Some(InteractionPolicy::OPEN),
    }
}

async fn new_post(app: &App, viewer: &Viewer, quote_of: Option<StatusId>) -> Status {
    let new = NewStatus {
        text: "a post".into(),
        content_warning: None,
        sensitive: false,
        visibility: Visibility::Public,
        in_reply_to: None,
        language: None,
        media: Vec::new(),
        poll: None,
        quote_of,
        policy: Default::default(),
    };
    statuses::create(app, viewer, new).await.unwrap()
}

/// The rows each kind of activity names.
struct Scene {
    alice: Viewer,
    bob: Account,
    /// alice's public post, and her boost of it.
    post: Status,
    boost: Status,
    /// bob's note; alice's quote of it; bob's quote of alice's post, which she allowed.
    bobs_note: Status,
    alices_quote: Status,
    bobs_quote: Status,
    stamp: String,
    report: ReportId,
}

async fn scene(app: &App) -> Scene {
    let db = &app.db;
    let registration = Registration {
        username: "alice".into(),
        email: "alice@example.org".into(),
        password: "correct horse".into(),
        reason: None,
    };
    let registered = auth::register(db, &RecordingQueue::default(), &instance(), registration)
        .await
        .unwrap();
    let alice = auth::authenticate(db, &registered.token.unwrap())
        .await
        .unwrap();
    let bob = remote::upsert_account(db, remote_actor("b.example", "bob"))
        .await
        .unwrap();
    let post = new_post(app, &alice, None).await;
    let boost = reblogs::reblog(app, &alice, post.id).await.unwrap();
    let (tags, group) = (TagIds::default(), WriteGroup::default());
    let bobs_note = received::store_status(app, &tags, &group, remote_note(bob.id, 1, None))
        .await
        .unwrap();
    let alices_quote = new_post(app, &alice, Some(bobs_note.id)).await;
    let bobs_quote =
        received::store_status(app, &tags, &group, remote_note(bob.id, 2, Some(&post)))
            .await
            .unwrap();
    quotes::request_received(
        app,
        &bob,
        "https://b.example/requests/1",
        &post,
        &bobs_quote,
    )
    .await
    .unwrap();
    let stamp = quotes::of_statuses(db, &[bobs_quote.id])
        .await
        .unwrap()
        .remove(&bobs_quote.id)
        .and_then(|quote| quote.authorization_ap_id)
        .expect("alice's public post may be quoted by anyone: a stamp");
    let report = reports::file(
        app,
        &alice,
        NewReport {
            target: bob.id,
            statuses: vec![bobs_note.id],
            comment: "spam".into(),
            category: ReportCategory::Spam,
            rules: Vec::new(),
            forward: true,
        },
    )
    .await
    .unwrap()
    .id;
    Scene {
        alice,
        bob,
        post,
        boost,
        bobs_note,
        alices_quote,
        bobs_quote,
        stamp,
        report,
    }
}

/// alice's activity of `kind`, with what it names in `scene`, and the `type` it goes out as.
fn activity_of(kind: ActivityKind, scene: &Scene) -> (OutboxActivity, &'static str) {
    let (post, boost, bob) = (
        Some(scene.post.id),
        Some(scene.boost.id),
        Some(scene.bob.id),
    );
    let id = ActivityId::new();
    // (status, target account, object, report, type)
    let (status, target, object, report, sent_as) = match kind {
        ActivityKind::CreateNote => (post, None, None, None, "Create"),
        ActivityKind::UpdateNote | ActivityKind::UpdatePoll => (post, None, None, None, "Update"),
        ActivityKind::DeleteNote => (post, None, None, None, "Delete"),
        ActivityKind::Follow => (None, bob, None, None, "Follow"),
        ActivityKind::UndoFollow => (
            None,
            bob,
            Some("https://rookery.test/follows/1"),
            None,
            "Undo",
        ),
        ActivityKind::AcceptFollow => (
            None,
            bob,
            Some("https://b.example/follows/1"),
            None,
            "Accept",
        ),
        ActivityKind::RejectFollow => (
            None,
            bob,
            Some("https://b.example/follows/1"),
            None,
            "Reject",
        ),
        ActivityKind::UpdateActor => (None, None, None, None, "Update"),
        ActivityKind::Flag => (None, bob, None, Some(scene.report), "Flag"),
        ActivityKind::Like => (post, None, None, None, "Like"),
        ActivityKind::UndoLike => (
            post,
            None,
            Some("https://rookery.test/likes/1"),
            None,
            "Undo",
        ),
        ActivityKind::Announce => (boost, None, None, None, "Announce"),
        ActivityKind::UndoAnnounce => (post, None, Some(scene.boost.ap_id.as_str()), None, "Undo"),
        ActivityKind::Block => (None, bob, None, None, "Block"),
        ActivityKind::UndoBlock => (
            None,
            bob,
            Some("https://rookery.test/blocks/1"),
            None,
            "Undo",
        ),
        ActivityKind::AddPin => (post, None, None, None, "Add"),
        ActivityKind::RemovePin => (post, None, None, None, "Remove"),
        ActivityKind::Vote => (Some(scene.bobs_note.id), None, Some("yes"), None, "Create"),
        ActivityKind::QuoteRequest => {
            (Some(scene.alices_quote.id), bob, None, None, "QuoteRequest")
        }
        ActivityKind::AcceptQuote => (
            Some(scene.bobs_quote.id),
            bob,
            Some("https://b.example/requests/1"),
            None,
            "Accept",
        ),
        ActivityKind::RejectQuote => (
            Some(scene.bobs_quote.id),
            bob,
            Some("https://b.example/requests/1"),
            None,
            "Reject",
        ),
        ActivityKind::RevokeQuote => (None, None, Some(scene.stamp.as_str()), None, "Delete"),
        ActivityKind::Move => (None, bob, None, None, "Move"),
        ActivityKind::DeleteActor => (None, None, None, None, "Delete"),
    };
    let activity = OutboxActivity {
        id,
        ap_id: format!("https://rookery.test/activities/{id}"),
        actor: scene.alice.account_id,
        kind,
        status,
        target_account: target,
        object_ap_id: object.map(str::to_owned),
        report,
        body: None,
        created_at: Utc::now(),
        published_at: None,
    };
    (activity, sent_as)
}

async fn every_kind_reads_back_as_itself(test: TestDb) {
    let db = &test.db;
    let queue = Arc::new(RecordingQueue::default());
    let outbox = Outbox::new(instance(), queue, Arc::new(LocalBus::default()));
    let scene = scene(&App::new(db.clone(), outbox)).await;
    for kind in ActivityKind::ALL {
        let (activity, sent_as) = activity_of(kind, &scene);
        let body: Value = outgoing::build(db, &instance(), &activity)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{}: {kind:?} built nothing", test.backend));
        assert_eq!(body["type"], sent_as, "{kind:?}");
        assert_eq!(
            body["actor"], "https://rookery.test/users/alice",
            "{kind:?}"
        );
        assert!(
            body["@context"].is_array() || body["@context"].is_string(),
            "{kind:?}"
        );
        let read = AnyActivity::parse(&body)
            .unwrap_or_else(|e| panic!("{kind:?} does not read back: {e}\n{body:#}"))
            .unwrap_or_else(|| panic!("{kind:?} is ignored when read back"));
        assert_eq!(
            serde_json::to_value(&read).unwrap(),
            body,
            "{}: {kind:?} reads back as something else",
            test.backend
        );
    }
}

#[tokio::test]
async fn every_kind_sent_reads_back_as_itself_on_sqlite() {
    every_kind_reads_back_as_itself(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn every_kind_sent_reads_back_as_itself_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    every_kind_reads_back_as_itself(postgres).await;
}
