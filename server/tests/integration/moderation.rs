//! Moderation over GraphQL: one permission check for every role, acting on accounts from
//! reports (suspend, limit, disable, and lifting each), roles below one's own, and the
//! audit log written with each action.

use std::time::Duration;

use rookery_domain::service::auth::{self, NewUser};
use rookery_domain::types::RoleKey;
use rookery_server::graphql::ids;
use serde_json::{Value, json};

use super::federation::{eventually, federating, remote_id};
use super::support::{TestServer, servers};
use rookery_domain::testing::TestDb;
use rookery_domain::testing::pictures::png;

const MODERATE: &str = "mutation($i: ModerateAccountInput!) { moderateAccount(input: $i) { strike { id action reason } account { suspended limited disabled } } }";
const LIFT: &str = "mutation($a: ID!, $x: AccountAction!) { liftAccountAction(input: {accountId: $a, action: $x}) { account { suspended limited disabled } } }";
const REPORT: &str = "mutation($a: ID!, $s: [ID!]!) { createReport(input: {accountId: $a, statusIds: $s, comment: \"spam\", category: SPAM}) { reportId } }";
const AUDIT: &str = "query($f: AuditLogFilter) { auditLog(filter: $f, first: 20) { edges { node { action targetId targetName detail actor { acct } } } } }";

/// A signed-in user holding the built-in role `key`; its token.
pub(crate) async fn staff(server: &TestServer, username: &str, key: RoleKey) -> String {
    auth::create_user(
        &server.db.db,
        &server.instance,
        NewUser {
            username: username.into(),
            email: format!("{username}@example.org"),
            password: "correct horse".into(),
            role: key,
            approved: true,
            confirmed: true,
            reason: None,
        },
    )
    .await
    .unwrap();
    auth::login(&server.db.db, username, "correct horse")
        .await
        .unwrap()
        .1
}

fn role_id(key: RoleKey) -> String {
    ids::encode(ids::ROLE, key.id().0).0
}

async fn audit_actions(server: &TestServer, token: &str, filter: Value) -> Vec<Value> {
    let data = server.ok(Some(token), AUDIT, json!({ "f": filter })).await;
    data["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"].clone())
        .collect()
}

/// Every mutation moderators and administrators make, with the permissions any one of
/// which lets a role make it, and variables that name real things where it matters.
fn matrix_cases(
    target: &str,
    report: &str,
    custom_role: &str,
    n: usize,
) -> Vec<(&'static str, String, Value, &'static [&'static str])> {
    let shortcode = format!("e{n}");
    vec![
        (
            "retryFailedJobs",
            "mutation { retryFailedJobs(input: {queue: \"deliver\"}) { retried } }".into(),
            json!({}),
            &["MANAGE_JOBS"],
        ),
        (
            "resolveReport",
            "mutation($r: ID!) { resolveReport(input: {reportId: $r, resolved: false}) { report { id } } }".into(),
            json!({ "r": report }),
            &["MANAGE_REPORTS"],
        ),
        (
            "assignReport",
            "mutation($r: ID!) { assignReport(input: {reportId: $r, toSelf: false}) { report { id } } }".into(),
            json!({ "r": report }),
            &["MANAGE_REPORTS"],
        ),
        (
            "addReportNote",
            "mutation($r: ID!) { addReportNote(input: {reportId: $r, text: \"seen\"}) { report { id } } }".into(),
            json!({ "r": report }),
            &["MANAGE_USERS", "MANAGE_REPORTS"],
        ),
        (
            "addAccountNote",
            "mutation($a: ID!) { addAccountNote(input: {accountId: $a, text: \"seen\"}) { account { id } } }".into(),
            json!({ "a": target }),
            &["MANAGE_USERS", "MANAGE_REPORTS"],
        ),
        (
            "moderateAccount",
            MODERATE.into(),
            json!({ "i": { "accountId": target, "action": "WARN", "notify": false } }),
            &["MANAGE_USERS"],
        ),
        (
            "liftAccountAction",
            LIFT.into(),
            json!({ "a": target, "x": "LIMIT" }),
            &["MANAGE_USERS"],
        ),
        (
            "setInstanceRules",
            "mutation { setInstanceRules(input: {rules: []}) { rules { id } } }".into(),
            json!({}),
            &["MANAGE_RULES"],
        ),
        (
            "updateInstance",
            "mutation { updateInstance(input: {}) { instance { name } } }".into(),
            json!({}),
            &["MANAGE_SETTINGS"],
        ),
        (
            "deleteCustomEmoji",
            "mutation($e: ID!) { deleteCustomEmoji(input: {id: $e}) { deletedCustomEmojiId } }".into(),
            json!({ "e": ids::encode(ids::CUSTOM_EMOJI, uuid::Uuid::now_v7()).0 }),
            &["MANAGE_CUSTOM_EMOJIS"],
        ),
        (
            "createCustomEmoji",
            "mutation($s: String!, $f: Upload!) { createCustomEmoji(input: {shortcode: $s, file: $f}) { customEmoji { id } } }".into(),
            json!({ "s": shortcode, "f": null }),
            &["MANAGE_CUSTOM_EMOJIS"],
        ),
        (
            "createWebhook",
            "mutation { createWebhook(input: {url: \"http://127.0.0.1:9/hook\", events: [STATUS_CREATED], instanceWide: true}) { secret } }".into(),
            json!({}),
            &["MANAGE_WEBHOOKS"],
        ),
        (
            "createRole",
            "mutation($n: String!) { createRole(input: {role: {name: $n, position: 1, permissions: []}}) { role { id } } }".into(),
            json!({ "n": format!("made by {n}") }),
            &["MANAGE_ROLES"],
        ),
        (
            "updateRole",
            "mutation($r: ID!) { updateRole(input: {roleId: $r, role: {name: \"Rule keepers\", position: 5, permissions: [MANAGE_RULES]}}) { role { id } } }".into(),
            json!({ "r": custom_role }),
            &["MANAGE_ROLES"],
        ),
        (
            "deleteRole",
            "mutation($r: ID!) { deleteRole(input: {roleId: $r}) { deletedRoleId } }".into(),
            json!({ "r": ids::encode(ids::ROLE, uuid::Uuid::now_v7()).0 }),
            &["MANAGE_ROLES"],
        ),
        (
            "setDomainBlock",
            "mutation($d: String!) { setDomainBlock(input: {domain: $d, severity: NOOP}) { domainBlock { domain } } }".into(),
            json!({ "d": format!("m{n}.example") }),
            &["MANAGE_FEDERATION"],
        ),
        (
            "removeDomainBlock",
            "mutation { removeDomainBlock(input: {domain: \"none.example\"}) { removed } }".into(),
            json!({}),
            &["MANAGE_FEDERATION"],
        ),
        (
            "importDomainBlocks",
            "mutation { importDomainBlocks(input: {csv: \"x.example\"}) { changes { change } } }".into(),
            json!({}),
            &["MANAGE_FEDERATION"],
        ),
        (
            "approveAccount",
            "mutation($a: ID!) { approveAccount(input: {accountId: $a}) { account { id } } }".into(),
            json!({ "a": target }),
            &["MANAGE_USERS"],
        ),
        (
            "rejectAccount",
            "mutation($a: ID!) { rejectAccount(input: {accountId: $a}) { rejectedAccountId } }".into(),
            json!({ "a": target }),
            &["MANAGE_USERS"],
        ),
        (
            "approveAppeal",
            "mutation($a: ID!) { approveAppeal(input: {appealId: $a}) { appeal { id } } }".into(),
            json!({ "a": ids::encode(ids::APPEAL, uuid::Uuid::now_v7()).0 }),
            &["MANAGE_APPEALS"],
        ),
        (
            "rejectAppeal",
            "mutation($a: ID!) { rejectAppeal(input: {appealId: $a, reason: \"no\"}) { appeal { id } } }".into(),
            json!({ "a": ids::encode(ids::APPEAL, uuid::Uuid::now_v7()).0 }),
            &["MANAGE_APPEALS"],
        ),
        (
            "createAnnouncement",
            "mutation($t: String!) { createAnnouncement(input: {announcement: {text: $t}}) { announcement { id } } }".into(),
            json!({ "t": format!("from holder {n}") }),
            &["MANAGE_ANNOUNCEMENTS"],
        ),
        (
            "updateAnnouncement",
            "mutation($a: ID!) { updateAnnouncement(input: {id: $a, announcement: {text: \"x\"}}) { announcement { id } } }".into(),
            json!({ "a": ids::encode(ids::ANNOUNCEMENT, uuid::Uuid::now_v7()).0 }),
            &["MANAGE_ANNOUNCEMENTS"],
        ),
        (
            "deleteAnnouncement",
            "mutation($a: ID!) { deleteAnnouncement(input: {id: $a}) { deletedAnnouncementId } }".into(),
            json!({ "a": ids::encode(ids::ANNOUNCEMENT, uuid::Uuid::now_v7()).0 }),
            &["MANAGE_ANNOUNCEMENTS"],
        ),
        (
            "createInvite",
            "mutation { createInvite(input: {maxUses: 1}) { invite { code } } }".into(),
            json!({}),
            &["INVITE_USERS"],
        ),
        (
            "revokeInvite",
            "mutation($i: ID!) { revokeInvite(input: {id: $i}) { invite { id } } }".into(),
            json!({ "i": ids::encode(ids::INVITE, uuid::Uuid::now_v7()).0 }),
            &["INVITE_USERS", "MANAGE_INVITES"],
        ),
        (
            "addEmailDomainBlock",
            "mutation($d: String!) { addEmailDomainBlock(input: {domain: $d}) { emailDomainBlock { id } } }".into(),
            json!({ "d": format!("m{n}.spam.example") }),
            &["MANAGE_BLOCKS"],
        ),
        (
            "removeEmailDomainBlock",
            "mutation($i: ID!) { removeEmailDomainBlock(input: {id: $i}) { removedId } }".into(),
            json!({ "i": ids::encode(ids::EMAIL_DOMAIN_BLOCK, uuid::Uuid::now_v7()).0 }),
            &["MANAGE_BLOCKS"],
        ),
        (
            "addIpBlock",
            "mutation($r: String!) { addIpBlock(input: {range: $r, severity: SIGN_UP_REQUIRES_APPROVAL}) { ipBlock { id } } }".into(),
            json!({ "r": format!("198.51.100.{n}") }),
            &["MANAGE_BLOCKS"],
        ),
        (
            "removeIpBlock",
            "mutation($i: ID!) { removeIpBlock(input: {id: $i}) { removedId } }".into(),
            json!({ "i": ids::encode(ids::IP_BLOCK, uuid::Uuid::now_v7()).0 }),
            &["MANAGE_BLOCKS"],
        ),
        (
            "setFederationMode",
            "mutation { setFederationMode(input: {mode: BLOCKLIST}) { mode } }".into(),
            json!({}),
            &["MANAGE_FEDERATION"],
        ),
        (
            "addDomainAllow",
            "mutation($d: String!) { addDomainAllow(input: {domain: $d}) { domainAllow { id } } }".into(),
            json!({ "d": format!("a{n}.example") }),
            &["MANAGE_FEDERATION"],
        ),
        (
            "removeDomainAllow",
            "mutation($i: ID!) { removeDomainAllow(input: {id: $i}) { removedId } }".into(),
            json!({ "i": ids::encode(ids::DOMAIN_ALLOW, uuid::Uuid::now_v7()).0 }),
            &["MANAGE_FEDERATION"],
        ),
        (
            "setInstanceThumbnail",
            "mutation { setInstanceThumbnail(input: {file: null}) { instance { name } } }".into(),
            json!({}),
            &["MANAGE_SETTINGS"],
        ),
        (
            "assignRole",
            "mutation($a: ID!, $r: ID!) { assignRole(input: {accountId: $a, roleId: $r}) { account { id } } }".into(),
            json!({ "a": target, "r": role_id(RoleKey::User) }),
            &["MANAGE_USERS", "MANAGE_ROLES"],
        ),
    ]
}

#[tokio::test]
async fn every_moderation_mutation_asks_the_role_of_every_holder() {
    for server in servers().await {
        let owner = staff(&server, "olga", RoleKey::Owner).await;
        let admin = staff(&server, "ada", RoleKey::Admin).await;
        let moderator = staff(&server, "mo", RoleKey::Moderator).await;
        let (user, _) = server.register("ursula").await;
        let (keeper, keeper_id) = server.register("keeper").await;
        let (_, target) = server.register("target").await;
        let (reporter, _) = server.register("reporter").await;
        let report = server
            .ok(Some(&reporter), REPORT, json!({ "a": target, "s": [] }))
            .await["createReport"]["reportId"]
            .as_str()
            .unwrap()
            .to_owned();
        // A custom role with one permission, given by the owner.
        let custom = server
            .ok(
                Some(&owner),
                "mutation { createRole(input: {role: {name: \"Rule keepers\", colour: \"#00AA88\", position: 5, permissions: [MANAGE_RULES]}}) { role { id colour permissions builtIn } } }",
                json!({}),
            )
            .await["createRole"]["role"]
            .clone();
        assert_eq!(custom["colour"], "#00aa88");
        assert_eq!(custom["permissions"], json!(["MANAGE_RULES"]));
        assert_eq!(custom["builtIn"], false);
        let custom_id = custom["id"].as_str().unwrap().to_owned();
        server
            .ok(
                Some(&owner),
                "mutation($a: ID!, $r: ID!) { assignRole(input: {accountId: $a, roleId: $r}) { account { role { name } } } }",
                json!({ "a": keeper_id, "r": custom_id }),
            )
            .await;

        let holders: [(&str, &str, Vec<&str>); 5] = [
            ("owner", &owner, vec!["*"]),
            ("admin", &admin, vec!["*"]),
            (
                "moderator",
                &moderator,
                vec![
                    "MANAGE_REPORTS",
                    "MANAGE_USERS",
                    "MANAGE_APPEALS",
                    "VIEW_AUDIT_LOG",
                    "INVITE_USERS",
                ],
            ),
            ("user", &user, vec![]),
            ("custom", &keeper, vec!["MANAGE_RULES"]),
        ];
        let mut covered = Vec::new();
        for (n, (holder, token, granted)) in holders.iter().enumerate() {
            // The server says what the role grants.
            let data = server
                .ok(
                    Some(token),
                    "{ viewerRole { name permissions } }",
                    json!({}),
                )
                .await;
            let permissions = data["viewerRole"]["permissions"].as_array().unwrap();
            for permission in granted.iter().filter(|p| **p != "*") {
                assert!(permissions.contains(&json!(permission)), "{holder}: {data}");
            }
            for (name, query, variables, needs) in matrix_cases(&target, &report, &custom_id, n) {
                let allowed = granted.contains(&"*") || needs.iter().any(|p| granted.contains(p));
                let response = if name == "createCustomEmoji" {
                    let file = [("f", b"not a picture".to_vec())];
                    server.gql_files(token, &query, variables, &file).await
                } else {
                    server.gql(Some(token), &query, variables).await
                };
                let code = response["errors"][0]["extensions"]["code"].as_str();
                if allowed {
                    assert!(
                        !matches!(code, Some("FORBIDDEN" | "INSUFFICIENT_SCOPE")),
                        "{}: {holder} may make {name}: {response}",
                        server.backend
                    );
                } else {
                    assert_eq!(
                        code,
                        Some("FORBIDDEN"),
                        "{}: {holder} may not make {name}: {response}",
                        server.backend
                    );
                }
                covered.push(name);
            }
        }
        covered.sort();
        covered.dedup();
        // Every mutation the `admin` scope guards is in the matrix.
        for guarded in rookery_server::graphql::scopes::ADMIN_MUTATIONS {
            assert!(covered.contains(guarded), "{guarded} is not in the matrix");
        }
    }
}

#[tokio::test]
async fn roles_are_given_and_changed_only_below_ones_own() {
    for server in servers().await {
        let owner = staff(&server, "olga", RoleKey::Owner).await;
        let admin = staff(&server, "ada", RoleKey::Admin).await;
        let ada_id = server
            .ok(Some(&admin), "{ viewer { id } }", json!({}))
            .await["viewer"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (_, pat_id) = server.register("pat").await;
        let create = "mutation($r: RoleInput!) { createRole(input: {role: $r}) { role { id name position } } }";
        let role = |name: &str, position: i32, permissions: Value| json!({ "r": { "name": name, "position": position, "permissions": permissions } });

        // A moderator role made by an admin; the admin cannot give more than it holds.
        let made = server
            .ok(
                Some(&admin),
                create,
                role("Helpers", 20, json!(["MANAGE_REPORTS", "VIEW_AUDIT_LOG"])),
            )
            .await;
        let helpers = made["createRole"]["role"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for (name, position, code) in [
            ("Too high", 100, "VALIDATION"),
            ("Helpers", 3, "VALIDATION"),
            ("  ", 3, "VALIDATION"),
            ("Admin", 3, "VALIDATION"),
        ] {
            assert_eq!(
                server
                    .error_code(Some(&admin), create, role(name, position, json!([])))
                    .await,
                code,
                "{name} at {position}"
            );
        }
        // pat becomes a helper: reads reports, but cannot act on accounts or manage roles.
        server
            .ok(
                Some(&admin),
                "mutation($a: ID!, $r: ID!) { assignRole(input: {accountId: $a, roleId: $r}) { account { role { name } } } }",
                json!({ "a": pat_id, "r": helpers }),
            )
            .await;
        let (pat, _) = login(&server, "pat").await;
        server.ok(Some(&pat), "{ reports { id } }", json!({})).await;
        assert_eq!(
            server
                .error_code(Some(&pat), create, role("Mine", 1, json!([])))
                .await,
            "FORBIDDEN"
        );
        // Nobody acts on a peer or above, nor gives a role at or above their own.
        let assign = "mutation($a: ID!, $r: ID!) { assignRole(input: {accountId: $a, roleId: $r}) { account { id } } }";
        assert_eq!(
            server
                .error_code(
                    Some(&admin),
                    assign,
                    json!({ "a": pat_id, "r": role_id(RoleKey::Admin) })
                )
                .await,
            "FORBIDDEN"
        );
        assert_eq!(
            server
                .error_code(
                    Some(&admin),
                    MODERATE,
                    json!({ "i": { "accountId": ada_id, "action": "WARN" } })
                )
                .await,
            "VALIDATION",
            "nobody acts on themselves"
        );
        let olga_id = server
            .ok(Some(&owner), "{ viewer { id } }", json!({}))
            .await["viewer"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            server
                .error_code(
                    Some(&admin),
                    MODERATE,
                    json!({ "i": { "accountId": olga_id, "action": "SUSPEND" } })
                )
                .await,
            "FORBIDDEN"
        );
        // The owner may; the admin's role changes, then it is deleted and pat is a user.
        server
            .ok(
                Some(&owner),
                "mutation($r: ID!) { updateRole(input: {roleId: $r, role: {name: \"Helpers\", position: 20, permissions: [MANAGE_REPORTS]}}) { role { permissions } } }",
                json!({ "r": helpers }),
            )
            .await;
        let (pat, _) = login(&server, "pat").await;
        assert_eq!(
            server.error_code(Some(&pat), AUDIT, json!({})).await,
            "FORBIDDEN",
            "the change holds at once"
        );
        server
            .ok(
                Some(&owner),
                "mutation($r: ID!) { deleteRole(input: {roleId: $r}) { deletedRoleId } }",
                json!({ "r": helpers }),
            )
            .await;
        let data = server
            .ok(
                Some(&pat),
                "{ viewerRole { name permissions builtIn } }",
                json!({}),
            )
            .await;
        assert_eq!(
            data["viewerRole"],
            json!({ "name": "User", "permissions": [], "builtIn": true })
        );
        // Each change is in the audit log, with what it was and became.
        let entries = audit_actions(&server, &owner, json!({ "action": "role." })).await;
        let actions: Vec<&str> = entries
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["role.delete", "role.update", "role.create"]);
        let update: Value = serde_json::from_str(entries[1]["detail"].as_str().unwrap()).unwrap();
        assert_eq!(
            update["before"]["permissions"],
            json!(["MANAGE_REPORTS", "VIEW_AUDIT_LOG"])
        );
        assert_eq!(update["after"]["permissions"], json!(["MANAGE_REPORTS"]));
        assert_eq!(entries[1]["targetName"], "Helpers");
        assert_eq!(entries[1]["targetId"], json!(helpers));
        let roles = server
            .ok(
                Some(&owner),
                "{ roles { name position builtIn } }",
                json!({}),
            )
            .await;
        let names: Vec<&str> = roles["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Owner", "Admin", "Moderator", "User"]);
    }
}

async fn login(server: &TestServer, username: &str) -> (String, Value) {
    let response = server
        .gql(
            None,
            "mutation($u: String!) { login(input: {username: $u, password: \"correct horse\"}) { token } }",
            json!({ "u": username }),
        )
        .await;
    (
        response["data"]["login"]["token"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        response,
    )
}

async fn public_ids(server: &TestServer, token: Option<&str>) -> Vec<String> {
    let data = server
        .ok(
            token,
            "{ publicTimeline(first: 40) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    data["publicTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_suspension_from_a_report_hides_the_spammer_at_once_and_an_unsuspension_restores_it() {
    for server in servers().await {
        let moderator = staff(&server, "mo", RoleKey::Moderator).await;
        let (alice, _) = server.register("alice").await;
        let (spam, spam_id) = server.register("spam").await;
        let post = server
            .post(&spam, "cheap watches at example.com", "PUBLIC")
            .await;
        let report = server
            .ok(Some(&alice), REPORT, json!({ "a": spam_id, "s": [post] }))
            .await["createReport"]["reportId"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(public_ids(&server, None).await.contains(&post));

        // The moderator takes it on, notes it, and suspends from it.
        server
            .ok(
                Some(&moderator),
                "mutation($r: ID!) { assignReport(input: {reportId: $r}) { report { assignedTo { acct } } } }",
                json!({ "r": report }),
            )
            .await;
        server
            .ok(
                Some(&moderator),
                "mutation($r: ID!) { addReportNote(input: {reportId: $r, text: \"obvious spam\"}) { report { id } } }",
                json!({ "r": report }),
            )
            .await;
        // Bad input changes nothing: a report about someone else, or an over-long reason.
        let (_, bob_id) = server.register("bob").await;
        let wrong =
            json!({ "i": { "accountId": bob_id, "action": "SUSPEND", "reportIds": [report] } });
        assert_eq!(
            server.error_code(Some(&moderator), MODERATE, wrong).await,
            "VALIDATION"
        );
        let long = json!({ "i": { "accountId": spam_id, "action": "SUSPEND", "reason": "x".repeat(2001) } });
        assert_eq!(
            server.error_code(Some(&moderator), MODERATE, long).await,
            "VALIDATION"
        );
        assert!(public_ids(&server, None).await.contains(&post));

        let done = server
            .ok(
                Some(&moderator),
                MODERATE,
                json!({ "i": { "accountId": spam_id, "action": "SUSPEND", "reason": "Spam", "internalNote": "bot farm", "reportIds": [report], "statusIds": [post] } }),
            )
            .await;
        assert_eq!(done["moderateAccount"]["account"]["suspended"], true);
        let data = server
            .ok(
                Some(&moderator),
                "query($r: ID!) { report(id: $r) { resolvedAt actionTaken resolvedBy { acct } assignedTo { acct } notes { text author { acct } } } }",
                json!({ "r": report }),
            )
            .await;
        assert!(data["report"]["resolvedAt"].is_string());
        assert_eq!(data["report"]["actionTaken"], "SUSPEND");
        assert_eq!(data["report"]["resolvedBy"]["acct"], "mo");
        assert_eq!(data["report"]["notes"][0]["text"], "obvious spam");

        // Gone for everyone: the timeline, the post, the profile; the spammer's session ends.
        assert!(!public_ids(&server, None).await.contains(&post));
        assert!(!public_ids(&server, Some(&alice)).await.contains(&post));
        let status = "query($id: ID!) { status(id: $id) { id } }";
        assert_eq!(
            server
                .error_code(Some(&alice), status, json!({ "id": post }))
                .await,
            "NOT_FOUND"
        );
        let profile = "query($h: String!) { accountByHandle(handle: $h) { id } }";
        assert_eq!(
            server
                .error_code(None, profile, json!({ "h": "spam" }))
                .await,
            "NOT_FOUND"
        );
        let me = server
            .gql(Some(&spam), "{ viewer { id } }", json!({}))
            .await;
        assert!(me["errors"].is_array(), "the session ended: {me}");
        let (_, refused) = login(&server, "spam").await;
        assert_eq!(
            refused["errors"][0]["extensions"]["code"],
            "ACCOUNT_DISABLED"
        );
        let actor = server
            .client
            .get(format!("{}/users/spam", server.base))
            .header("accept", "application/activity+json")
            .send()
            .await
            .unwrap();
        assert_eq!(actor.status(), 404);

        // The reporter hears that it was acted on; the audit log keeps who did what.
        let data = server
            .ok(
                Some(&alice),
                "{ notifications(first: 5) { edges { node { type account { acct } } } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            data["notifications"]["edges"][0]["node"]["type"],
            "REPORT_RESOLVED"
        );
        let entries = audit_actions(&server, &moderator, json!({ "targetId": spam_id })).await;
        assert_eq!(entries[0]["action"], "account.suspend");
        assert_eq!(entries[0]["actor"]["acct"], "mo");
        assert_eq!(entries[0]["targetName"], "@spam");
        let detail: Value = serde_json::from_str(entries[0]["detail"].as_str().unwrap()).unwrap();
        assert_eq!(detail["reason"], "Spam");
        let reports = audit_actions(&server, &moderator, json!({ "action": "report." })).await;
        let actions: Vec<&str> = reports
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["report.note", "report.assign"]);

        // Moderators still see it, with its strike.
        let view = "query($a: ID!) { adminAccount(id: $a) { suspended purgeAt email role { name } strikes { action reason internalNote moderator { acct } statuses { id } } reports { id } } }";
        let data = server
            .ok(Some(&moderator), view, json!({ "a": spam_id }))
            .await;
        let account = &data["adminAccount"];
        assert_eq!(account["suspended"], true);
        assert!(account["purgeAt"].is_string());
        assert_eq!(account["email"], "spam@example.org");
        assert_eq!(account["strikes"][0]["internalNote"], "bot farm");
        assert_eq!(account["strikes"][0]["statuses"][0]["id"], json!(post));
        assert_eq!(account["reports"][0]["id"], json!(report));
        let listed = server
            .ok(
                Some(&moderator),
                "{ adminAccounts(filter: {state: SUSPENDED}) { edges { node { account { acct } } } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            listed["adminAccounts"]["edges"].as_array().unwrap().len(),
            1
        );

        // Unsuspended, everything is back; the spammer signs in and reads its strike.
        let data = server
            .ok(
                Some(&moderator),
                LIFT,
                json!({ "a": spam_id, "x": "SUSPEND" }),
            )
            .await;
        assert_eq!(data["liftAccountAction"]["account"]["suspended"], false);
        assert!(public_ids(&server, None).await.contains(&post));
        let (spam, _) = login(&server, "spam").await;
        let data = server
            .ok(
                Some(&spam),
                "{ strikes { action reason internalNote moderator { acct } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            data["strikes"],
            json!([{ "action": "SUSPEND", "reason": "Spam", "internalNote": null, "moderator": null }])
        );
        let entries = audit_actions(&server, &moderator, json!({ "action": "account.uns" })).await;
        assert_eq!(entries[0]["action"], "account.unsuspend");
    }
}

#[tokio::test]
async fn a_limited_account_reaches_its_followers_only_and_a_disabled_one_cannot_sign_in() {
    for server in servers().await {
        let moderator = staff(&server, "mo", RoleKey::Moderator).await;
        let (loud, loud_id) = server.register("loud").await;
        let (fan, fan_id) = server.register("fan").await;
        let (stranger, _) = server.register("stranger").await;
        let follow = "mutation($id: ID!) { follow(input: {accountId: $id}) { relationship { following requested } } }";
        server
            .ok(Some(&fan), follow, json!({ "id": loud_id }))
            .await;
        let post = server.post(&loud, "buy my course", "PUBLIC").await;

        server
            .ok(Some(&moderator), MODERATE, json!({ "i": { "accountId": loud_id, "action": "LIMIT", "reason": "Unsolicited ads" } }))
            .await;
        assert!(!public_ids(&server, None).await.contains(&post));
        assert!(!public_ids(&server, Some(&stranger)).await.contains(&post));
        assert!(
            public_ids(&server, Some(&fan)).await.contains(&post),
            "followers still see it"
        );
        assert!(
            public_ids(&server, Some(&loud)).await.contains(&post),
            "and its author"
        );
        // Its follows of people who do not follow it wait for their approval.
        let (_, quiet_id) = server.register("quiet").await;
        let data = server
            .ok(Some(&loud), follow, json!({ "id": quiet_id }))
            .await;
        assert_eq!(data["follow"]["relationship"]["requested"], true);
        let data = server
            .ok(Some(&loud), follow, json!({ "id": fan_id }))
            .await;
        assert_eq!(
            data["follow"]["relationship"]["following"], true,
            "a follower it follows at once"
        );
        server
            .ok(
                Some(&moderator),
                LIFT,
                json!({ "a": loud_id, "x": "LIMIT" }),
            )
            .await;
        assert!(public_ids(&server, None).await.contains(&post));

        // Disabled: its sessions end and it cannot sign in, until enabled.
        let data = server
            .ok(
                Some(&moderator),
                MODERATE,
                json!({ "i": { "accountId": loud_id, "action": "DISABLE" } }),
            )
            .await;
        assert_eq!(data["moderateAccount"]["account"]["disabled"], true);
        assert!(
            server
                .gql(Some(&loud), "{ viewer { id } }", json!({}))
                .await["errors"]
                .is_array()
        );
        let (_, refused) = login(&server, "loud").await;
        assert_eq!(
            refused["errors"][0]["extensions"]["code"],
            "ACCOUNT_DISABLED"
        );
        assert!(
            public_ids(&server, None).await.contains(&post),
            "disabling hides nothing"
        );
        server
            .ok(
                Some(&moderator),
                LIFT,
                json!({ "a": loud_id, "x": "DISABLE" }),
            )
            .await;
        let (token, _) = login(&server, "loud").await;
        assert!(!token.is_empty());
        let data = server
            .ok(
                Some(&token),
                "{ notifications(first: 5) { edges { node { type } } } }",
                json!({}),
            )
            .await;
        let types: Vec<&str> = data["notifications"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            types.iter().filter(|t| **t == "MODERATION_WARNING").count(),
            2
        );
    }
}

async fn suspensions_cross_servers(a: TestServer, b: TestServer) {
    let moderator_a = super::federation::admin(&a).await;
    let (alice, alice_id) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let (carol, _) = b.register("carol").await;
    // bob and carol on b follow alice on a, and alice follows bob.
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    let follow = "mutation($id: ID!) { follow(input: {accountId: $id}) { relationship { following requested } } }";
    b.ok(Some(&bob), follow, json!({ "id": alice_on_b })).await;
    b.ok(Some(&carol), follow, json!({ "id": alice_on_b }))
        .await;
    let bob_on_a = remote_id(&a, &alice, "bob", &b).await;
    a.ok(Some(&alice), follow, json!({ "id": bob_on_a })).await;
    let counts = "query($id: ID!) { account(id: $id) { followersCount followingCount } }";
    let alice_counts = || async {
        let data = a.ok(Some(&alice), counts, json!({ "id": alice_id })).await;
        (
            data["account"]["followersCount"].clone(),
            data["account"]["followingCount"].clone(),
        )
    };
    eventually(Duration::from_secs(20), "the follows take", || async {
        alice_counts().await == (json!(2), json!(1))
    })
    .await;

    // A remote suspension on a: bob's follows end both ways at once.
    a.ok(
        Some(&moderator_a),
        MODERATE,
        json!({ "i": { "accountId": bob_on_a, "action": "SUSPEND" } }),
    )
    .await;
    assert_eq!(alice_counts().await, (json!(1), json!(0)));
    // Unsuspended, bob's follows come back both ways, and his posts reach alice again.
    a.ok(
        Some(&moderator_a),
        LIFT,
        json!({ "a": bob_on_a, "x": "SUSPEND" }),
    )
    .await;
    assert_eq!(alice_counts().await, (json!(2), json!(1)));
    b.post(&bob, "back from b", "FOLLOWERS").await;
    let home = "{ homeTimeline(first: 5) { edges { node { content } } } }";
    eventually(
        Duration::from_secs(20),
        "bob's post reaches alice",
        || async {
            let data = a.ok(Some(&alice), home, json!({})).await;
            data["homeTimeline"]["edges"][0]["node"]["content"] == "<p>back from b</p>"
        },
    )
    .await;

    // A local suspension on a: alice's Delete reaches b, where her posts go.
    a.post(&alice, "hello from a", "PUBLIC").await;
    let statuses_on_b =
        "query($id: ID!) { accountStatuses(accountId: $id, first: 5) { edges { node { id } } } }";
    let found = std::sync::Mutex::new(String::new());
    eventually(
        Duration::from_secs(20),
        "alice's post reaches b",
        || async {
            let data = b
                .gql(Some(&carol), statuses_on_b, json!({ "id": alice_on_b }))
                .await;
            match data["data"]["accountStatuses"]["edges"][0]["node"]["id"].as_str() {
                Some(id) => {
                    *found.lock().unwrap() = id.to_owned();
                    true
                }
                None => false,
            }
        },
    )
    .await;
    let post_on_b = found.lock().unwrap().clone();
    a.ok(
        Some(&moderator_a),
        MODERATE,
        json!({ "i": { "accountId": alice_id, "action": "SUSPEND" } }),
    )
    .await;
    let status = "query($id: ID!) { status(id: $id) { id } }";
    eventually(Duration::from_secs(30), "b drops alice's post", || async {
        let data = b
            .gql(Some(&carol), status, json!({ "id": post_on_b }))
            .await;
        data["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    })
    .await;
}

#[tokio::test]
async fn suspensions_sever_follows_and_tell_other_servers_on_sqlite() {
    suspensions_cross_servers(
        federating(TestDb::sqlite().await).await,
        federating(TestDb::sqlite().await).await,
    )
    .await;
}

#[tokio::test]
async fn suspensions_sever_follows_and_tell_other_servers_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    suspensions_cross_servers(
        federating(postgres).await,
        federating(TestDb::sqlite().await).await,
    )
    .await;
}

#[tokio::test]
async fn sign_ups_waiting_for_approval_are_approved_or_rejected_and_the_dashboard_counts() {
    for server in servers().await {
        let admin = staff(&server, "ada", RoleKey::Admin).await;
        server
            .ok(Some(&admin), "mutation { updateInstance(input: {registrationMode: APPROVAL}) { instance { registrationMode } } }", json!({}))
            .await;
        let register = "mutation($u: String!, $e: String!) { register(input: {username: $u, email: $e, password: \"correct horse\", reason: \"I like birds\"}) { pendingApproval account { id } } }";
        let applicant = |name: &str| json!({ "u": name, "e": format!("{name}@example.org") });
        let mut ids = Vec::new();
        for name in ["wren", "crow"] {
            let data = server.ok(None, register, applicant(name)).await;
            assert_eq!(data["register"]["pendingApproval"], true);
            ids.push(
                data["register"]["account"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        let queue = "{ adminAccounts(filter: {state: PENDING}) { edges { node { id registrationReason approved } } } }";
        let data = server.ok(Some(&admin), queue, json!({})).await;
        let pending = data["adminAccounts"]["edges"].as_array().unwrap();
        assert_eq!(pending.len(), 2, "{}", server.backend);
        assert_eq!(pending[0]["node"]["registrationReason"], "I like birds");
        let dashboard = "{ adminDashboard(days: 7) { days { day signUps activeUsers reports } openReports pendingSignUps localAccounts knownServers } }";
        let data = server.ok(Some(&admin), dashboard, json!({})).await;
        let figures = &data["adminDashboard"];
        assert_eq!(figures["pendingSignUps"], 2);
        assert_eq!(figures["days"].as_array().unwrap().len(), 7);
        assert_eq!(
            figures["days"][6]["signUps"], 3,
            "ada, wren and crow, today"
        );
        assert_eq!(figures["days"][6]["activeUsers"], 1, "ada signed in");

        // Storage: what the media store holds, as maintenance measured it.
        let (_, picture) = super::media::uploaded(&server, &admin, png(64, 64)).await;
        assert_eq!(picture["state"], "READY", "{picture}");
        let store =
            rookery_server::media_store::ObjectMediaStore::local(&server.media_dir).unwrap();
        // The upload's own file goes just after the picture is ready: measure once the
        // directory holds still.
        let mut on_disk = 0;
        for _ in 0..50 {
            let before = walkdir(&server.media_dir);
            let measured =
                rookery_domain::service::dashboard::measure_storage(&server.db.db, &store)
                    .await
                    .unwrap();
            if measured == before && walkdir(&server.media_dir) == before {
                on_disk = before;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(on_disk > 0, "the measure matches the files");
        let storage =
            "{ adminDashboard(days: 7) { storageBytes storageMeasuredAt days { storageBytes } } }";
        let data = server.ok(Some(&admin), storage, json!({})).await;
        let figures = &data["adminDashboard"];
        assert_eq!(figures["storageBytes"], json!(on_disk as f64), "{figures}");
        assert!(figures["storageMeasuredAt"].is_string());
        assert_eq!(figures["days"][6]["storageBytes"], json!(on_disk as f64));
        assert!(figures["days"][0]["storageBytes"].is_null());
        assert_eq!(
            server
                .error_code(
                    Some(&admin),
                    "{ adminDashboard(days: 0) { openReports } }",
                    json!({})
                )
                .await,
            "VALIDATION"
        );

        let approve =
            "mutation($a: ID!) { approveAccount(input: {accountId: $a}) { account { approved } } }";
        let reject = "mutation($a: ID!) { rejectAccount(input: {accountId: $a, reason: \"No bots\"}) { rejectedAccountId } }";
        let (_, refused) = login(&server, "wren").await;
        assert_eq!(
            refused["errors"][0]["extensions"]["code"],
            "ACCOUNT_PENDING_APPROVAL"
        );
        let data = server
            .ok(Some(&admin), approve, json!({ "a": ids[0] }))
            .await;
        assert_eq!(data["approveAccount"]["account"]["approved"], true);
        let (token, _) = login(&server, "wren").await;
        assert!(!token.is_empty(), "{}", server.backend);
        assert_eq!(
            server
                .error_code(Some(&admin), approve, json!({ "a": ids[0] }))
                .await,
            "VALIDATION",
            "approved once"
        );
        assert_eq!(
            server
                .error_code(Some(&token), reject, json!({ "a": ids[1] }))
                .await,
            "FORBIDDEN"
        );
        server
            .ok(Some(&admin), reject, json!({ "a": ids[1] }))
            .await;
        let data = server.ok(Some(&admin), queue, json!({})).await;
        assert!(
            data["adminAccounts"]["edges"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        // The name and address are free again.
        let data = server.ok(None, register, applicant("crow")).await;
        assert_eq!(data["register"]["pendingApproval"], true);
        let entries = audit_actions(&server, &admin, json!({ "action": "account." })).await;
        let actions: Vec<&str> = entries
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["account.reject", "account.approve"]);
    }
}

#[tokio::test]
async fn media_of_an_account_marked_sensitive_is_posted_sensitive() {
    for server in servers().await {
        let moderator = staff(&server, "mo", RoleKey::Moderator).await;
        let (ivy, ivy_id) = server.register("ivy").await;
        server
            .ok(
                Some(&moderator),
                MODERATE,
                json!({ "i": { "accountId": ivy_id, "action": "SENSITIVE" } }),
            )
            .await;
        let post = "mutation($t: String!, $m: [ID!]!) { createStatus(input: {text: $t, mediaIds: $m}) { status { sensitive } } }";
        let (media, _) = super::media::uploaded(
            &server,
            &ivy,
            rookery_domain::testing::pictures::jpeg(40, 40, 1),
        )
        .await;
        let data = server
            .ok(Some(&ivy), post, json!({ "t": "a picture", "m": [media] }))
            .await;
        assert_eq!(
            data["createStatus"]["status"]["sensitive"], true,
            "{}",
            server.backend
        );
        let data = server
            .ok(Some(&ivy), post, json!({ "t": "words only", "m": [] }))
            .await;
        assert_eq!(
            data["createStatus"]["status"]["sensitive"], false,
            "only media"
        );
        server
            .ok(
                Some(&moderator),
                LIFT,
                json!({ "a": ivy_id, "x": "SENSITIVE" }),
            )
            .await;
        let (media, _) = super::media::uploaded(
            &server,
            &ivy,
            rookery_domain::testing::pictures::jpeg(40, 40, 1),
        )
        .await;
        let data = server
            .ok(Some(&ivy), post, json!({ "t": "another", "m": [media] }))
            .await;
        assert_eq!(data["createStatus"]["status"]["sensitive"], false);
    }
}

/// The bytes of every file under `dir`.
fn walkdir(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                walkdir(&path)
            } else {
                entry.metadata().map(|m| m.len()).unwrap_or(0)
            }
        })
        .sum()
}
