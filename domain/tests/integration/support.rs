//! Shared set-up: an instance, and users made through the real sign-up path.

use std::sync::Arc;

use rookery_domain::db::DatabaseConnection;
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::Outbox;
use rookery_domain::service::statuses::{self, NewStatus};
use rookery_domain::service::{App, auth};
pub use rookery_domain::testing::{RecordingQueue, instance, remote_actor};
use rookery_domain::types::{RoleKey, Status, Viewer, Visibility};

/// An outbox whose queue only records what it is given.
pub fn outbox() -> Outbox {
    Outbox::new(
        instance(),
        Arc::new(RecordingQueue::default()),
        Arc::new(LocalBus::default()),
    )
}

/// The application context over `db`, with an outbox whose queue only records.
pub fn app(db: &DatabaseConnection) -> App {
    App::new(db.clone(), outbox())
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
    assert_eq!(viewer.role.key, RoleKey::User);
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
    statuses::create(&app(db), viewer, new).await.unwrap()
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
    statuses::create(&app(db), viewer, new).await.unwrap()
}
