//! Profile fields: local values rendered to HTML with `rel="me"` links, remote ones
//! sanitised, and links verified until their value changes.

use std::sync::Arc;

use chrono::Utc;
use rookery_domain::service::accounts;
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::Outbox;
use rookery_domain::service::profiles::{self, ProfileUpdate};
use rookery_domain::service::remote;
use rookery_domain::testing::{RecordingQueue, TestDb, media_services};
use rookery_domain::types::{Account, ProfileField, Viewer};

use super::support::{instance, remote_actor, user};
use rookery_domain::service::App;

const SITE: &str = "https://alice.example/about";

fn fields(values: &[(&str, &str)]) -> ProfileUpdate {
    ProfileUpdate {
        fields: Some(
            values
                .iter()
                .map(|(name, value)| ProfileField::typed(*name, *value))
                .collect(),
        ),
        ..Default::default()
    }
}

async fn save(app: &App, viewer: &Viewer, update: ProfileUpdate) -> Account {
    profiles::update_profile(app, &media_services(), viewer, update)
        .await
        .unwrap()
}

#[tokio::test]
async fn local_fields_are_html_and_links_stay_verified_while_unchanged() {
    for test in TestDb::all().await {
        let db = &test.db;
        let backend = test.backend;
        let alice = user(db, "alice").await;
        let queue = Arc::new(RecordingQueue::default());
        let outbox = Outbox::new(instance(), queue.clone(), Arc::new(LocalBus::default()));
        let app = App::new(db.clone(), outbox.clone());
        let account = save(
            &app,
            &alice,
            fields(&[("Site", SITE), ("Likes", "<b>birds</b> #Birds")]),
        )
        .await;
        let site = &account.fields[0];
        assert_eq!(site.value, SITE, "{backend}");
        assert_eq!(
            site.value_html,
            format!(
                "<a href=\"{SITE}\" rel=\"me nofollow noopener noreferrer\" target=\"_blank\">{SITE}</a>"
            ),
            "{backend}"
        );
        assert_eq!(site.verified_at, None);
        let likes = &account.fields[1];
        assert!(
            likes.value_html.starts_with(
                "&lt;b&gt;birds&lt;/b&gt; <a href=\"https://rookery.test/tags/birds\""
            ),
            "{}",
            likes.value_html
        );
        assert_eq!(
            queue.links_to_verify(),
            vec![alice.account_id],
            "a link is checked in the background"
        );

        // Verified: kept while the value stays the same, whatever else changes.
        assert!(
            accounts::mark_link_verified(db, alice.account_id, SITE, Utc::now())
                .await
                .unwrap()
        );
        let account = accounts::get(db, alice.account_id).await.unwrap();
        let verified_at = account.fields[0].verified_at;
        assert!(verified_at.is_some(), "{backend}");
        assert_eq!(account.fields[1].verified_at, None);
        let account = save(
            &app,
            &alice,
            fields(&[("Website", SITE), ("Likes", "cats")]),
        )
        .await;
        assert_eq!(account.fields[0].verified_at, verified_at, "{backend}");
        assert_eq!(
            queue.links_to_verify().len(),
            1,
            "nothing left to verify is not checked again"
        );

        // A changed value is no longer verified, and is checked again.
        let other = "https://alice.example/elsewhere";
        let account = save(&app, &alice, fields(&[("Website", other)])).await;
        assert_eq!(account.fields[0].verified_at, None, "{backend}");
        assert_eq!(queue.links_to_verify().len(), 2);
        // A verification of the old value, finishing late, changes nothing.
        assert!(
            !accounts::mark_link_verified(db, alice.account_id, SITE, Utc::now())
                .await
                .unwrap()
        );
        let account = accounts::get(db, alice.account_id).await.unwrap();
        assert_eq!(account.fields[0].verified_at, None, "{backend}");
    }
}

#[tokio::test]
async fn remote_field_values_are_sanitised_html_and_never_verified() {
    for test in TestDb::all().await {
        let db = &test.db;
        let mut actor = remote_actor("elsewhere.example", "faraway");
        actor.fields = vec![ProfileField::typed(
            "Site",
            "<a href=\"https://faraway.example/\" rel=\"me\" onclick=\"steal()\">faraway.example</a><script>alert(1)</script>",
        )];
        let account = remote::upsert_account(db, actor).await.unwrap();
        let stored = accounts::get(db, account.id).await.unwrap();
        let site = &stored.fields[0];
        assert!(!site.value_html.contains("script"), "{}", site.value_html);
        assert!(!site.value_html.contains("onclick"), "{}", site.value_html);
        assert!(
            site.value_html
                .contains("<a href=\"https://faraway.example/\""),
            "{}",
            site.value_html
        );
        assert_eq!(site.value, "faraway.example", "{}", test.backend);
        assert!(
            !accounts::mark_link_verified(db, account.id, &site.value, Utc::now())
                .await
                .unwrap(),
            "a remote account's links are not verified here"
        );
        assert_eq!(
            accounts::get(db, account.id).await.unwrap().fields[0].verified_at,
            None
        );
    }
}
