//! Custom emoji: other servers' kept only as far as they are believed, copied within the
//! limits, read from the texts that use them; this server's added and deleted by
//! administrators alone.

use std::sync::Arc;

use rookery_domain::db::DatabaseConnection;
use rookery_domain::media::MediaLimits;
use rookery_domain::service::auth::{self, NewUser};
use rookery_domain::service::custom_emojis;
use rookery_domain::service::media::MediaServices;
use rookery_domain::store;
use rookery_domain::testing::pictures::{png, png_declaring};
use rookery_domain::testing::{DirMediaStore, RecordingQueue, TestDb};
use rookery_domain::types::{MediaState, RemoteEmoji, RoleKey, Viewer};

use super::support::{instance, user};

async fn admin(db: &DatabaseConnection) -> Viewer {
    auth::create_user(
        db,
        &instance(),
        NewUser {
            username: "moira".into(),
            email: "moira@example.org".into(),
            password: "correct horse".into(),
            role: RoleKey::Admin,
            approved: true,
            confirmed: true,
            reason: None,
        },
    )
    .await
    .unwrap();
    let (_, token) = auth::login(db, "moira", "correct horse").await.unwrap();
    auth::authenticate(db, &token).await.unwrap()
}

fn services(store: Arc<DirMediaStore>, queue: Arc<RecordingQueue>) -> MediaServices {
    MediaServices {
        store,
        queue,
        limits: MediaLimits::default(),
        decode_budget: Arc::default(),
    }
}

fn tag(name: &str, id: Option<&str>, url: &str) -> RemoteEmoji {
    RemoteEmoji {
        name: name.into(),
        id: id.map(str::to_owned),
        image_url: url.into(),
        updated: None,
    }
}

#[tokio::test]
async fn remote_emoji_are_believed_capped_copied_and_read_from_texts() {
    for test in TestDb::all().await {
        let db = &test.db;
        let queue = Arc::new(RecordingQueue::default());
        let store = Arc::new(DirMediaStore::new());
        let media = services(store.clone(), queue.clone());
        let mut sent = vec![
            tag(
                ":blobcat:",
                Some("https://a.example/emojis/1"),
                "https://cdn.example/blobcat.png",
            ),
            // Each shortcode once: the first is kept.
            tag(":blobcat:", None, "https://a.example/other.png"),
            tag(":b:", None, "https://a.example/b.png"),
            tag(":bad code:", None, "https://a.example/b.png"),
            tag(
                ":liar:",
                Some("https://b.example/emojis/2"),
                "https://a.example/l.png",
            ),
            tag(":script:", None, "javascript:alert(1)"),
        ];
        sent.extend(
            (0..10_000).map(|n| tag(&format!(":spam{n}:"), None, "https://a.example/s.png")),
        );
        let kept = custom_emojis::record_remote(db, queue.as_ref(), "A.example", sent)
            .await
            .unwrap();
        assert_eq!(
            kept,
            custom_emojis::MAX_EMOJIS_PER_OBJECT,
            "{}",
            test.backend
        );
        assert_eq!(queue.emojis().len(), kept);
        let find =
            |code: &'static str| store::custom_emojis::by_shortcode(db, Some("a.example"), code);
        let blobcat = find("blobcat").await.unwrap().unwrap();
        assert_eq!(
            blobcat.image_url.as_deref(),
            Some("https://cdn.example/blobcat.png")
        );
        assert_eq!(blobcat.uri.as_deref(), Some("https://a.example/emojis/1"));
        assert_eq!(blobcat.state, MediaState::Processing);
        for refused in ["b", "liar", "script", "spam49"] {
            assert!(find(refused).await.unwrap().is_none(), "{refused}");
        }
        assert!(find("spam48").await.unwrap().is_some());

        // Not shown before the copy is made; the remote URL is never handed out.
        let text = ["<p>hi :blobcat: :spam0: :unknown:</p>"];
        assert!(
            custom_emojis::used_in(db, Some("a.example"), text)
                .await
                .unwrap()
                .is_empty()
        );
        let waiting = custom_emojis::waiting(db, blobcat.id)
            .await
            .unwrap()
            .unwrap();
        let copied = custom_emojis::keep_fetched(db, &media, waiting, png(40, 40))
            .await
            .unwrap();
        assert_eq!(copied.state, MediaState::Ready);
        let shown = custom_emojis::used_in(db, Some("a.example"), text)
            .await
            .unwrap();
        assert_eq!(shown.len(), 1);
        let url = custom_emojis::url(&instance(), &shown[0]).unwrap();
        assert!(url.starts_with("https://rookery.test/media/"), "{url}");
        // Another server's emoji of the same shortcode, and this server's, are others.
        assert!(
            custom_emojis::used_in(db, Some("b.example"), text)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            custom_emojis::used_in(db, None, text)
                .await
                .unwrap()
                .is_empty()
        );

        // A picture over the limits fails the copy; nothing is kept of it.
        let spam = find("spam0").await.unwrap().unwrap();
        let failed = custom_emojis::keep_fetched(db, &media, spam, png_declaring(5000, 5000))
            .await
            .unwrap();
        assert_eq!(failed.state, MediaState::Failed);
        assert!(failed.file.is_none());

        // The same picture again changes nothing; a new one is copied again, the old copy
        // shown meanwhile.
        let again = vec![tag(":blobcat:", None, "https://cdn.example/blobcat.png")];
        let before = queue.emojis().len();
        assert_eq!(
            custom_emojis::record_remote(db, queue.as_ref(), "a.example", again)
                .await
                .unwrap(),
            0
        );
        let changed = vec![tag(":blobcat:", None, "https://cdn.example/blobcat2.png")];
        assert_eq!(
            custom_emojis::record_remote(db, queue.as_ref(), "a.example", changed)
                .await
                .unwrap(),
            1
        );
        assert_eq!(queue.emojis()[before..], [blobcat.id]);
        let shown = custom_emojis::used_in(db, Some("a.example"), text)
            .await
            .unwrap();
        assert_eq!(shown.len(), 1, "{}", test.backend);
        let old_files = store.keys();
        let waiting = custom_emojis::waiting(db, blobcat.id)
            .await
            .unwrap()
            .unwrap();
        custom_emojis::keep_fetched(db, &media, waiting, png(48, 48))
            .await
            .unwrap();
        // The earlier copy's files went with it.
        let new_files = store.keys();
        assert!(!new_files.is_empty() && !old_files.is_empty());
        assert!(new_files.iter().all(|key| !old_files.contains(key)));
    }
}

#[tokio::test]
async fn only_administrators_add_and_delete_this_servers_emoji() {
    for test in TestDb::all().await {
        let db = &test.db;
        let queue = Arc::new(RecordingQueue::default());
        let store = Arc::new(DirMediaStore::new());
        let media = services(store.clone(), queue);
        let root = admin(db).await;
        let alice = user(db, "alice").await;
        let refused = custom_emojis::create(db, &media, &alice, "party", true, png(32, 32)).await;
        assert_eq!(refused.unwrap_err().code(), "FORBIDDEN");
        for bad in ["a", "two words", "émoji", &"x".repeat(65)] {
            let error = custom_emojis::create(db, &media, &root, bad, true, png(32, 32))
                .await
                .unwrap_err();
            assert_eq!(error.code(), "VALIDATION", "{bad}");
        }
        let error = custom_emojis::create(db, &media, &root, "party", true, vec![1, 2, 3])
            .await
            .unwrap_err();
        assert_eq!(error.code(), "UNSUPPORTED_MEDIA");
        assert!(store.keys().is_empty());

        let party = custom_emojis::create(db, &media, &root, ":party:", true, png(32, 32))
            .await
            .unwrap();
        assert_eq!(party.shortcode, "party");
        let hidden = custom_emojis::create(db, &media, &root, "hidden", false, png(30, 30))
            .await
            .unwrap();
        let taken = custom_emojis::create(db, &media, &root, "party", true, png(33, 33))
            .await
            .unwrap_err();
        assert_eq!(taken.code(), "VALIDATION");
        // Another server's emoji of the same name is no other.
        let remote = vec![tag(":party:", None, "https://a.example/p.png")];
        let queue = RecordingQueue::default();
        assert_eq!(
            custom_emojis::record_remote(db, &queue, "a.example", remote)
                .await
                .unwrap(),
            1
        );
        let picker: Vec<String> = custom_emojis::picker(db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.shortcode)
            .collect();
        assert_eq!(picker, ["party"], "{}", test.backend);
        let used = custom_emojis::used_in(db, None, [":party: :hidden:"])
            .await
            .unwrap();
        assert_eq!(used.len(), 2);

        let refused = custom_emojis::delete(db, store.as_ref(), &alice, party.id).await;
        assert_eq!(refused.unwrap_err().code(), "FORBIDDEN");
        custom_emojis::delete(db, store.as_ref(), &root, party.id)
            .await
            .unwrap();
        let gone = custom_emojis::delete(db, store.as_ref(), &root, party.id).await;
        assert_eq!(gone.unwrap_err().code(), "NOT_FOUND");
        assert!(custom_emojis::picker(db).await.unwrap().is_empty());
        // Only the deleted emoji's files went.
        let kept = store.keys();
        assert!(!kept.contains(&party.file.unwrap().key));
        assert!(!kept.contains(&party.still.unwrap().key));
        assert!(kept.contains(&hidden.file.unwrap().key));
        assert!(kept.contains(&hidden.still.unwrap().key));
    }
}
