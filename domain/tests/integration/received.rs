//! Received statuses arriving together: committed together, each exactly once,
//! and one that cannot be stored never undoes the others.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rookery_domain::DomainResult;
use rookery_domain::db::{self, SharedWrite, WriteGroup, WriteTransaction};
use rookery_domain::ids::AccountId;
use rookery_domain::service::remote;
use rookery_domain::service::statuses::received::{self, RemoteStatus};
use rookery_domain::service::tags::TagIds;
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::types::Visibility;

use super::support::{app, outbox, remote_actor};
use rookery_domain::service::App;

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
    let app = App::new(db.clone(), outbox.clone());
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
            .map(|n| received::store_status(&app, &tags, &group, n)),
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

/// A piece of a shared write that notes when it runs.
struct Noted {
    key: &'static str,
    ran: Arc<Mutex<Vec<&'static str>>>,
}

#[async_trait::async_trait]
impl SharedWrite for Noted {
    fn order(&self) -> &str {
        self.key
    }

    async fn write(&self, _txn: &WriteTransaction) -> DomainResult<()> {
        self.ran.lock().unwrap().push(self.key);
        Ok(())
    }
}

/// The pieces of one shared transaction run in their order, whatever order they came in,
/// so that transactions holding the same pieces lock their rows in the same order.
#[tokio::test]
async fn pieces_written_together_run_in_their_order() {
    let test = TestDb::sqlite().await;
    let group = WriteGroup::default();
    let ran = Arc::new(Mutex::new(Vec::new()));
    // While the writer's turn is taken, the pieces wait together for the next one.
    let held = db::begin_write(&test.db).await.unwrap();
    let writes = futures::future::join_all(["c", "a", "d", "b"].map(|key| {
        let piece = Arc::new(Noted {
            key,
            ran: ran.clone(),
        });
        group.write(&test.db, piece)
    }));
    let release = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        held.rollback().await.unwrap();
    };
    let (written, ()) = tokio::join!(writes, release);
    assert!(written.iter().all(Result::is_ok), "{written:?}");
    assert_eq!(*ran.lock().unwrap(), ["a", "b", "c", "d"]);
}

/// A remote post is read up to `MAX_REMOTE_TEXT_BYTES` of its HTML: a longer one is cut
/// there, so that no post costs the sanitiser more than that much input; and what
/// sanitising makes of it (each `&` written `&amp;`) is kept within as many bytes.
#[tokio::test]
async fn remote_text_is_cut_before_it_is_sanitised() {
    let test = TestDb::sqlite().await;
    let db = &test.db;
    let sender = remote::upsert_account(db, remote_actor("together.example", "sender"))
        .await
        .unwrap();
    let mut long = note(sender.id, 1);
    long.content_html = "&x ".repeat(100_000);
    let stored = received::store_status(&app(db), &TagIds::default(), &WriteGroup::default(), long)
        .await
        .unwrap();
    let kept = stored.content_html.matches("&amp;x").count();
    assert!(stored.content_html.len() <= remote::MAX_REMOTE_TEXT_BYTES);
    assert!(kept > remote::MAX_REMOTE_TEXT_BYTES / 8, "{kept}");
    assert!(kept < remote::MAX_REMOTE_TEXT_BYTES / 3, "{kept}");
}
