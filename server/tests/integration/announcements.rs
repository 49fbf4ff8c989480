//! Announcements over GraphQL: made by those who may, shown to everyone signed in between
//! their start and end, dismissed one by one, and carried live as they change.

use std::time::Duration;

use chrono::Utc;
use rookery_domain::testing::live::LiveClient;
use rookery_domain::types::RoleKey;
use serde_json::{Value, json};

use super::moderation::staff;
use super::support::servers;

const CREATE: &str = "mutation($a: AnnouncementInput!) { createAnnouncement(input: {announcement: $a}) { announcement { id text html published read } } }";
const UPDATE: &str = "mutation($id: ID!, $a: AnnouncementInput!) { updateAnnouncement(input: {id: $id, announcement: $a}) { announcement { id text published } } }";
const DELETE: &str =
    "mutation($id: ID!) { deleteAnnouncement(input: {id: $id}) { deletedAnnouncementId } }";
const DISMISS: &str =
    "mutation($id: ID!) { dismissAnnouncement(input: {id: $id}) { announcement { id read } } }";
const SHOWN: &str = "{ announcements { id text read } }";
const ALL: &str = "{ adminAnnouncements { id text published } }";
const LIVE: &str =
    "subscription { announcementUpdates { announcementId announcement { text read } } }";

fn texts(data: &Value, field: &str) -> Vec<String> {
    data[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn announcements_show_between_their_times_until_dismissed() {
    for server in servers().await {
        let admin = staff(&server, "ada", RoleKey::Admin).await;
        let (pat, _) = server.register("pat").await;
        let now = Utc::now();
        let hour = chrono::Duration::hours(1);

        // Refused input changes nothing.
        for (input, field) in [
            (json!({ "text": "  " }), "text"),
            (json!({ "text": "x".repeat(2001) }), "text"),
            (
                json!({ "text": "Backwards", "startsAt": now + hour, "endsAt": now }),
                "endsAt",
            ),
        ] {
            let answer = server
                .gql(Some(&admin), CREATE, json!({ "a": input }))
                .await;
            assert_eq!(
                answer["errors"][0]["extensions"]["field"], field,
                "{answer}"
            );
        }
        let code = server
            .error_code(Some(&pat), CREATE, json!({ "a": { "text": "Mine" } }))
            .await;
        assert_eq!(code, "FORBIDDEN");
        assert_eq!(
            server.error_code(Some(&pat), ALL, json!({})).await,
            "FORBIDDEN"
        );
        assert_eq!(
            server.error_code(None, SHOWN, json!({})).await,
            "UNAUTHENTICATED"
        );
        assert!(
            texts(
                &server.ok(Some(&admin), ALL, json!({})).await,
                "adminAnnouncements"
            )
            .is_empty()
        );

        let made = server
            .ok(
                Some(&admin),
                CREATE,
                json!({ "a": { "text": "Maintenance tonight, see <script>x</script> https://rookery.example/status" } }),
            )
            .await;
        let now_shown = &made["createAnnouncement"]["announcement"];
        let html = now_shown["html"].as_str().unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("href=\"https://rookery.example/status\""),
            "{html}"
        );
        let shown_id = now_shown["id"].as_str().unwrap().to_owned();
        for input in [
            json!({ "text": "A draft", "published": false }),
            json!({ "text": "Tomorrow", "startsAt": now + hour }),
            json!({ "text": "Over", "startsAt": now - hour - hour, "endsAt": now - hour }),
            json!({ "text": "For a while", "startsAt": now - hour, "endsAt": now + hour }),
        ] {
            server.ok(Some(&admin), CREATE, json!({ "a": input })).await;
        }
        let shown = server.ok(Some(&pat), SHOWN, json!({})).await;
        assert_eq!(
            texts(&shown, "announcements"),
            [
                "For a while",
                "Maintenance tonight, see <script>x</script> https://rookery.example/status"
            ]
        );
        assert_eq!(
            texts(
                &server.ok(Some(&admin), ALL, json!({})).await,
                "adminAnnouncements"
            )
            .len(),
            5
        );

        // Dismissed, it stays listed as read, for Pat alone.
        let dismissed = server
            .ok(Some(&pat), DISMISS, json!({ "id": shown_id }))
            .await;
        assert_eq!(
            dismissed["dismissAnnouncement"]["announcement"]["read"],
            true
        );
        server
            .ok(Some(&pat), DISMISS, json!({ "id": shown_id }))
            .await;
        let shown = server.ok(Some(&pat), SHOWN, json!({})).await;
        assert_eq!(shown["announcements"][1]["read"], true);
        assert_eq!(shown["announcements"][0]["read"], false);
        let theirs = server.ok(Some(&admin), SHOWN, json!({})).await;
        assert_eq!(theirs["announcements"][1]["read"], false);
        let unknown = rookery_server::graphql::ids::encode(
            rookery_server::graphql::ids::ANNOUNCEMENT,
            uuid::Uuid::now_v7(),
        );
        assert_eq!(
            server
                .error_code(Some(&pat), DISMISS, json!({ "id": unknown }))
                .await,
            "NOT_FOUND"
        );
        assert_eq!(
            server
                .error_code(Some(&admin), DELETE, json!({ "id": unknown }))
                .await,
            "NOT_FOUND"
        );

        // Unpublished, it is gone for people; deleted, for everyone.
        let hidden =
            json!({ "id": shown_id, "a": { "text": "Maintenance is over", "published": false } });
        let data = server.ok(Some(&admin), UPDATE, hidden).await;
        assert_eq!(
            data["updateAnnouncement"]["announcement"]["published"],
            false
        );
        assert_eq!(
            texts(
                &server.ok(Some(&pat), SHOWN, json!({})).await,
                "announcements"
            ),
            ["For a while"]
        );
        server
            .ok(Some(&admin), DELETE, json!({ "id": shown_id }))
            .await;
        assert_eq!(
            texts(
                &server.ok(Some(&admin), ALL, json!({})).await,
                "adminAnnouncements"
            )
            .len(),
            4
        );
        let audit = "{ auditLog(first: 20, filter: {action: \"announcement.\"}) { edges { node { action } } } }";
        let log = server.ok(Some(&admin), audit, json!({})).await;
        assert_eq!(
            log["auditLog"]["edges"].as_array().unwrap().len(),
            7,
            "{log}"
        );
    }
}

#[tokio::test]
async fn announcements_change_live_for_everyone_signed_in() {
    for server in servers().await {
        let admin = staff(&server, "ada", RoleKey::Admin).await;
        let (pat, _) = server.register("pat").await;
        let mut live = LiveClient::connect(&server.base, Some(&pat)).await.unwrap();
        live.subscribe("a", LIVE, json!({})).await;
        let mut anonymous = LiveClient::connect(&server.base, None).await.unwrap();
        anonymous.subscribe("a", LIVE, json!({})).await;
        let refused = anonymous
            .message_within(Duration::from_secs(5))
            .await
            .unwrap();
        assert!(refused.to_string().contains("UNAUTHENTICATED"), "{refused}");
        tokio::time::sleep(Duration::from_millis(200)).await;
        let wait = Duration::from_secs(5);

        let made = server
            .ok(
                Some(&admin),
                CREATE,
                json!({ "a": { "text": "Hello, rooks" } }),
            )
            .await;
        let id = made["createAnnouncement"]["announcement"]["id"].clone();
        let event = live.next_data(wait).await;
        assert_eq!(event["announcementUpdates"]["announcementId"], id);
        assert_eq!(
            event["announcementUpdates"]["announcement"]["text"],
            "Hello, rooks"
        );

        let draft = json!({ "id": id, "a": { "text": "Hello, rooks", "published": false } });
        server.ok(Some(&admin), UPDATE, draft).await;
        let event = live.next_data(wait).await;
        assert!(
            event["announcementUpdates"]["announcement"].is_null(),
            "{event}"
        );

        server.ok(Some(&admin), DELETE, json!({ "id": id })).await;
        let event = live.next_data(wait).await;
        assert_eq!(event["announcementUpdates"]["announcementId"], id);
        assert!(
            event["announcementUpdates"]["announcement"].is_null(),
            "{event}"
        );
    }
}
