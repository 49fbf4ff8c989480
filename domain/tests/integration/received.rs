//! Received statuses arriving together: committed together, each exactly once,
//! and one that cannot be stored never undoes the others.

use rookery_domain::db::WriteGroup;
use rookery_domain::ids::AccountId;
use rookery_domain::service::remote::{self, RemoteStatus};
use rookery_domain::service::tags::TagIds;
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::types::Visibility;

use super::support::{outbox, remote_actor};

/// The `n`th public note of `author`, an account of together.example.
pub(super) fn note(author: AccountId, n: usize) -> RemoteStatus {
    RemoteStatus {
        ap_id: format!("https://together.example/notes/{n}"),
        url: format!("https://together.example/@sender/{n}"),
        author,
        content_html: format!("<p>note {n} #together</p>"),
        content_warning: String::new(),
        sensitive: false,
        visibility: Visibility::Public,
        language: None,
        in_reply_to: None,
        published: chrono::Utc::now(),
        mentioned: Vec::new(),
        hashtags: vec!["together".into()],
        attachments: Vec::new(),
        poll: None,
        quote: None,
        policy: None,
    }
}

async fn check_statuses_received_together(test: TestDb) {
    let db = &test.db;
    let sender = remote::upsert_account(db, remote_actor("together.example", "sender"))
        .await
        .unwrap();
    let outbox = outbox();
    let tags = TagIds::default();
    let group = WriteGroup::default();
    // 60 notes, each delivered twice at once, and one whose author is unknown: its write
    // breaks a foreign key inside whatever transaction it shares.
    let mut notes: Vec<RemoteStatus> = (0..60).map(|n| note(sender.id, n)).collect();
    notes.extend((0..60).map(|n| note(sender.id, n)));
    let mut broken = note(AccountId::new(), 1000);
    broken.ap_id = "https://together.example/notes/broken".into();
    notes.insert(30, broken);
    let stored = futures::future::join_all(
        notes
            .into_iter()
            .map(|n| remote::store_status(db, &outbox, &tags, &group, n)),
    )
    .await;
    let (ok, failed): (Vec<_>, Vec<_>) = stored.into_iter().partition(Result::is_ok);
    assert_eq!(failed.len(), 1, "{}: {failed:?}", test.backend);
    assert_eq!(ok.len(), 120, "{}", test.backend);
    for n in 0..60 {
        let ap_id = format!("https://together.example/notes/{n}");
        let copies: Vec<_> = ok
            .iter()
            .map(|r| r.as_ref().unwrap())
            .filter(|s| s.ap_id == ap_id)
            .collect();
        assert_eq!(copies.len(), 2, "{}", test.backend);
        assert_eq!(
            copies[0].id, copies[1].id,
            "both deliveries answer the one status"
        );
        let kept = store::statuses::by_ap_id(db, &ap_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(kept.id, copies[0].id, "{}", test.backend);
    }
    assert!(
        store::statuses::by_ap_id(db, "https://together.example/notes/broken")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuses_received_together_on_sqlite() {
    check_statuses_received_together(TestDb::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuses_received_together_on_postgres() {
    if let Some(test) = TestDb::postgres().await {
        check_statuses_received_together(test).await;
    }
}
