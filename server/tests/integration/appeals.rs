//! Appeals over GraphQL: a person appeals a strike once, within its window; a moderator
//! approves it, which lifts the restriction, or rejects it with a reason; both are mailed
//! and audited.

use chrono::Utc;
use rookery_domain::ids::StrikeId;
use rookery_domain::store;
use rookery_domain::types::{AccountAction, RoleKey, Strike};
use serde_json::{Value, json};

use super::moderation::staff;
use super::support::{TestServer, servers};

const MODERATE: &str =
    "mutation($i: ModerateAccountInput!) { moderateAccount(input: $i) { strike { id } } }";
const STRIKES: &str = "{ strikes { id action appealableUntil appeal { state text rejectionReason decidedBy { acct } } } }";
const APPEAL: &str = "mutation($s: ID!, $t: String!) { appealStrike(input: {strikeId: $s, text: $t}) { strike { id appealableUntil appeal { id state text } } } }";
const APPEALS: &str = "query($s: AppealState!) { appeals(state: $s, first: 20) { edges { node { id text state account { acct } strike { action reason } decidedBy { acct } } } } }";
const APPROVE: &str = "mutation($a: ID!) { approveAppeal(input: {appealId: $a}) { appeal { state decidedAt decidedBy { acct } } } }";
const REJECT: &str = "mutation($a: ID!, $r: String) { rejectAppeal(input: {appealId: $a, reason: $r}) { appeal { state rejectionReason } } }";
const STANDING: &str = "query($a: ID!) { adminAccount(id: $a) { limited } }";

async fn act(server: &TestServer, moderator: &str, account: &str, action: &str) -> String {
    let input = json!({ "i": { "accountId": account, "action": action, "reason": "Please stop.", "notify": true } });
    server.ok(Some(moderator), MODERATE, input).await["moderateAccount"]["strike"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn appeals(server: &TestServer, token: &str, state: &str) -> Vec<Value> {
    let data = server.ok(Some(token), APPEALS, json!({ "s": state })).await;
    data["appeals"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"].clone())
        .collect()
}

#[tokio::test]
async fn a_strike_is_appealed_once_and_a_moderator_decides() {
    for server in servers().await {
        let moderator = staff(&server, "mo", RoleKey::Moderator).await;
        let (pat, pat_id) = server.register("pat").await;
        let (quinn, _) = server.register("quinn").await;
        let limit = act(&server, &moderator, &pat_id, "LIMIT").await;
        let standing = server
            .ok(Some(&moderator), STANDING, json!({ "a": pat_id }))
            .await;
        assert_eq!(standing["adminAccount"]["limited"], true);

        // Pat may appeal, until twenty days after the strike.
        let strikes = server.ok(Some(&pat), STRIKES, json!({})).await;
        let strike = &strikes["strikes"][0];
        assert_eq!(strike["id"], limit.as_str());
        assert!(strike["appealableUntil"].is_string(), "{strikes}");
        assert!(strike["appeal"].is_null());

        // What is refused changes nothing.
        for text in ["   ", &"x".repeat(2001)] {
            let answer = server
                .gql(Some(&pat), APPEAL, json!({ "s": limit, "t": text }))
                .await;
            assert_eq!(
                answer["errors"][0]["extensions"]["code"], "VALIDATION",
                "{answer}"
            );
            assert_eq!(
                answer["errors"][0]["extensions"]["field"], "text",
                "{answer}"
            );
        }
        // Nobody appeals another's strike.
        let code = server
            .error_code(Some(&quinn), APPEAL, json!({ "s": limit, "t": "Not mine" }))
            .await;
        assert_eq!(code, "NOT_FOUND");
        assert!(appeals(&server, &moderator, "PENDING").await.is_empty());

        let filed = server
            .ok(
                Some(&pat),
                APPEAL,
                json!({ "s": limit, "t": "  I posted my own photos.  " }),
            )
            .await;
        let strike = &filed["appealStrike"]["strike"];
        assert!(strike["appealableUntil"].is_null(), "{filed}");
        assert_eq!(strike["appeal"]["state"], "PENDING");
        assert_eq!(strike["appeal"]["text"], "I posted my own photos.");
        let appeal = strike["appeal"]["id"].as_str().unwrap().to_owned();
        // Once only.
        let again = server
            .gql(Some(&pat), APPEAL, json!({ "s": limit, "t": "Please" }))
            .await;
        assert_eq!(
            again["errors"][0]["extensions"]["field"], "strikeId",
            "{again}"
        );

        // Only those who may decide appeals read them.
        assert_eq!(
            server
                .error_code(Some(&quinn), APPEALS, json!({ "s": "PENDING" }))
                .await,
            "FORBIDDEN"
        );
        let pending = appeals(&server, &moderator, "PENDING").await;
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0]["text"], "I posted my own photos.");
        assert_eq!(pending[0]["account"]["acct"], "pat");
        assert_eq!(pending[0]["strike"]["action"], "LIMIT");
        assert_eq!(pending[0]["strike"]["reason"], "Please stop.");
        assert_eq!(
            server
                .error_code(Some(&quinn), APPROVE, json!({ "a": appeal }))
                .await,
            "FORBIDDEN"
        );

        // Approved: the limit is lifted, Pat is mailed, and the audit log says who.
        let approved = server
            .ok(Some(&moderator), APPROVE, json!({ "a": appeal }))
            .await;
        let decided = &approved["approveAppeal"]["appeal"];
        assert_eq!(decided["state"], "APPROVED");
        assert_eq!(decided["decidedBy"]["acct"], "mo");
        assert!(decided["decidedAt"].is_string());
        let standing = server
            .ok(Some(&moderator), STANDING, json!({ "a": pat_id }))
            .await;
        assert_eq!(standing["adminAccount"]["limited"], false);
        let again = server
            .gql(Some(&moderator), REJECT, json!({ "a": appeal, "r": "no" }))
            .await;
        assert_eq!(
            again["errors"][0]["extensions"]["field"], "appealId",
            "{again}"
        );
        assert!(appeals(&server, &moderator, "PENDING").await.is_empty());
        assert_eq!(appeals(&server, &moderator, "APPROVED").await.len(), 1);
        let mails = server.mails_to("pat@example.org").await;
        assert!(
            mails
                .iter()
                .any(|m| m.contains("appeal") && m.contains("was approved")),
            "{mails:?}"
        );
        // Pat reads the outcome, not who decided.
        let strikes = server.ok(Some(&pat), STRIKES, json!({})).await;
        assert_eq!(strikes["strikes"][0]["appeal"]["state"], "APPROVED");
        assert!(strikes["strikes"][0]["appeal"]["decidedBy"].is_null());
        let audit = "{ auditLog(first: 5, filter: {action: \"appeal.\"}) { edges { node { action targetName actor { acct } } } } }";
        let log = server.ok(Some(&moderator), audit, json!({})).await;
        let entry = &log["auditLog"]["edges"][0]["node"];
        assert_eq!(entry["action"], "appeal.approve");
        assert_eq!(entry["actor"]["acct"], "mo");

        // Rejected, with a reason Pat reads and is mailed.
        let warn = act(&server, &moderator, &pat_id, "WARN").await;
        let filed = server
            .ok(Some(&pat), APPEAL, json!({ "s": warn, "t": "Unfair" }))
            .await;
        let appeal = filed["appealStrike"]["strike"]["appeal"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let long = "r".repeat(2001);
        let refused = server
            .gql(Some(&moderator), REJECT, json!({ "a": appeal, "r": long }))
            .await;
        assert_eq!(
            refused["errors"][0]["extensions"]["field"], "reason",
            "{refused}"
        );
        let rejected = server
            .ok(
                Some(&moderator),
                REJECT,
                json!({ "a": appeal, "r": "The rules are clear." }),
            )
            .await;
        assert_eq!(rejected["rejectAppeal"]["appeal"]["state"], "REJECTED");
        let strikes = server.ok(Some(&pat), STRIKES, json!({})).await;
        let newest = &strikes["strikes"][0];
        assert_eq!(newest["action"], "WARN");
        assert_eq!(newest["appeal"]["state"], "REJECTED");
        assert_eq!(newest["appeal"]["rejectionReason"], "The rules are clear.");
        let mails = server.mails_to("pat@example.org").await;
        assert!(
            mails.iter().any(|m| m.contains("The rules are clear.")),
            "{mails:?}"
        );
    }
}

#[tokio::test]
async fn a_strike_older_than_its_window_is_not_appealed() {
    for server in servers().await {
        let (pat, pat_id) = server.register("pat").await;
        let account =
            rookery_server::graphql::ids::account("id", &async_graphql::ID(pat_id)).unwrap();
        let old = Strike {
            id: StrikeId::new(),
            account,
            moderator: None,
            action: AccountAction::Warn,
            reason: "Long ago".into(),
            internal_note: String::new(),
            statuses: Vec::new(),
            reports: Vec::new(),
            created_at: Utc::now() - chrono::Duration::days(21),
        };
        store::account_strikes::insert(&server.db.db, &old)
            .await
            .unwrap();
        let id =
            rookery_server::graphql::ids::encode(rookery_server::graphql::ids::STRIKE, old.id.0);
        let strikes = server.ok(Some(&pat), STRIKES, json!({})).await;
        assert!(
            strikes["strikes"][0]["appealableUntil"].is_null(),
            "{strikes}"
        );
        let answer = server
            .gql(Some(&pat), APPEAL, json!({ "s": id, "t": "Late" }))
            .await;
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], "strikeId",
            "{answer}"
        );
        assert!(strikes["strikes"][0]["appeal"].is_null());
    }
}

const APPEAL_LOGIN: &str = "mutation($u: String!, $p: String!) { loginToAppeal(input: {username: $u, password: $p}) { token standing } }";

/// An appeal token for `username` (password "correct horse"), and the standing it tells.
async fn appeal_login(server: &TestServer, username: &str) -> (String, String) {
    let data = server
        .ok(
            None,
            APPEAL_LOGIN,
            json!({ "u": username, "p": "correct horse" }),
        )
        .await;
    let payload = &data["loginToAppeal"];
    (
        payload["token"].as_str().unwrap().to_owned(),
        payload["standing"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn a_suspended_or_disabled_person_signs_in_to_appeal_and_nothing_else() {
    for server in servers().await {
        let moderator = staff(&server, "mo", RoleKey::Moderator).await;
        let (_, sam_id) = server.register("sam").await;
        let (_, dana_id) = server.register("dana").await;
        let (_, _) = server.register("gail").await;

        // In good standing there is nothing to appeal: one logs in.
        let good = server
            .gql(
                None,
                APPEAL_LOGIN,
                json!({ "u": "gail", "p": "correct horse" }),
            )
            .await;
        assert_eq!(
            good["errors"][0]["extensions"]["code"], "VALIDATION",
            "{good}"
        );
        // A wrong password gets nothing, whatever the standing.
        let suspension = act(&server, &moderator, &sam_id, "SUSPEND").await;
        let wrong = server
            .gql(
                None,
                APPEAL_LOGIN,
                json!({ "u": "sam", "p": "wrong horse" }),
            )
            .await;
        assert_eq!(
            wrong["errors"][0]["extensions"]["code"], "INVALID_CREDENTIALS",
            "{wrong}"
        );

        // Suspended: login is refused, the appeal sign-in is not.
        let login = server
            .gql(
                None,
                "mutation { login(input: {username: \"sam\", password: \"correct horse\"}) { token } }",
                json!({}),
            )
            .await;
        assert_eq!(login["errors"][0]["extensions"]["code"], "ACCOUNT_DISABLED");
        let (sam, standing) = appeal_login(&server, "sam").await;
        assert_eq!(standing, "SUSPENDED");

        // The token reaches the strikes, the appeal, the instance and signing out; nothing
        // else, alone or beside an allowed field.
        let strikes = server.ok(Some(&sam), STRIKES, json!({})).await;
        assert_eq!(
            strikes["strikes"][0]["id"],
            suspension.as_str(),
            "{strikes}"
        );
        assert!(strikes["strikes"][0]["appealableUntil"].is_string());
        server
            .ok(Some(&sam), "{ instance { domain } }", json!({}))
            .await;
        for refused in [
            "{ viewer { id } }",
            "{ strikes { id } viewer { id } }",
            "{ homeTimeline(first: 1) { edges { cursor } } }",
            "mutation { createStatus(input: {text: \"back\"}) { status { id } } }",
            "{ jobQueues { name } }",
        ] {
            let answer = server.gql(Some(&sam), refused, json!({})).await;
            assert_eq!(
                answer["errors"][0]["extensions"]["code"], "ACCOUNT_DISABLED",
                "{refused}: {answer}"
            );
            assert!(answer["data"].is_null(), "{refused}: {answer}");
        }
        server
            .ok(
                Some(&sam),
                APPEAL,
                json!({ "s": suspension, "t": "It was someone else." }),
            )
            .await;
        let pending = appeals(&server, &moderator, "PENDING").await;
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0]["account"]["acct"], "sam");

        // Disabled: the same way in, and the approval lets them log in again.
        let freeze = act(&server, &moderator, &dana_id, "DISABLE").await;
        let (dana, standing) = appeal_login(&server, "dana").await;
        assert_eq!(standing, "DISABLED");
        let filed = server
            .ok(
                Some(&dana),
                APPEAL,
                json!({ "s": freeze, "t": "I will behave." }),
            )
            .await;
        let appeal = filed["appealStrike"]["strike"]["appeal"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        server
            .ok(Some(&moderator), APPROVE, json!({ "a": appeal }))
            .await;
        server
            .ok(
                None,
                "mutation { login(input: {username: \"dana\", password: \"correct horse\"}) { token } }",
                json!({}),
            )
            .await;
        // Signing out ends the appeal token.
        server
            .ok(
                Some(&dana),
                "mutation { logout { revokedTokens } }",
                json!({}),
            )
            .await;
        let after = server.gql(Some(&dana), STRIKES, json!({})).await;
        assert_eq!(
            after["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{after}"
        );

        // It lasts an hour: pruning what expires within 59 minutes keeps it, within 61 not.
        let (sam_again, _) = appeal_login(&server, "sam").await;
        let db = &server.db.db;
        let minutes = |m| Utc::now() + chrono::Duration::minutes(m);
        store::access_tokens::delete_expired(db, minutes(59))
            .await
            .unwrap();
        server.ok(Some(&sam_again), STRIKES, json!({})).await;
        store::access_tokens::delete_expired(db, minutes(61))
            .await
            .unwrap();
        let late = server.gql(Some(&sam_again), STRIKES, json!({})).await;
        assert_eq!(
            late["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{late}"
        );
    }
}
