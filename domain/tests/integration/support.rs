//! Shared set-up: an instance, and users made through the real sign-up path.

use std::sync::Arc;

use rookery_domain::db::DatabaseConnection;
use rookery_domain::service::auth;
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::Outbox;
use rookery_domain::service::remote::RemoteActor;
use rookery_domain::service::statuses::{self, NewStatus};
use rookery_domain::testing::RecordingQueue;
use rookery_domain::types::{Instance, RegistrationMode, Role, Status, Viewer, Visibility};

/// An outbox whose queue only records what it is given.
pub fn outbox() -> Outbox {
    Outbox::new(
        instance(),
        Arc::new(RecordingQueue::default()),
        Arc::new(LocalBus::default()),
    )
}

pub fn instance() -> Instance {
    Instance {
        domain: "rookery.test".into(),
        base_url: url::Url::parse("https://rookery.test/").unwrap(),
        name: "Test".into(),
        description: String::new(),
        registration_mode: RegistrationMode::Open,
        max_status_chars: 500,
        max_media_attachments: 4,
    }
}

/// Registers `username` and logs in, returning the viewer.
pub async fn user(db: &DatabaseConnection, username: &str) -> Viewer {
    let registration = auth::Registration {
        username: username.into(),
        email: format!("{username}@example.org"),
        password: "correct horse".into(),
        reason: None,
    };
    let registered = auth::register(db, &RecordingQueue::default(), &instance(), registration)
        .await
        .unwrap();
    let token = registered.token.unwrap();
    let viewer = auth::authenticate(db, &token).await.unwrap();
    assert_eq!(viewer.role, Role::User);
    viewer
}

pub async fn post(
    db: &DatabaseConnection,
    viewer: &Viewer,
    text: &str,
    visibility: Visibility,
) -> Status {
    let new = NewStatus {
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
    statuses::create(db, &outbox(), &instance(), viewer, new)
        .await
        .unwrap()
}

pub async fn reply(
    db: &DatabaseConnection,
    viewer: &Viewer,
    parent: &Status,
    text: &str,
    visibility: Visibility,
) -> Status {
    let new = NewStatus {
        text: text.into(),
        content_warning: None,
        sensitive: false,
        visibility,
        in_reply_to: Some(parent.id),
        language: None,
        media: Vec::new(),
        poll: None,
        quote_of: None,
        policy: Default::default(),
    };
    statuses::create(db, &outbox(), &instance(), viewer, new)
        .await
        .unwrap()
}

/// An actor of another server, with a placeholder key.
pub fn remote_actor(domain: &str, username: &str) -> RemoteActor {
    let base = format!("https://{domain}/users/{username}");
    RemoteActor {
        actor_id: base.clone(),
        key_id: format!("{base}#main-key"),
        public_key_pem: "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----".into(),
        username: username.into(),
        domain: domain.into(),
        display_name: username.into(),
        note_html: String::new(),
        fields: Vec::new(),
        url: base.clone(),
        inbox_url: format!("{base}/inbox"),
        shared_inbox_url: None,
        outbox_url: None,
        followers_url: Some(format!("{base}/followers")),
        following_url: None,
        featured_url: None,
        locked: false,
        bot: false,
        discoverable: true,
        indexable: true,
        published: None,
        avatar_url: None,
        header_url: None,
    }
}
