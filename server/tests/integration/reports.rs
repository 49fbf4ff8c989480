//! Reports: filed here or received as a `Flag`, told to every moderator (a notification
//! and a mail), and forwarded to the reported account's server when the reporter asks.

use std::time::Duration;

use rookery_domain::testing::TestDb;
use rookery_server::graphql::ids;
use serde_json::{Value, json};

use super::federation::{admin, eventually, federating, remote_id};
use super::support::TestServer;

const CREATE: &str = "mutation($i: CreateReportInput!) { createReport(input: $i) { reportId } }";
const REPORTS: &str = "{ reports { id comment category remote forward forwardedAt account { acct } reporter { acct } statuses { content } } }";
const NOTIFICATIONS: &str = "{ unreadNotificationCount notifications(first: 10) { edges { node { id type read account { acct } report { comment } } } } }";

/// The mail written to `server`'s mail directory, each as its raw text.
fn mails(server: &TestServer) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(&server.mail_dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "eml").then(|| std::fs::read_to_string(path).ok())?
        })
        .collect()
}

async fn reports_of(server: &TestServer, token: &str) -> Vec<Value> {
    let data = server.ok(Some(token), REPORTS, json!({})).await;
    data["reports"].as_array().unwrap().clone()
}

async fn reports_flow(a: TestServer, b: TestServer) {
    let moderator_a = admin(&a).await;
    let moderator_b = admin(&b).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let status_uri = b
        .ok(
            Some(&bob),
            "mutation { createStatus(input: {text: \"buy cheap watches\", visibility: PUBLIC}) { status { uri } } }",
            json!({}),
        )
        .await["createStatus"]["status"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    let status_on_a = a
        .ok(
            Some(&alice),
            "query($u: String!) { resolveObject(url: $u) { ... on Status { id } } }",
            json!({ "u": status_uri }),
        )
        .await["resolveObject"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let bob_on_a = remote_id(&a, &alice, "bob", &b).await;

    // Refused reports store nothing.
    let (carol, carol_id) = a.register("carol").await;
    let (_, dave_id) = a.register("dave").await;
    for (input, code) in [
        (json!({ "accountId": carol_id }), "VALIDATION"),
        (
            json!({ "accountId": dave_id, "statusIds": [status_on_a] }),
            "VALIDATION",
        ),
        (
            json!({ "accountId": bob_on_a, "comment": "x".repeat(1001) }),
            "VALIDATION",
        ),
        (json!({ "accountId": "nonsense" }), "VALIDATION"),
    ] {
        assert_eq!(
            a.error_code(Some(&carol), CREATE, json!({ "i": input }))
                .await,
            code,
            "{input}"
        );
    }
    assert!(reports_of(&a, &moderator_a).await.is_empty());
    assert_eq!(
        a.error_code(Some(&alice), REPORTS, json!({})).await,
        "FORBIDDEN"
    );
    assert_eq!(
        a.error_code(None, CREATE, json!({ "i": { "accountId": bob_on_a } }))
            .await,
        "UNAUTHENTICATED"
    );

    a.ok(
        Some(&alice),
        CREATE,
        json!({ "i": {
            "accountId": bob_on_a,
            "statusIds": [status_on_a],
            "comment": "spam, all day long",
            "category": "SPAM",
            "forward": true,
        }}),
    )
    .await;

    // Here: the moderator is notified and mailed.
    eventually(
        Duration::from_secs(10),
        "the moderator's notification",
        || async {
            let data = a.ok(Some(&moderator_a), NOTIFICATIONS, json!({})).await;
            data["unreadNotificationCount"] == 1
        },
    )
    .await;
    let data = a.ok(Some(&moderator_a), NOTIFICATIONS, json!({})).await;
    let notification = &data["notifications"]["edges"][0]["node"];
    assert_eq!(notification["type"], "ADMIN_REPORT");
    assert_eq!(notification["account"]["acct"], "alice");
    assert_eq!(notification["report"]["comment"], "spam, all day long");
    // A moderator's token without the `admin` scope reads no report, not even through
    // the notification that names it.
    let read_only = a
        .ok(
            Some(&moderator_a),
            "mutation { createAccessToken(input: {name: \"reader\", scopes: [READ]}) { secret } }",
            json!({}),
        )
        .await["createAccessToken"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let answer = a.gql(Some(&read_only), NOTIFICATIONS, json!({})).await;
    let notification = &answer["data"]["notifications"]["edges"][0]["node"];
    assert_eq!(notification["type"], "ADMIN_REPORT", "{answer}");
    assert!(notification["report"].is_null(), "{answer}");
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "INSUFFICIENT_SCOPE",
        "{answer}"
    );
    // Nobody else is notified.
    let plain = a.ok(Some(&alice), NOTIFICATIONS, json!({})).await;
    assert_eq!(plain["unreadNotificationCount"], 0);
    eventually(Duration::from_secs(10), "the moderator's mail", || async {
        !mails(&a).is_empty()
    })
    .await;
    let mail = mails(&a).remove(0);
    assert!(mail.contains("To: moira@example.org"), "{mail}");
    assert!(mail.contains("New report: @bob@"), "{mail}");
    assert!(mail.contains("spam, all day long"), "{mail}");

    let reports = reports_of(&a, &moderator_a).await;
    assert_eq!(reports.len(), 1);
    let report = &reports[0];
    assert_eq!(report["remote"], false);
    assert_eq!(report["category"], "SPAM");
    assert_eq!(report["reporter"]["acct"], "alice");
    assert_eq!(report["statuses"][0]["content"], "<p>buy cheap watches</p>");

    // There: the Flag arrives from the instance actor, naming bob and his status, and
    // bob's moderators hear of it without learning who reported.
    eventually(Duration::from_secs(10), "the forwarded report", || async {
        reports_of(&b, &moderator_b).await.len() == 1
    })
    .await;
    let forwarded = &reports_of(&b, &moderator_b).await[0];
    assert_eq!(forwarded["remote"], true);
    assert_eq!(forwarded["account"]["acct"], "bob");
    assert_eq!(forwarded["comment"], "spam, all day long");
    assert_eq!(
        forwarded["statuses"][0]["content"],
        "<p>buy cheap watches</p>"
    );
    let reporter = forwarded["reporter"]["acct"].as_str().unwrap();
    assert_eq!(reporter, format!("instance.actor@{}", a.instance.domain));
    eventually(
        Duration::from_secs(10),
        "the remote moderator's mail",
        || async { mails(&b).iter().any(|m| m.contains("New report: @bob")) },
    )
    .await;
    let here = &reports_of(&a, &moderator_a).await[0];
    assert!(here["forwardedAt"].is_string(), "{here}");

    // Resolving, and marking read.
    let id = here["id"].as_str().unwrap();
    let resolve =
        "mutation($id: ID!) { resolveReport(input: {reportId: $id}) { report { resolvedAt } } }";
    assert_eq!(
        a.error_code(Some(&alice), resolve, json!({ "id": id }))
            .await,
        "FORBIDDEN"
    );
    let data = a.ok(Some(&moderator_a), resolve, json!({ "id": id })).await;
    assert!(data["resolveReport"]["report"]["resolvedAt"].is_string());
    assert!(reports_of(&a, &moderator_a).await.is_empty());
    let data = a
        .ok(
            Some(&moderator_a),
            "mutation { markNotificationsRead(input: {}) { marked } }",
            json!({}),
        )
        .await;
    assert_eq!(data["markNotificationsRead"]["marked"], 1);
    let data = a.ok(Some(&moderator_a), NOTIFICATIONS, json!({})).await;
    assert_eq!(data["unreadNotificationCount"], 0);
    assert_eq!(data["notifications"]["edges"][0]["node"]["read"], true);
}

#[tokio::test]
async fn reports_reach_moderators_and_are_forwarded_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    reports_flow(a, b).await;
}

#[tokio::test]
async fn reports_reach_moderators_and_are_forwarded_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(postgres).await;
    reports_flow(a, b).await;
}

const RULES: &str = "{ instance { rules { id text hint } } }";
const SET_RULES: &str = "mutation($r: [InstanceRuleInput!]!) { setInstanceRules(input: {rules: $r}) { rules { id text hint } } }";

#[tokio::test]
async fn administrators_keep_the_rules_which_reports_of_a_violation_cite() {
    for server in super::support::servers().await {
        let root = admin(&server).await;
        let (alice, _) = server.register("alice").await;
        let (_, bob_id) = server.register("bob").await;
        let data = server.ok(None, RULES, json!({})).await;
        assert_eq!(data["instance"]["rules"], json!([]));

        // Only administrators set them, and bad rules change nothing.
        let two = json!([{ "text": " Be kind ", "hint": "No harassment." }, { "text": "No spam" }]);
        let code = server
            .error_code(Some(&alice), SET_RULES, json!({ "r": two }))
            .await;
        assert_eq!(code, "FORBIDDEN");
        let empty = json!([{ "text": "Fine" }, { "text": "  " }]);
        let code = server
            .error_code(Some(&root), SET_RULES, json!({ "r": empty }))
            .await;
        assert_eq!(code, "VALIDATION");
        let many: Vec<Value> = (0..51)
            .map(|n| json!({ "text": format!("rule {n}") }))
            .collect();
        let code = server
            .error_code(Some(&root), SET_RULES, json!({ "r": many }))
            .await;
        assert_eq!(code, "VALIDATION");
        let data = server.ok(None, RULES, json!({})).await;
        assert_eq!(data["instance"]["rules"], json!([]));

        let set = server.ok(Some(&root), SET_RULES, json!({ "r": two })).await;
        let rules = set["setInstanceRules"]["rules"].clone();
        assert_eq!(rules[0]["text"], "Be kind");
        assert_eq!(rules[0]["hint"], "No harassment.");
        assert_eq!(rules[1]["hint"], "");
        let data = server.ok(None, RULES, json!({})).await;
        assert_eq!(data["instance"]["rules"], rules, "everyone reads them");
        let (kind, spam) = (rules[0]["id"].clone(), rules[1]["id"].clone());

        // A report of a violation cites them; others may not, nor cite what is not a rule.
        let report = |category: &str, rule_ids: Value| json!({ "i": { "accountId": bob_id, "category": category, "ruleIds": rule_ids } });
        let code = server
            .error_code(Some(&alice), CREATE, report("SPAM", json!([spam])))
            .await;
        assert_eq!(code, "VALIDATION");
        let foreign = ids::encode(ids::RULE, uuid::Uuid::now_v7()).0;
        let code = server
            .error_code(Some(&alice), CREATE, report("VIOLATION", json!([foreign])))
            .await;
        assert_eq!(code, "VALIDATION");
        server
            .ok(
                Some(&alice),
                CREATE,
                report("VIOLATION", json!([spam, kind, spam])),
            )
            .await;
        let query = "{ reports { category rules { text } } }";
        let data = server.ok(Some(&root), query, json!({})).await;
        assert_eq!(data["reports"][0]["category"], "VIOLATION");
        assert_eq!(
            data["reports"][0]["rules"],
            json!([{ "text": "Be kind" }, { "text": "No spam" }]),
            "in the instance's order"
        );

        // Reordered and edited, a rule keeps its id; one left out leaves the report too.
        let edited = json!([{ "id": spam, "text": "No spam, no ads" }]);
        let set = server
            .ok(Some(&root), SET_RULES, json!({ "r": edited }))
            .await;
        assert_eq!(set["setInstanceRules"]["rules"][0]["id"], spam);
        let data = server.ok(Some(&root), query, json!({})).await;
        assert_eq!(
            data["reports"][0]["rules"],
            json!([{ "text": "No spam, no ads" }])
        );
        let unknown = json!([{ "id": kind, "text": "Back again" }]);
        let code = server
            .error_code(Some(&root), SET_RULES, json!({ "r": unknown }))
            .await;
        assert_eq!(
            code, "VALIDATION",
            "a rule gone is not brought back by its id"
        );
    }
}
