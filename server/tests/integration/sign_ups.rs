//! Sign-up moderation over GraphQL: invites open closed registrations without approval,
//! and are counted, revoked and used up; email domains and IP ranges hold sign-ups for
//! approval or refuse them.

use chrono::Utc;
use rookery_domain::types::RoleKey;
use serde_json::{Value, json};

use super::moderation::staff;
use super::support::{TestServer, servers};

const REGISTER: &str = "mutation($u: String!, $e: String!, $i: String) { register(input: {username: $u, email: $e, password: \"correct horse\", inviteCode: $i}) { token pendingApproval account { id } } }";
const CREATE: &str = "mutation($m: Int, $x: DateTime) { createInvite(input: {maxUses: $m, expiresAt: $x}) { invite { id code url maxUses uses valid expiresAt creator { acct } } } }";
const REVOKE: &str = "mutation($i: ID!) { revokeInvite(input: {id: $i}) { invite { valid } } }";
const CHECK: &str = "query($c: String!) { invite(code: $c) { valid inviter { acct } } }";
const INVITES: &str = "query($all: Boolean!) { invites(all: $all, first: 20) { edges { node { code uses valid creator { acct } } } } }";
const MODE: &str = "mutation($m: RegistrationMode!) { updateInstance(input: {registrationMode: $m}) { instance { registrationMode } } }";
const ORIGIN: &str =
    "query($a: ID!) { adminAccount(id: $a) { signUpIp invitedBy { acct } approved } }";
const SEARCH: &str = "query($ip: String) { adminAccounts(filter: {ip: $ip}, first: 50) { edges { node { account { acct } } } } }";

async fn sign_up(server: &TestServer, name: &str, email: &str, invite: Option<&str>) -> Value {
    let variables = json!({ "u": name, "e": email, "i": invite });
    server.gql(None, REGISTER, variables).await
}

fn code_of(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
}

fn field_of(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or_default()
}

async fn accts(server: &TestServer, token: &str, ip: &str) -> Vec<String> {
    let data = server.ok(Some(token), SEARCH, json!({ "ip": ip })).await;
    data["adminAccounts"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["account"]["acct"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn invites_open_closed_registrations_until_used_up_expired_or_revoked() {
    for server in servers().await {
        let admin = staff(&server, "ada", RoleKey::Admin).await;
        let moderator = staff(&server, "mo", RoleKey::Moderator).await;
        let (member, _) = server.register("member").await;
        server
            .ok(Some(&admin), MODE, json!({ "m": "CLOSED" }))
            .await;
        assert_eq!(
            code_of(&sign_up(&server, "walker", "walker@example.org", None).await),
            "REGISTRATIONS_CLOSED"
        );

        // People invite only when their role lets them, within bounds.
        assert_eq!(
            server.error_code(Some(&member), CREATE, json!({})).await,
            "FORBIDDEN"
        );
        for (uses, expires) in [
            (json!(0), Value::Null),
            (json!(1001), Value::Null),
            (json!(1), json!(Utc::now() - chrono::Duration::minutes(1))),
            (json!(1), json!(Utc::now() + chrono::Duration::days(400))),
        ] {
            let answer = server
                .gql(Some(&moderator), CREATE, json!({ "m": uses, "x": expires }))
                .await;
            assert_eq!(code_of(&answer), "VALIDATION", "{answer}");
        }
        let made = server.ok(Some(&moderator), CREATE, json!({ "m": 1 })).await;
        let invite = &made["createInvite"]["invite"];
        let code = invite["code"].as_str().unwrap().to_owned();
        let id = invite["id"].as_str().unwrap().to_owned();
        assert_eq!(code.len(), 12);
        assert!(
            invite["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/sign-up?invite={code}"))
        );
        assert_eq!(invite["uses"], 0);
        assert_eq!(invite["valid"], true);
        assert_eq!(invite["creator"]["acct"], "mo");

        // Anyone may check a code; a wrong one is not valid and changes nothing.
        let check = server.ok(None, CHECK, json!({ "c": code })).await;
        assert_eq!(
            check["invite"],
            json!({ "valid": true, "inviter": { "acct": "mo" } })
        );
        let check = server.ok(None, CHECK, json!({ "c": "nonsense" })).await;
        assert_eq!(check["invite"]["valid"], false);
        let wrong = sign_up(&server, "walker", "walker@example.org", Some("nonsense")).await;
        assert_eq!(field_of(&wrong), "inviteCode", "{wrong}");

        // With the invite: signed in at once, and the invite used up.
        let joined = sign_up(&server, "ivy", "ivy@example.org", Some(&code)).await;
        assert!(joined["errors"].is_null(), "{joined}");
        assert!(joined["data"]["register"]["token"].is_string());
        assert_eq!(joined["data"]["register"]["pendingApproval"], false);
        let ivy = joined["data"]["register"]["account"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let again = sign_up(&server, "ivo", "ivo@example.org", Some(&code)).await;
        assert_eq!(field_of(&again), "inviteCode", "{again}");
        let origin = server.ok(Some(&admin), ORIGIN, json!({ "a": ivy })).await;
        assert_eq!(origin["adminAccount"]["invitedBy"]["acct"], "mo");
        assert_eq!(origin["adminAccount"]["signUpIp"], "127.0.0.1");

        // An invite also skips approval; a revoked one works no more.
        server
            .ok(Some(&admin), MODE, json!({ "m": "APPROVAL" }))
            .await;
        let made = server.ok(Some(&moderator), CREATE, json!({})).await;
        let open = made["createInvite"]["invite"].clone();
        let open_code = open["code"].as_str().unwrap();
        let joined = sign_up(&server, "ike", "ike@example.org", Some(open_code)).await;
        assert_eq!(
            joined["data"]["register"]["pendingApproval"], false,
            "{joined}"
        );
        // Only the maker, or those who manage invites, revoke one.
        let other = server.ok(Some(&admin), CREATE, json!({})).await;
        let other_id = other["createInvite"]["invite"]["id"].as_str().unwrap();
        assert_eq!(
            server
                .error_code(Some(&moderator), REVOKE, json!({ "i": other_id }))
                .await,
            "FORBIDDEN"
        );
        let revoked = server
            .ok(Some(&admin), REVOKE, json!({ "i": open["id"] }))
            .await;
        assert_eq!(revoked["revokeInvite"]["invite"]["valid"], false);
        let late = sign_up(&server, "ian", "ian@example.org", Some(open_code)).await;
        assert_eq!(field_of(&late), "inviteCode", "{late}");
        let pending = sign_up(&server, "ina", "ina@example.org", None).await;
        assert_eq!(
            pending["data"]["register"]["pendingApproval"], true,
            "{pending}"
        );

        // Makers list their own; those who manage invites list everyone's.
        let own = server
            .ok(Some(&moderator), INVITES, json!({ "all": false }))
            .await;
        assert_eq!(own["invites"]["edges"].as_array().unwrap().len(), 2);
        assert_eq!(own["invites"]["edges"][1]["node"]["uses"], 1);
        assert_eq!(own["invites"]["edges"][1]["node"]["valid"], false);
        assert_eq!(
            server
                .error_code(Some(&moderator), INVITES, json!({ "all": true }))
                .await,
            "FORBIDDEN"
        );
        let all = server
            .ok(Some(&admin), INVITES, json!({ "all": true }))
            .await;
        assert_eq!(all["invites"]["edges"].as_array().unwrap().len(), 3);
        assert_eq!(
            server
                .error_code(Some(&member), REVOKE, json!({ "i": id }))
                .await,
            "FORBIDDEN"
        );
        server.ok(Some(&admin), MODE, json!({ "m": "OPEN" })).await;
    }
}

#[tokio::test]
async fn email_domains_and_ip_ranges_hold_or_refuse_sign_ups() {
    for server in servers().await {
        let admin = staff(&server, "ada", RoleKey::Admin).await;
        let moderator = staff(&server, "mo", RoleKey::Moderator).await;
        let add_domain = "mutation($d: String!) { addEmailDomainBlock(input: {domain: $d}) { emailDomainBlock { id domain } } }";
        assert_eq!(
            server
                .error_code(Some(&moderator), add_domain, json!({ "d": "spam.example" }))
                .await,
            "FORBIDDEN"
        );
        for bad in [
            "",
            "nodot",
            "spa m.example",
            "-",
            &format!("{}.example", "a".repeat(64)),
        ] {
            let answer = server
                .gql(Some(&admin), add_domain, json!({ "d": bad }))
                .await;
            assert_eq!(field_of(&answer), "domain", "{bad}: {answer}");
        }
        let added = server
            .ok(Some(&admin), add_domain, json!({ "d": " Spam.Example. " }))
            .await;
        assert_eq!(
            added["addEmailDomainBlock"]["emailDomainBlock"]["domain"],
            "spam.example"
        );
        let block_id = added["addEmailDomainBlock"]["emailDomainBlock"]["id"].clone();
        let twice = server
            .gql(Some(&admin), add_domain, json!({ "d": "spam.example" }))
            .await;
        assert_eq!(field_of(&twice), "domain", "{twice}");

        // The domain and its subdomains are refused; a look-alike is not.
        for email in ["x@spam.example", "x@MAIL.spam.example"] {
            let refused = sign_up(&server, "spammer", email, None).await;
            assert_eq!(field_of(&refused), "email", "{email}: {refused}");
        }
        let fine = sign_up(&server, "neighbour", "n@notspam.example", None).await;
        assert!(fine["errors"].is_null(), "{fine}");
        let remove = "mutation($i: ID!) { removeEmailDomainBlock(input: {id: $i}) { removedId } }";
        server
            .ok(Some(&admin), remove, json!({ "i": block_id }))
            .await;
        let welcome = sign_up(&server, "reformed", "x@spam.example", None).await;
        assert!(welcome["errors"].is_null(), "{welcome}");
        let blocks = server
            .ok(Some(&admin), "{ emailDomainBlocks { domain } }", json!({}))
            .await;
        assert_eq!(blocks["emailDomainBlocks"], json!([]));

        // IP ranges: these tests come from 127.0.0.1.
        let add_ip = "mutation($r: String!, $s: IpBlockSeverity!, $x: DateTime) { addIpBlock(input: {range: $r, severity: $s, comment: \"abuse\", expiresAt: $x}) { ipBlock { id range severity comment } } }";
        let bad = server
            .gql(
                Some(&admin),
                add_ip,
                json!({ "r": "127.0.0.1/33", "s": "SIGN_UP_BLOCK" }),
            )
            .await;
        assert_eq!(field_of(&bad), "range", "{bad}");
        let held = server
            .ok(
                Some(&admin),
                add_ip,
                json!({ "r": "127.0.0.9/8", "s": "SIGN_UP_REQUIRES_APPROVAL" }),
            )
            .await;
        let held = &held["addIpBlock"]["ipBlock"];
        assert_eq!(held["range"], "127.0.0.0/8");
        let waiting = sign_up(&server, "held", "held@example.org", None).await;
        assert_eq!(
            waiting["data"]["register"]["pendingApproval"], true,
            "{waiting}"
        );
        assert!(waiting["data"]["register"]["token"].is_null());

        let refused = server
            .ok(
                Some(&admin),
                add_ip,
                json!({ "r": "127.0.0.1", "s": "SIGN_UP_BLOCK" }),
            )
            .await;
        let refused_id = refused["addIpBlock"]["ipBlock"]["id"].clone();
        assert_eq!(refused["addIpBlock"]["ipBlock"]["range"], "127.0.0.1/32");
        let answer = sign_up(&server, "blocked", "blocked@example.org", None).await;
        assert_eq!(code_of(&answer), "SIGN_UP_BLOCKED", "{answer}");
        let remove_ip = "mutation($i: ID!) { removeIpBlock(input: {id: $i}) { removedId } }";
        server
            .ok(Some(&admin), remove_ip, json!({ "i": refused_id }))
            .await;
        server
            .ok(Some(&admin), remove_ip, json!({ "i": held["id"] }))
            .await;
        // An expired block binds nobody: one made to lapse at once cannot be made.
        let lapsed = server
            .gql(
                Some(&admin),
                add_ip,
                json!({ "r": "127.0.0.1", "s": "SIGN_UP_BLOCK", "x": Utc::now() - chrono::Duration::hours(1) }),
            )
            .await;
        assert_eq!(field_of(&lapsed), "expiresAt", "{lapsed}");
        let welcome = sign_up(&server, "unblocked", "unblocked@example.org", None).await;
        assert_eq!(
            welcome["data"]["register"]["pendingApproval"], false,
            "{welcome}"
        );

        // Moderators find accounts by the address they signed up from.
        let found = accts(&server, &admin, "127.0.0.0/8").await;
        for name in ["neighbour", "reformed", "held", "unblocked"] {
            assert!(found.iter().any(|acct| acct == name), "{name}: {found:?}");
        }
        assert!(!found.iter().any(|acct| acct == "ada"), "{found:?}");
        assert!(accts(&server, &admin, "10.0.0.0/8").await.is_empty());
        let bad = server
            .gql(Some(&admin), SEARCH, json!({ "ip": "everyone" }))
            .await;
        assert_eq!(field_of(&bad), "ip", "{bad}");
        let audit = "{ auditLog(first: 20) { edges { node { action } } } }";
        let log = server.ok(Some(&admin), audit, json!({})).await.to_string();
        for action in [
            "email_domain_block.create",
            "email_domain_block.delete",
            "ip_block.create",
            "ip_block.delete",
        ] {
            assert!(log.contains(action), "{action}: {log}");
        }
    }
}

#[tokio::test]
async fn sign_in_addresses_are_listed_then_forgotten_after_the_retention() {
    for server in servers().await {
        let admin = staff(&server, "ada", RoleKey::Admin).await;
        let (_, pat_id) = server.register("pat").await;
        let login =
            "mutation { login(input: {username: \"pat\", password: \"correct horse\"}) { token } }";
        let logged_in = server.ok(None, login, json!({})).await;
        let pat = logged_in["login"]["token"].as_str().unwrap().to_owned();
        // Its owner reads where each session signed in from.
        let sessions = "{ sessions { ip } }";
        let listed = server.ok(Some(&pat), sessions, json!({})).await;
        assert_eq!(
            listed["sessions"],
            json!([{ "ip": "127.0.0.1" }, { "ip": "127.0.0.1" }]),
            "the sign-up's and the log-in's"
        );
        let view = "query($a: ID!) { adminAccount(id: $a) { signUpIp signIns { ip lastAt } } }";
        let seen = server.ok(Some(&admin), view, json!({ "a": pat_id })).await;
        let account = &seen["adminAccount"];
        assert_eq!(account["signUpIp"], "127.0.0.1");
        assert_eq!(account["signIns"][0]["ip"], "127.0.0.1", "{seen}");
        assert_eq!(account["signIns"].as_array().unwrap().len(), 1, "{seen}");

        // The retention is the administrators' to set, within bounds, and public.
        let retention = "mutation($d: Int!) { updateInstance(input: {ipRetentionDays: $d}) { instance { ipRetentionDays } } }";
        for days in [0, 3651] {
            let answer = server
                .gql(Some(&admin), retention, json!({ "d": days }))
                .await;
            assert_eq!(field_of(&answer), "ipRetentionDays", "{answer}");
        }
        let read = server
            .ok(None, "{ instance { ipRetentionDays } }", json!({}))
            .await;
        assert_eq!(read["instance"]["ipRetentionDays"], 90);
        server.ok(Some(&admin), retention, json!({ "d": 1 })).await;

        // A sign-in older than a day is forgotten by the daily pruning; the new one stays.
        let db = &server.db.db;
        let user = rookery_domain::store::users::with_password_hash(db, "pat")
            .await
            .unwrap()
            .unwrap()
            .0;
        let old = Utc::now() - chrono::Duration::days(2);
        rookery_domain::store::sign_ins::insert(db, user.id, "192.0.2.1", old)
            .await
            .unwrap();
        let seen = server.ok(Some(&admin), view, json!({ "a": pat_id })).await;
        assert_eq!(
            seen["adminAccount"]["signIns"].as_array().unwrap().len(),
            2,
            "{seen}"
        );
        let pruned = rookery_domain::service::maintenance::prune_old(db)
            .await
            .unwrap();
        assert_eq!(pruned.sign_ins, 1);
        let seen = server.ok(Some(&admin), view, json!({ "a": pat_id })).await;
        assert_eq!(
            seen["adminAccount"]["signIns"][0]["ip"], "127.0.0.1",
            "{seen}"
        );
        assert_eq!(
            seen["adminAccount"]["signIns"].as_array().unwrap().len(),
            1,
            "{seen}"
        );
        // Sessions forget theirs with the same retention.
        rookery_domain::store::access_tokens::forget_ips_before(
            db,
            Utc::now() + chrono::Duration::minutes(1),
        )
        .await
        .unwrap();
        let listed = server.ok(Some(&pat), sessions, json!({})).await;
        assert_eq!(listed["sessions"], json!([{ "ip": null }, { "ip": null }]));
        // Others never read them.
        let (member, _) = server.register("member").await;
        assert_eq!(
            server
                .error_code(Some(&member), view, json!({ "a": pat_id }))
                .await,
            "FORBIDDEN"
        );
    }
}

/// A DNS server on loopback that answers MX queries from `records` (domain → mail hosts)
/// and counts the queries; every other name does not exist.
async fn dns_server(
    records: &'static [(&'static str, &'static str)],
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use hickory_proto::op::{Message, MessageType, ResponseCode};
    use hickory_proto::rr::rdata::MX;
    use hickory_proto::rr::{Name, RData, Record, RecordType};
    use hickory_proto::serialize::binary::BinEncodable;
    use std::str::FromStr;

    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let address = socket.local_addr().unwrap().to_string();
    let asked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = asked.clone();
    tokio::spawn(async move {
        let mut buffer = [0u8; 512];
        while let Ok((len, peer)) = socket.recv_from(&mut buffer).await {
            let Ok(query) = Message::from_vec(&buffer[..len]) else {
                continue;
            };
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut answer = Message::new();
            answer
                .set_id(query.id())
                .set_message_type(MessageType::Response)
                .set_op_code(query.op_code())
                .set_recursion_desired(query.recursion_desired())
                .set_recursion_available(true)
                .add_queries(query.queries().to_vec());
            let mut found = false;
            for question in query.queries() {
                let name = question.name().to_ascii().to_lowercase();
                for (domain, host) in records {
                    if question.query_type() == RecordType::MX && name == format!("{domain}.") {
                        let exchange = Name::from_str(&format!("{host}.")).unwrap();
                        let rdata = RData::MX(MX::new(10, exchange));
                        answer.add_answer(Record::from_rdata(question.name().clone(), 60, rdata));
                        found = true;
                    }
                }
            }
            if !found {
                answer.set_response_code(ResponseCode::NXDomain);
            }
            let _ = socket.send_to(&answer.to_bytes().unwrap(), peer).await;
        }
    });
    (address, asked)
}

#[tokio::test]
async fn an_email_domain_block_covers_the_domains_its_mail_servers_serve() {
    use rookery_server::mail_servers::DnsMailServers;
    use std::sync::atomic::Ordering;

    let (dns, asked) = dns_server(&[
        ("throwaway.example", "mx2.Mail-Host.example"),
        ("fine.example", "mx.fine.example"),
    ])
    .await;
    for test in rookery_domain::testing::TestDb::all().await {
        let dns = dns.clone();
        let lookup = move |state: &mut rookery_server::state::AppState| {
            state.mail_servers = Some(std::sync::Arc::new(
                DnsMailServers::new(Some(&dns)).unwrap(),
            ));
        };
        let server = super::support::serve_changed(test, 1000, &lookup).await;
        // With no block at all, nothing is looked up.
        let before = asked.load(Ordering::SeqCst);
        let answer = sign_up(&server, "early", "early@throwaway.example", None).await;
        assert!(answer["errors"].is_null(), "{answer}");
        assert_eq!(asked.load(Ordering::SeqCst), before);

        let admin = staff(&server, "mona", RoleKey::Admin).await;
        let add = "mutation($d: String!) { addEmailDomainBlock(input: {domain: $d}) { emailDomainBlock { id } } }";
        server
            .ok(Some(&admin), add, json!({ "d": "mail-host.example" }))
            .await;
        // The domain's mail server is under the blocked domain: refused.
        let answer = sign_up(&server, "spammy", "spammy@Throwaway.example", None).await;
        assert_eq!(code_of(&answer), "VALIDATION", "{answer}");
        assert_eq!(field_of(&answer), "email");
        assert!(asked.load(Ordering::SeqCst) > before, "the MX was asked");
        // Other mail servers, and domains with none, are let in.
        for (name, email) in [
            ("fine", "fine@fine.example"),
            ("nomx", "nomx@nowhere.example"),
        ] {
            let answer = sign_up(&server, name, email, None).await;
            assert!(answer["errors"].is_null(), "{email}: {answer}");
        }
    }
}
