//! Passwords over GraphQL: changed with the current one (other sessions end unless kept),
//! and reset by a mailed link, used once within the hour, which ends every session.

use chrono::Utc;
use rookery_domain::store;
use serde_json::{Value, json};

use super::support::{TestServer, servers};

const CHANGE: &str = "mutation($c: String!, $n: String!, $k: Boolean!) { changePassword(input: {currentPassword: $c, newPassword: $n, keepOtherSessions: $k}) { revokedTokens } }";
const REQUEST: &str =
    "mutation($l: String!) { requestPasswordReset(input: {login: $l}) { requested } }";
const RESET: &str = "mutation($t: String!, $n: String!) { resetPassword(input: {token: $t, newPassword: $n}) { account { username } } }";
const LOGIN: &str =
    "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }";
const ME: &str = "{ viewer { username } }";

async fn login(server: &TestServer, username: &str, password: &str) -> Value {
    server
        .gql(None, LOGIN, json!({ "u": username, "p": password }))
        .await
}

fn token_of(answer: &Value) -> String {
    answer["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{answer}"))
        .to_owned()
}

fn code(answer: &Value) -> (&str, &str) {
    let extensions = &answer["errors"][0]["extensions"];
    (
        extensions["code"].as_str().unwrap_or_default(),
        extensions["field"].as_str().unwrap_or_default(),
    )
}

/// The token of the reset link in `body`.
fn reset_token(body: &str) -> String {
    let start = body.find("/reset-password?token=").unwrap() + "/reset-password?token=".len();
    body[start..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn a_password_is_changed_with_the_current_one_and_other_sessions_end() {
    for server in servers().await {
        let (first, _) = server.register("ivy").await;
        let second = token_of(&login(&server, "ivy", "correct horse").await);
        let third = token_of(&login(&server, "ivy", "correct horse").await);

        // Refused, nothing changes.
        let vars = |c: &str, n: &str, k: bool| json!({ "c": c, "n": n, "k": k });
        let wrong = server
            .gql(
                Some(&first),
                CHANGE,
                vars("wrong horse", "battery staple", false),
            )
            .await;
        assert_eq!(code(&wrong).0, "INVALID_CREDENTIALS", "{wrong}");
        let short = server
            .gql(Some(&first), CHANGE, vars("correct horse", "short", false))
            .await;
        assert_eq!(code(&short), ("VALIDATION", "newPassword"), "{short}");
        server.ok(Some(&second), ME, json!({})).await;

        // Kept: the other sessions go on.
        let kept = server
            .ok(
                Some(&first),
                CHANGE,
                vars("correct horse", "battery staple", true),
            )
            .await;
        assert_eq!(kept["changePassword"]["revokedTokens"], 0);
        server.ok(Some(&second), ME, json!({})).await;
        // Not kept: this session stays, the others end.
        let ended = server
            .ok(
                Some(&first),
                CHANGE,
                vars("battery staple", "horse battery", false),
            )
            .await;
        assert_eq!(ended["changePassword"]["revokedTokens"], 2);
        server.ok(Some(&first), ME, json!({})).await;
        for gone in [&second, &third] {
            let answer = server.gql(Some(gone), ME, json!({})).await;
            assert_eq!(code(&answer).0, "UNAUTHENTICATED", "{answer}");
        }
        assert_eq!(
            code(&login(&server, "ivy", "correct horse").await).0,
            "INVALID_CREDENTIALS"
        );
        token_of(&login(&server, "ivy", "horse battery").await);
        // Anonymous people change nothing.
        let anonymous = server
            .gql(None, CHANGE, vars("horse battery", "anything else", false))
            .await;
        assert_eq!(code(&anonymous).0, "UNAUTHENTICATED");
    }
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_by_a_mailed_link_within_the_hour() {
    for server in servers().await {
        let (session, _) = server.register("jade").await;
        let email = "jade@example.org";

        // The answer is the same for nobody; no mail goes.
        let nobody = server
            .ok(None, REQUEST, json!({ "l": "nobody@example.org" }))
            .await;
        assert_eq!(nobody["requestPasswordReset"]["requested"], true);
        assert!(server.mails_to("nobody@example.org").await.is_empty());

        let asked = server.ok(None, REQUEST, json!({ "l": email })).await;
        assert_eq!(asked, nobody, "the same answer");
        let mails = server.mails_to(email).await;
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert!(mails[0].contains(&format!(
            "{}reset-password?token=",
            server.instance.base_url
        )));
        let token = reset_token(&mails[0]);

        // Wrong, short: refused, and the token still works after.
        for (token, password, field) in [
            ("rs_not-a-token", "a new password", "token"),
            (token.as_str(), "short", "newPassword"),
        ] {
            let answer = server
                .gql(None, RESET, json!({ "t": token, "n": password }))
                .await;
            assert_eq!(code(&answer), ("VALIDATION", field), "{answer}");
        }
        let reset = server
            .ok(None, RESET, json!({ "t": token, "n": "a new password" }))
            .await;
        assert_eq!(reset["resetPassword"]["account"]["username"], "jade");
        // Every session ended; the new password works, the old one not.
        let ended = server.gql(Some(&session), ME, json!({})).await;
        assert_eq!(code(&ended).0, "UNAUTHENTICATED", "{ended}");
        assert_eq!(
            code(&login(&server, "jade", "correct horse").await).0,
            "INVALID_CREDENTIALS"
        );
        token_of(&login(&server, "jade", "a new password").await);
        // Once only.
        let again = server
            .gql(None, RESET, json!({ "t": token, "n": "another password" }))
            .await;
        assert_eq!(code(&again), ("VALIDATION", "token"), "{again}");

        // An hour: a link older than that is refused (and pruned).
        server.ok(None, REQUEST, json!({ "l": "jade" })).await;
        let mails = server.mails_to(email).await;
        let late = reset_token(mails.last().unwrap());
        let db = &server.db.db;
        let in_minutes = |m| Utc::now() + chrono::Duration::minutes(m);
        assert_eq!(
            store::password_resets::delete_expired(db, in_minutes(59))
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            store::password_resets::delete_expired(db, in_minutes(61))
                .await
                .unwrap(),
            1
        );
        let expired = server
            .gql(None, RESET, json!({ "t": late, "n": "another password" }))
            .await;
        assert_eq!(code(&expired), ("VALIDATION", "token"), "{expired}");
    }
}
