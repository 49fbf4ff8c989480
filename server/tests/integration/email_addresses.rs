//! Email addresses over GraphQL: where the instance asks for it, a new account confirms its
//! address by a mailed link (used once, a day long, the newest only) before it posts,
//! boosts or follows; a changed address is confirmed at the new one and the old is told.

use chrono::{Duration, Utc};
use rookery_domain::service::{credentials, instance};
use rookery_domain::store;
use serde_json::{Value, json};

use super::support::{TestServer, servers};

const ADDRESS: &str = "{ emailAddress { email confirmed pending } }";
const CONFIRM: &str =
    "mutation($t: String!) { confirmEmail(input: {token: $t}) { email account { username } } }";
const RESEND: &str = "mutation { resendEmailConfirmation { email } }";
const CHANGE: &str = "mutation($e: String!, $p: String!) { changeEmail(input: {email: $e, password: $p}) { pending } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const POST: &str = "mutation($t: String!, $v: Visibility!) { createStatus(input: {text: $t, visibility: $v}) { status { id } } }";
const LOGIN: &str =
    "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }";

fn code(answer: &Value) -> (&str, &str) {
    let extensions = &answer["errors"][0]["extensions"];
    (
        extensions["code"].as_str().unwrap_or_default(),
        extensions["field"].as_str().unwrap_or_default(),
    )
}

/// The token of the confirmation link in the newest mail to `to`.
async fn link_token(server: &TestServer, to: &str) -> String {
    let mails = server.mails_to(to).await;
    let mail = mails.last().unwrap_or_else(|| panic!("no mail to {to}"));
    let start = mail.find("/confirm-email?token=").unwrap() + "/confirm-email?token=".len();
    mail[start..].split_whitespace().next().unwrap().to_owned()
}

async fn require_confirmation(server: &TestServer) {
    store::instance_settings::set(
        &server.db.db,
        instance::REQUIRE_EMAIL_CONFIRMATION,
        true.into(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_new_account_confirms_its_address_before_it_posts_or_follows() {
    for server in servers().await {
        let (other_token, other) = server.register("olga").await;
        let olga = server.ok(Some(&other_token), ADDRESS, json!({})).await;
        assert_eq!(olga["emailAddress"]["confirmed"], true, "not asked for yet");

        require_confirmation(&server).await;
        let (token, _) = server.register("eve").await;
        let address = server.ok(Some(&token), ADDRESS, json!({})).await;
        assert_eq!(
            address["emailAddress"],
            json!({ "email": "eve@example.org", "confirmed": false, "pending": null })
        );
        let mails = server.mails_to("eve@example.org").await;
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert!(mails[0].starts_with("Confirm your address on rookery.test"));

        // Logged in, but nothing others read until confirmed; a note to oneself is fine.
        let public = json!({ "t": "hello", "v": "PUBLIC" });
        let refused = server.gql(Some(&token), POST, public.clone()).await;
        assert_eq!(code(&refused).0, "EMAIL_NOT_CONFIRMED", "{refused}");
        let direct = json!({ "t": "@olga hi", "v": "DIRECT" });
        let refused = server.gql(Some(&token), POST, direct).await;
        assert_eq!(code(&refused).0, "EMAIL_NOT_CONFIRMED", "{refused}");
        let refused = server
            .gql(Some(&token), FOLLOW, json!({ "id": other }))
            .await;
        assert_eq!(code(&refused).0, "EMAIL_NOT_CONFIRMED", "{refused}");
        server
            .ok(Some(&token), POST, json!({ "t": "a note", "v": "PRIVATE" }))
            .await;
        let boosted = server.post(&other_token, "boost me", "PUBLIC").await;
        let boost = "mutation($id: ID!) { reblog(input: {statusId: $id}) { status { id } } }";
        let refused = server
            .gql(Some(&token), boost, json!({ "id": boosted }))
            .await;
        assert_eq!(code(&refused).0, "EMAIL_NOT_CONFIRMED", "{refused}");

        // Resending waits a minute between links, and goes to the address waiting only.
        let stale =
            "mutation { resendEmailConfirmation(input: {email: \"old@example.org\"}) { email } }";
        let refused = server.gql(Some(&token), stale, json!({})).await;
        assert_eq!(code(&refused), ("VALIDATION", "email"), "{refused}");
        let again = server.gql(Some(&token), RESEND, json!({})).await;
        assert_eq!(code(&again).0, "RATE_LIMITED", "{again}");

        // Wrong tokens change nothing.
        let wrong = server.gql(None, CONFIRM, json!({ "t": "ec_wrong" })).await;
        assert_eq!(code(&wrong), ("VALIDATION", "token"), "{wrong}");

        let link = link_token(&server, "eve@example.org").await;
        let confirmed = server.ok(None, CONFIRM, json!({ "t": link })).await;
        assert_eq!(
            confirmed["confirmEmail"],
            json!({ "email": "eve@example.org", "account": { "username": "eve" } })
        );
        let used = server.gql(None, CONFIRM, json!({ "t": link })).await;
        assert_eq!(code(&used), ("VALIDATION", "token"), "used once: {used}");
        let address = server.ok(Some(&token), ADDRESS, json!({})).await;
        assert_eq!(address["emailAddress"]["confirmed"], true);
        server.ok(Some(&token), POST, public).await;
        server
            .ok(Some(&token), FOLLOW, json!({ "id": other }))
            .await;
        let nothing_waits = server.gql(Some(&token), RESEND, json!({})).await;
        assert_eq!(
            code(&nothing_waits),
            ("VALIDATION", "email"),
            "{nothing_waits}"
        );
    }
}

#[tokio::test]
async fn only_the_newest_link_within_a_day_confirms() {
    for server in servers().await {
        require_confirmation(&server).await;
        let (token, _) = server.register("finn").await;
        let db = &server.db.db;
        let (user, _) = store::users::with_password_hash(db, "finn")
            .await
            .unwrap()
            .unwrap();
        let day = Utc::now() + Duration::hours(24);
        let insert = |token: &'static str, expires| {
            let hash = credentials::token_hash(token);
            async move {
                store::email_confirmations::insert(db, user.id, "finn@example.org", &hash, expires)
                    .await
                    .unwrap();
            }
        };
        insert("ec_older", day).await;
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        insert("ec_expired", Utc::now() - Duration::seconds(1)).await;
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        insert("ec_newest", day).await;

        for void in ["ec_older", "ec_expired"] {
            let refused = server.gql(None, CONFIRM, json!({ "t": void })).await;
            assert_eq!(code(&refused), ("VALIDATION", "token"), "{void}: {refused}");
        }
        // The first link, mailed at sign-up, is older too.
        let first = link_token(&server, "finn@example.org").await;
        let refused = server.gql(None, CONFIRM, json!({ "t": first })).await;
        assert_eq!(code(&refused), ("VALIDATION", "token"), "{refused}");
        let address = server.ok(Some(&token), ADDRESS, json!({})).await;
        assert_eq!(address["emailAddress"]["confirmed"], false);

        server.ok(None, CONFIRM, json!({ "t": "ec_newest" })).await;
        let address = server.ok(Some(&token), ADDRESS, json!({})).await;
        assert_eq!(address["emailAddress"]["confirmed"], true);
        // Confirming forgets every other link.
        let refused = server.gql(None, CONFIRM, json!({ "t": "ec_older" })).await;
        assert_eq!(code(&refused), ("VALIDATION", "token"), "{refused}");
    }
}

#[tokio::test]
async fn a_changed_address_is_confirmed_at_the_new_one_and_the_old_one_is_told() {
    for server in servers().await {
        let (token, _) = server.register("gus").await;
        server.register("hal").await;
        let change = |email: &str, password: &str| json!({ "e": email, "p": password });

        let wrong = server
            .gql(
                Some(&token),
                CHANGE,
                change("gus@new.example", "wrong horse"),
            )
            .await;
        assert_eq!(code(&wrong).0, "INVALID_CREDENTIALS", "{wrong}");
        let taken = server
            .gql(
                Some(&token),
                CHANGE,
                change("hal@example.org", "correct horse"),
            )
            .await;
        assert_eq!(code(&taken).0, "EMAIL_TAKEN", "{taken}");
        let same = server
            .gql(
                Some(&token),
                CHANGE,
                change("GUS@example.org", "correct horse"),
            )
            .await;
        assert_eq!(code(&same), ("VALIDATION", "email"), "{same}");
        let bad = server
            .gql(
                Some(&token),
                CHANGE,
                change("not an address", "correct horse"),
            )
            .await;
        assert_eq!(code(&bad), ("VALIDATION", "email"), "{bad}");
        assert!(server.mails_to("gus@new.example").await.is_empty());

        let asked = server
            .ok(
                Some(&token),
                CHANGE,
                change(" Gus@New.Example ", "correct horse"),
            )
            .await;
        assert_eq!(asked["changeEmail"]["pending"], "gus@new.example");
        let address = server.ok(Some(&token), ADDRESS, json!({})).await;
        assert_eq!(
            address["emailAddress"],
            json!({ "email": "gus@example.org", "confirmed": true, "pending": "gus@new.example" })
        );
        // Until it is followed, the old address is the one that logs in.
        server
            .ok(
                None,
                LOGIN,
                json!({ "u": "gus@example.org", "p": "correct horse" }),
            )
            .await;

        let link = link_token(&server, "gus@new.example").await;
        let confirmed = server.ok(None, CONFIRM, json!({ "t": link })).await;
        assert_eq!(confirmed["confirmEmail"]["email"], "gus@new.example");
        let address = server.ok(Some(&token), ADDRESS, json!({})).await;
        assert_eq!(
            address["emailAddress"],
            json!({ "email": "gus@new.example", "confirmed": true, "pending": null })
        );
        let told = server.mails_to("gus@example.org").await;
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].contains("changed from gus@example.org to gus@new.example"));
        server
            .ok(
                None,
                LOGIN,
                json!({ "u": "gus@new.example", "p": "correct horse" }),
            )
            .await;
        let old = server
            .gql(
                None,
                LOGIN,
                json!({ "u": "gus@example.org", "p": "correct horse" }),
            )
            .await;
        assert_eq!(code(&old).0, "INVALID_CREDENTIALS", "{old}");
    }
}
