//! Inboxes: signed deliveries from another Rookery server are applied; anything unsigned,
//! tampered or misattributed is refused and changes nothing.

use chrono::Utc;
use rookery_domain::service::accounts;
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::types::Account;
use rookery_federation::signatures;
use serde_json::{Value, json};

use super::support::{TestServer, serve_full};

/// A remote server (with a real loopback domain) and the local one on `local` it delivers
/// to.
pub(super) async fn pair(local: TestDb) -> (TestServer, TestServer) {
    let local_db = local.db.clone();
    let remote = TestDb::sqlite().await;
    let remote_db = remote.db.clone();
    (
        serve_full(local, local_db, 1000, false).await,
        serve_full(remote, remote_db, 1000, true).await,
    )
}

pub(super) struct Sender {
    pub(super) account: Account,
    private_key: String,
}

pub(super) async fn sender(remote: &TestServer, username: &str) -> Sender {
    remote.register(username).await;
    let account = accounts::local_by_username(&remote.db.db, username)
        .await
        .unwrap();
    let private_key = store::accounts::private_key(&remote.db.db, account.id)
        .await
        .unwrap()
        .unwrap();
    Sender {
        account,
        private_key,
    }
}

/// POSTs `body` to `path` on `local`, signed by `from` (unless `sign` is false), with
/// `tamper` applied to the body after signing.
pub(super) async fn deliver(
    local: &TestServer,
    path: &str,
    from: &Sender,
    body: &[u8],
    sign: bool,
    tamper: Option<&[u8]>,
) -> u16 {
    let host = &local.instance.domain;
    let mut request = local.client.post(format!("{}{path}", local.base));
    if sign {
        let key_id = from.account.key_id.clone().unwrap();
        let headers =
            signatures::sign_post(&from.private_key, &key_id, host, path, body, Utc::now())
                .unwrap();
        for (name, value) in headers {
            if name != "host" {
                request = request.header(name, value);
            }
        }
    }
    let sent = tamper.unwrap_or(body).to_vec();
    request.body(sent).send().await.unwrap().status().as_u16()
}

pub(super) fn activity(from: &Sender, kind: &str, id: &str, object: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("{}/{id}", from.account.actor_id),
        "type": kind,
        "actor": from.account.actor_id,
        "object": object,
    }))
    .unwrap()
}

async fn follower_accts(local: &TestServer, account_id: &str) -> Vec<String> {
    let data = local
        .ok(
            None,
            "query($id: ID!) { followers(accountId: $id) { edges { node { acct } } } }",
            json!({ "id": account_id }),
        )
        .await;
    data["followers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["acct"].as_str().unwrap().to_owned())
        .collect()
}

async fn public_contents(local: &TestServer) -> Vec<String> {
    let data = local
        .ok(
            None,
            "{ publicTimeline { edges { node { content author { acct } } } } }",
            json!({}),
        )
        .await;
    data["publicTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["content"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn signed_deliveries_are_applied_and_others_refused_on_sqlite() {
    signed_deliveries_are_applied_and_others_refused(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn signed_deliveries_are_applied_and_others_refused_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        signed_deliveries_are_applied_and_others_refused(postgres).await;
    }
}

async fn signed_deliveries_are_applied_and_others_refused(test: TestDb) {
    let (local, remote) = pair(test).await;
    let (_, alice_id) = local.register("alice").await;
    let bob = sender(&remote, "bob").await;
    let bob_acct = format!("bob@{}", remote.instance.domain);
    let alice_actor = "https://rookery.test/users/alice";
    let follow = activity(&bob, "Follow", "follows/1", json!(alice_actor));

    // Refused: unsigned, tampered, malformed, too large. Nothing is stored.
    assert_eq!(
        deliver(&local, "/users/alice/inbox", &bob, &follow, false, None).await,
        401
    );
    let tampered = activity(&bob, "Follow", "follows/2", json!(alice_actor));
    assert_eq!(
        deliver(
            &local,
            "/users/alice/inbox",
            &bob,
            &follow,
            true,
            Some(&tampered)
        )
        .await,
        401
    );
    assert_eq!(
        deliver(&local, "/inbox", &bob, b"{not json", true, None).await,
        400
    );
    let huge = vec![b' '; 1024 * 1024 + 10];
    assert_eq!(
        deliver(&local, "/inbox", &bob, &huge, true, None).await,
        413
    );
    assert_eq!(
        deliver(&local, "/users/nobody/inbox", &bob, &follow, true, None).await,
        404
    );
    let handle = json!({ "h": format!("@{bob_acct}") });
    let unknown = local
        .error_code(
            None,
            "query($h: String!) { accountByHandle(handle: $h) { id } }",
            handle.clone(),
        )
        .await;
    assert_eq!(unknown, "NOT_FOUND");
    assert!(follower_accts(&local, &alice_id).await.is_empty());

    // Signed: applied, once.
    assert_eq!(
        deliver(&local, "/users/alice/inbox", &bob, &follow, true, None).await,
        202
    );
    assert_eq!(
        deliver(&local, "/inbox", &bob, &follow, true, None).await,
        202
    );
    assert_eq!(
        follower_accts(&local, &alice_id).await,
        vec![bob_acct.clone()]
    );
    let known = local
        .ok(
            None,
            "query($h: String!) { accountByHandle(handle: $h) { acct local uri } }",
            handle,
        )
        .await;
    assert_eq!(known["accountByHandle"]["local"], false);

    // A note, sanitised; then deleted.
    let note_id = format!("{}/statuses/1", bob.account.actor_id);
    let note = json!({
        "id": note_id,
        "type": "Note",
        "attributedTo": bob.account.actor_id,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "cc": [format!("{}/followers", bob.account.actor_id)],
        "content": "<p>Hello <script>alert(1)</script><a href=\"javascript:x()\">there</a></p>",
        "tag": [{ "type": "Mention", "href": alice_actor, "name": "@alice@rookery.test" }],
        "published": "2026-11-25T10:00:00Z"
    });
    let create = activity(&bob, "Create", "statuses/1/activity", note.clone());
    assert_eq!(
        deliver(&local, "/inbox", &bob, &create, true, None).await,
        202
    );
    let contents = public_contents(&local).await;
    assert_eq!(contents.len(), 1);
    assert!(
        contents[0].contains("Hello")
            && !contents[0].contains("script")
            && !contents[0].contains("javascript"),
        "{}",
        contents[0]
    );

    // Someone else's note, or an actor other than the signer: refused.
    let mut forged = note.clone();
    forged["id"] = json!(format!("{}/statuses/2", bob.account.actor_id));
    forged["attributedTo"] = json!(alice_actor);
    let forged = activity(&bob, "Create", "statuses/2/activity", forged);
    assert_eq!(
        deliver(&local, "/inbox", &bob, &forged, true, None).await,
        403
    );
    let mut impostor: Value =
        serde_json::from_slice(&activity(&bob, "Follow", "follows/3", json!(alice_actor))).unwrap();
    impostor["actor"] = json!(alice_actor);
    let impostor = serde_json::to_vec(&impostor).unwrap();
    assert_eq!(
        deliver(&local, "/inbox", &bob, &impostor, true, None).await,
        401
    );
    assert_eq!(public_contents(&local).await.len(), 1);

    // An edit replaces the text (sanitised again) and marks the status edited.
    let mut edited = note.clone();
    edited["content"] = json!("<p>Hello again<script>x()</script></p>");
    edited["summary"] = json!("spoilers");
    let update = activity(&bob, "Update", "statuses/1#updates/1", edited);
    assert_eq!(
        deliver(&local, "/inbox", &bob, &update, true, None).await,
        202
    );
    let data = local
        .ok(
            None,
            "{ publicTimeline { edges { node { content contentWarning sensitive editedAt } } } }",
            json!({}),
        )
        .await;
    let shown = &data["publicTimeline"]["edges"][0]["node"];
    assert_eq!(shown["content"], "<p>Hello again</p>");
    assert_eq!(shown["contentWarning"], "spoilers");
    assert_eq!(shown["sensitive"], true);
    assert!(shown["editedAt"].is_string());

    let delete = activity(
        &bob,
        "Delete",
        "statuses/1#delete",
        json!({ "id": note_id, "type": "Tombstone" }),
    );
    assert_eq!(
        deliver(&local, "/inbox", &bob, &delete, true, None).await,
        202
    );
    assert!(public_contents(&local).await.is_empty());

    // Undo the follow.
    let original: Value = serde_json::from_slice(&follow).unwrap();
    let undo = activity(&bob, "Undo", "follows/1/undo", original);
    assert_eq!(
        deliver(&local, "/inbox", &bob, &undo, true, None).await,
        202
    );
    assert!(follower_accts(&local, &alice_id).await.is_empty());

    // Unknown activity types are accepted and ignored.
    let odd = activity(&bob, "Arrive", "arrivals/1", json!(alice_actor));
    assert_eq!(deliver(&local, "/inbox", &bob, &odd, true, None).await, 202);

    // bob follows and posts again, then his server deletes him: his statuses become
    // tombstones and his follows end.
    let again = activity(&bob, "Follow", "follows/4", json!(alice_actor));
    assert_eq!(
        deliver(&local, "/inbox", &bob, &again, true, None).await,
        202
    );
    let mut second = note.clone();
    second["id"] = json!(format!("{}/statuses/3", bob.account.actor_id));
    let create = activity(&bob, "Create", "statuses/3/activity", second);
    assert_eq!(
        deliver(&local, "/inbox", &bob, &create, true, None).await,
        202
    );
    assert_eq!(public_contents(&local).await.len(), 1);
    assert_eq!(follower_accts(&local, &alice_id).await.len(), 1);
    let gone = activity(&bob, "Delete", "#delete", json!(bob.account.actor_id));
    assert_eq!(
        deliver(&local, "/inbox", &bob, &gone, true, None).await,
        202
    );
    assert!(public_contents(&local).await.is_empty());
    assert!(follower_accts(&local, &alice_id).await.is_empty());
}

#[tokio::test]
async fn locked_accounts_get_requests_and_profiles_update_on_sqlite() {
    locked_accounts_get_requests_and_profiles_update(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn locked_accounts_get_requests_and_profiles_update_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        locked_accounts_get_requests_and_profiles_update(postgres).await;
    }
}

async fn locked_accounts_get_requests_and_profiles_update(test: TestDb) {
    let (local, remote) = pair(test).await;
    let (carol, _) = local.register("carol").await;
    local
        .ok(
            Some(&carol),
            "mutation { updateProfile(input: {locked: true}) { account { id } } }",
            json!({}),
        )
        .await;
    let bob = sender(&remote, "bob").await;
    let follow = activity(
        &bob,
        "Follow",
        "follows/9",
        json!("https://rookery.test/users/carol"),
    );
    assert_eq!(
        deliver(&local, "/inbox", &bob, &follow, true, None).await,
        202
    );
    let requests = local
        .ok(
            Some(&carol),
            "{ followRequests { edges { node { acct displayName } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        requests["followRequests"]["edges"][0]["node"]["acct"],
        format!("bob@{}", remote.instance.domain)
    );

    // bob renames himself on his server; the Update carries his new actor document.
    let token = remote
        .ok(
            None,
            "mutation { login(input: {username: \"bob\", password: \"correct horse\"}) { token } }",
            json!({}),
        )
        .await["login"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    remote
        .ok(
            Some(&token),
            "mutation { updateProfile(input: {displayName: \"Bobby\"}) { account { id } } }",
            json!({}),
        )
        .await;
    let actor: Value = remote
        .client
        .get(format!("{}/users/bob", remote.base))
        .header("accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let update = activity(&bob, "Update", "updates/1", actor);
    assert_eq!(
        deliver(&local, "/inbox", &bob, &update, true, None).await,
        202
    );
    let requests = local
        .ok(
            Some(&carol),
            "{ followRequests { edges { node { displayName } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        requests["followRequests"]["edges"][0]["node"]["displayName"],
        "Bobby"
    );
}

#[tokio::test]
async fn remote_accounts_resolve_by_handle_on_sqlite() {
    remote_accounts_resolve_by_handle(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn remote_accounts_resolve_by_handle_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        remote_accounts_resolve_by_handle(postgres).await;
    }
}

async fn remote_accounts_resolve_by_handle(test: TestDb) {
    let (local, remote) = pair(test).await;
    let (alice, _) = local.register("alice").await;
    remote.register("bob").await;
    let query = "query($h: String!) { resolveAccount(handle: $h) { id acct local uri } }";
    let handle = format!("@bob@{}", remote.instance.domain);
    let data = local.ok(Some(&alice), query, json!({ "h": handle })).await;
    let account = &data["resolveAccount"];
    assert_eq!(account["acct"], format!("bob@{}", remote.instance.domain));
    assert_eq!(account["local"], false);
    assert_eq!(account["uri"], format!("{}/users/bob", remote.base));
    // Known now: found without asking again, and through accountByHandle too.
    local
        .ok(
            None,
            "query($h: String!) { accountByHandle(handle: $h) { id } }",
            json!({ "h": handle }),
        )
        .await;

    assert_eq!(
        local.error_code(None, query, json!({ "h": handle })).await,
        "UNAUTHENTICATED"
    );
    assert_eq!(
        local
            .error_code(Some(&alice), query, json!({ "h": "no handle" }))
            .await,
        "VALIDATION"
    );
    let nobody = format!("@nobody@{}", remote.instance.domain);
    assert_eq!(
        local
            .error_code(Some(&alice), query, json!({ "h": nobody }))
            .await,
        "NOT_FOUND"
    );
    let local_one = local
        .ok(Some(&alice), query, json!({ "h": "@alice@rookery.test" }))
        .await;
    assert_eq!(local_one["resolveAccount"]["local"], true);
}

async fn signed_get(local: &TestServer, path: &str, from: Option<&Sender>) -> u16 {
    let host = &local.instance.domain;
    let mut request = local
        .client
        .get(format!("{}{path}", local.base))
        .header("accept", "application/activity+json");
    if let Some(from) = from {
        let key_id = from.account.key_id.clone().unwrap();
        for (name, value) in
            signatures::sign_get(&from.private_key, &key_id, host, path, Utc::now()).unwrap()
        {
            if name != "host" {
                request = request.header(name, value);
            }
        }
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn signed_fetches_see_what_their_signer_may_see_on_sqlite() {
    signed_fetches_see_what_their_signer_may_see(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn signed_fetches_see_what_their_signer_may_see_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        signed_fetches_see_what_their_signer_may_see(postgres).await;
    }
}

async fn signed_fetches_see_what_their_signer_may_see(test: TestDb) {
    let (local, remote) = pair(test).await;
    let (alice, _) = local.register("alice").await;
    let bob = sender(&remote, "bob").await;
    let carl = sender(&remote, "carl").await;
    let follow = activity(
        &bob,
        "Follow",
        "follows/1",
        json!("https://rookery.test/users/alice"),
    );
    assert_eq!(
        deliver(&local, "/inbox", &bob, &follow, true, None).await,
        202
    );
    // carl becomes known to this server without following anyone.
    let hello = activity(
        &carl,
        "Arrive",
        "arrivals/1",
        json!("https://rookery.test/users/alice"),
    );
    assert_eq!(
        deliver(&local, "/inbox", &carl, &hello, true, None).await,
        202
    );

    let followers_only = local.post(&alice, "for my followers", "FOLLOWERS").await;
    let direct = local
        .post(
            &alice,
            &format!("psst @bob@{}", remote.instance.domain),
            "DIRECT",
        )
        .await;
    let uri = |id: String| {
        let local = &local;
        let alice = alice.clone();
        async move {
            let data = local
                .ok(
                    Some(&alice),
                    "query($id: ID!) { status(id: $id) { uri } }",
                    json!({ "id": id }),
                )
                .await;
            data["status"]["uri"]
                .as_str()
                .unwrap()
                .trim_start_matches("https://rookery.test")
                .to_owned()
        }
    };
    let followers_path = uri(followers_only).await;
    let direct_path = uri(direct).await;
    for (path, who, expected) in [
        (&followers_path, None, 404),
        (&followers_path, Some(&bob), 200),
        (&followers_path, Some(&carl), 404),
        (&direct_path, None, 404),
        (&direct_path, Some(&bob), 200),
        (&direct_path, Some(&carl), 404),
    ] {
        let signer = who.map(|s: &Sender| s.account.username.clone());
        assert_eq!(
            signed_get(&local, path, who).await,
            expected,
            "{path} as {signer:?}"
        );
    }
    // A signature made with another key than the one its keyId names is refused.
    let forged = Sender {
        account: bob.account.clone(),
        private_key: carl.private_key.clone(),
    };
    assert_eq!(
        signed_get(&local, &followers_path, Some(&forged)).await,
        401
    );
}

#[tokio::test]
async fn blocked_domains_are_refused_everywhere_on_sqlite() {
    blocked_domains_are_refused_everywhere(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn blocked_domains_are_refused_everywhere_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        blocked_domains_are_refused_everywhere(postgres).await;
    }
}

async fn blocked_domains_are_refused_everywhere(test: TestDb) {
    use rookery_domain::service::domain_blocks;

    let (local, remote) = pair(test).await;
    let (alice, _) = local.register("alice").await;
    let bob = sender(&remote, "bob").await;
    let input = domain_blocks::BlockInput::suspend(&remote.instance.domain, Some("spam".into()));
    let blocked = domain_blocks::set(&local.db.db, None, input).await.unwrap();
    assert_eq!(blocked.domain, "127.0.0.1", "ports are not part of a block");
    let follow = activity(
        &bob,
        "Follow",
        "follows/1",
        json!("https://rookery.test/users/alice"),
    );
    assert_eq!(
        deliver(&local, "/inbox", &bob, &follow, true, None).await,
        403
    );
    let handle = json!({ "h": format!("@bob@{}", remote.instance.domain) });
    let unknown = local
        .error_code(
            None,
            "query($h: String!) { accountByHandle(handle: $h) { id } }",
            handle.clone(),
        )
        .await;
    assert_eq!(unknown, "NOT_FOUND", "nothing was stored");
    let query = "query($h: String!) { resolveAccount(handle: $h) { id } }";
    assert_eq!(
        local.error_code(Some(&alice), query, handle.clone()).await,
        "FORBIDDEN"
    );

    assert!(
        domain_blocks::remove(&local.db.db, None, &remote.instance.domain)
            .await
            .unwrap()
    );
    assert_eq!(
        deliver(&local, "/inbox", &bob, &follow, true, None).await,
        202
    );
    local.ok(Some(&alice), query, handle).await;
}

/// Serves the documents `documents(base)` names (path → JSON) on a loopback port whose
/// URL is `base`; returns `base`.
async fn document_server(documents: impl FnOnce(&str) -> Vec<(String, Value)>) -> String {
    use poem::listener::{Acceptor, Listener};
    let acceptor = poem::listener::TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
    let base = format!("http://{addr}");
    let mut route = poem::Route::new();
    for (path, document) in documents(&base) {
        route = route.at(
            path,
            poem::endpoint::make_sync(move |_| poem::web::Json(document.clone())),
        );
    }
    tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(route));
    base
}

#[tokio::test]
async fn a_move_counts_only_to_an_account_that_names_the_mover_on_sqlite() {
    a_move_counts_only_to_an_account_that_names_the_mover(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn a_move_counts_only_to_an_account_that_names_the_mover_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        a_move_counts_only_to_an_account_that_names_the_mover(postgres).await;
    }
}

async fn a_move_counts_only_to_an_account_that_names_the_mover(test: TestDb) {
    let (local, remote) = pair(test).await;
    let bob = sender(&remote, "bob").await;
    local.register("alice").await;
    let follow = activity(
        &bob,
        "Follow",
        "follows/1",
        json!("https://rookery.test/users/alice"),
    );
    assert_eq!(
        deliver(&local, "/inbox", &bob, &follow, true, None).await,
        202
    );

    // Bob's new account lives on another server and names him as an earlier self; a
    // stranger there does not.
    let bob_actor = bob.account.actor_id.clone();
    let key = bob.account.public_key_pem.clone();
    let target_base = document_server(|base| {
        let actor = |name: &str, aliases: Vec<String>| {
            let id = format!("{base}/users/{name}");
            let document = json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": id,
                "type": "Person",
                "preferredUsername": name,
                "inbox": format!("{id}/inbox"),
                "alsoKnownAs": aliases,
                "publicKey": {
                    "id": format!("{id}#main-key"),
                    "owner": id,
                    "publicKeyPem": key,
                },
            });
            (format!("/users/{name}"), document)
        };
        vec![
            actor("newbob", vec![bob_actor.clone()]),
            actor("stranger", Vec::new()),
        ]
    })
    .await;
    let moved = |n: u32, target: &str| {
        serde_json::to_vec(&json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{}/moves/{n}", bob.account.actor_id),
            "type": "Move",
            "actor": bob.account.actor_id,
            "object": bob.account.actor_id,
            "target": target,
        }))
        .unwrap()
    };
    let moved_to = || async {
        store::accounts::by_actor_id(&local.db.db, &bob.account.actor_id)
            .await
            .unwrap()
            .unwrap()
            .moved_to
    };

    let stranger = format!("{target_base}/users/stranger");
    let refused = deliver(&local, "/inbox", &bob, &moved(1, &stranger), true, None).await;
    assert_eq!(refused, 403);
    assert_eq!(moved_to().await, None);

    let new_self = format!("{target_base}/users/newbob");
    let accepted = deliver(&local, "/inbox", &bob, &moved(2, &new_self), true, None).await;
    assert_eq!(accepted, 202);
    let target = store::accounts::by_actor_id(&local.db.db, &new_self)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved_to().await, Some(target.id));
}

#[tokio::test]
async fn a_follow_across_a_block_is_answered_with_a_reject_on_sqlite() {
    a_follow_across_a_block_is_answered_with_a_reject(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn a_follow_across_a_block_is_answered_with_a_reject_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        a_follow_across_a_block_is_answered_with_a_reject(postgres).await;
    }
}

async fn a_follow_across_a_block_is_answered_with_a_reject(test: TestDb) {
    use super::federation::eventually;
    use std::time::Duration;

    // Both servers deliver: the answer has to reach bob's server.
    let local = test;
    let local_db = local.db.clone();
    let local = serve_full(local, local_db, 1000, true).await;
    let remote = TestDb::sqlite().await;
    let remote_db = remote.db.clone();
    let remote = serve_full(remote, remote_db, 1000, true).await;
    let (alice, alice_id) = local.register("alice").await;
    let bob = sender(&remote, "bob").await;
    let bob_acct = format!("bob@{}", remote.instance.domain);
    let alice_actor = format!("{}/users/alice", local.base);
    let follow = activity(&bob, "Follow", "follows/1", json!(alice_actor));
    assert_eq!(
        deliver(&local, "/inbox", &bob, &follow, true, None).await,
        202
    );
    assert_eq!(
        follower_accts(&local, &alice_id).await,
        vec![bob_acct.clone()]
    );

    let bob_id = local
        .ok(
            Some(&alice),
            "query($h: String!) { resolveAccount(handle: $h) { id } }",
            json!({ "h": format!("@{bob_acct}") }),
        )
        .await["resolveAccount"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    local
        .ok(
            Some(&alice),
            "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }",
            json!({ "id": bob_id }),
        )
        .await;
    assert!(follower_accts(&local, &alice_id).await.is_empty());

    // Bob's server hears of the block; then bob asks again, and his server waits for the
    // answer to that request.
    eventually(Duration::from_secs(10), "alice's Accept", || async {
        store::accounts::by_actor_id(&remote.db.db, &alice_actor)
            .await
            .unwrap()
            .is_some()
    })
    .await;
    let alice_on_remote = store::accounts::by_actor_id(&remote.db.db, &alice_actor)
        .await
        .unwrap()
        .unwrap();
    eventually(Duration::from_secs(10), "the Block", || async {
        let (_, blocked_by) =
            store::blocks::between(&remote.db.db, bob.account.id, &[alice_on_remote.id])
                .await
                .unwrap();
        blocked_by.contains(&alice_on_remote.id)
    })
    .await;
    let again_id = format!("{}/follows/2", bob.account.actor_id);
    store::follow_requests::insert(
        &remote.db.db,
        bob.account.id,
        alice_on_remote.id,
        Some(again_id),
    )
    .await
    .unwrap();

    // Taken, and answered with a Reject: no follow, no error for bob's server to retry,
    // and bob's server, told, ends his request.
    let again = activity(&bob, "Follow", "follows/2", json!(alice_actor));
    assert_eq!(
        deliver(&local, "/inbox", &bob, &again, true, None).await,
        202
    );
    assert!(follower_accts(&local, &alice_id).await.is_empty());
    eventually(Duration::from_secs(10), "the Reject", || async {
        store::follow_requests::find(&remote.db.db, bob.account.id, alice_on_remote.id)
            .await
            .unwrap()
            .is_none()
    })
    .await;
}

#[tokio::test]
async fn a_parent_whose_server_fails_for_a_while_is_fetched_again_on_sqlite() {
    a_parent_whose_server_fails_for_a_while_is_fetched_again(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn a_parent_whose_server_fails_for_a_while_is_fetched_again_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        a_parent_whose_server_fails_for_a_while_is_fetched_again(postgres).await;
    }
}

async fn a_parent_whose_server_fails_for_a_while_is_fetched_again(test: TestDb) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    let local = test;
    let local_db = local.db.clone();
    let local = serve_full(local, local_db, 1000, true).await;
    let remote = TestDb::sqlite().await;
    let remote_db = remote.db.clone();
    let remote = serve_full(remote, remote_db, 1000, true).await;
    let carol = sender(&remote, "carol").await;
    let (alice, _) = local.register("alice").await;

    // The parent's server answers 503 at first, then serves its author and the note.
    let asked = Arc::new(AtomicUsize::new(0));
    use poem::listener::{Acceptor, Listener};
    let acceptor = poem::listener::TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
    let base = format!("http://{addr}");
    let author = json!({
        "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
        "id": format!("{base}/users/dave"),
        "type": "Person",
        "preferredUsername": "dave",
        "inbox": format!("{base}/users/dave/inbox"),
        "publicKey": {
            "id": format!("{base}/users/dave#main-key"),
            "owner": format!("{base}/users/dave"),
            "publicKeyPem": carol.account.public_key_pem,
        },
    });
    let parent_url = format!("{base}/notes/1");
    let parent = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": parent_url,
        "type": "Note",
        "attributedTo": format!("{base}/users/dave"),
        "content": "<p>the parent</p>",
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "published": "2026-11-20T10:00:00Z",
    });
    let note_asked = asked.clone();
    let route = poem::Route::new()
        .at(
            "/users/dave",
            poem::endpoint::make_sync(move |_| poem::web::Json(author.clone())),
        )
        .at(
            "/notes/1",
            poem::endpoint::make_sync(move |_| {
                use poem::IntoResponse;
                if note_asked.fetch_add(1, Ordering::SeqCst) == 0 {
                    poem::http::StatusCode::SERVICE_UNAVAILABLE.into_response()
                } else {
                    poem::web::Json(parent.clone()).into_response()
                }
            }),
        );
    tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(route));

    let reply = json!({
        "id": format!("{}/statuses/r1", carol.account.actor_id),
        "type": "Note",
        "attributedTo": carol.account.actor_id,
        "content": "<p>the reply</p>",
        "inReplyTo": parent_url,
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
    });
    let body = activity(&carol, "Create", "create-r1", reply);
    assert_eq!(
        deliver(&local, "/inbox", &carol, &body, true, None).await,
        202
    );

    let query = "query($h: String!) { accountByHandle(handle: $h) { id } }";
    let handle = json!({ "h": format!("carol@{}", remote.instance.domain) });
    let carol_id = local.ok(Some(&alice), query, handle).await["accountByHandle"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let statuses = "query($id: ID!) { accountStatuses(accountId: $id, first: 1) { edges { node { inReplyTo { content } } } } }";
    let deadline = std::time::Instant::now() + Duration::from_secs(45);
    loop {
        let data = local
            .ok(Some(&alice), statuses, json!({ "id": carol_id }))
            .await;
        let parent = &data["accountStatuses"]["edges"][0]["node"]["inReplyTo"];
        if parent["content"] == "<p>the parent</p>" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the parent was not fetched again: asked {} times",
            asked.load(Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(asked.load(Ordering::SeqCst), 2, "one failure, one success");
}

/// A draft-cavage `Signature` by `from` over `lines` as given, in that order.
fn signature_over(from: &Sender, lines: &[(&str, String)]) -> String {
    use base64::Engine;
    let key = signatures::PrivateKey::from_pem(&from.private_key).unwrap();
    let string: Vec<String> = lines.iter().map(|(n, v)| format!("{n}: {v}")).collect();
    let names: Vec<&str> = lines.iter().map(|(n, _)| *n).collect();
    let signature = key.sign(string.join("\n").as_bytes()).unwrap();
    format!(
        "keyId=\"{}\",algorithm=\"rsa-sha256\",headers=\"{}\",signature=\"{}\"",
        from.account.key_id.as_deref().unwrap(),
        names.join(" "),
        base64::engine::general_purpose::STANDARD.encode(signature)
    )
}

/// POSTs `body` to the shared inbox with exactly `headers`; the status code.
async fn post_with(local: &TestServer, headers: &[(String, String)], body: &[u8]) -> u16 {
    let mut request = local.client.post(format!("{}/inbox", local.base));
    for (name, value) in headers {
        request = request.header(name.as_str(), value.as_str());
    }
    let response = request.body(body.to_vec()).send().await.unwrap();
    response.status().as_u16()
}

#[tokio::test]
async fn signatures_cover_target_host_date_and_digest_and_name_this_server_on_sqlite() {
    signatures_cover_target_host_date_and_digest_and_name_this_server(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn signatures_cover_target_host_date_and_digest_and_name_this_server_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        signatures_cover_target_host_date_and_digest_and_name_this_server(postgres).await;
    }
}

async fn signatures_cover_target_host_date_and_digest_and_name_this_server(test: TestDb) {
    let (local, remote) = pair(test).await;
    let (_, alice_id) = local.register("alice").await;
    let bob = sender(&remote, "bob").await;
    let follow = activity(
        &bob,
        "Follow",
        "follows/1",
        json!("https://rookery.test/users/alice"),
    );
    let domain = local.instance.domain.clone();
    let now = Utc::now();
    let date = signatures::http_date(now);
    let digest = signatures::digest(&follow);
    let target = "post /inbox".to_owned();
    let with_signature = |signature: String| {
        vec![
            ("date".to_owned(), date.clone()),
            ("digest".to_owned(), digest.clone()),
            (
                "content-type".to_owned(),
                "application/activity+json".to_owned(),
            ),
            ("signature".to_owned(), signature),
        ]
    };
    let without_target = [
        ("host", domain.clone()),
        ("date", date.clone()),
        ("digest", digest.clone()),
    ];
    let without_host = [
        ("(request-target)", target.clone()),
        ("date", date.clone()),
        ("digest", digest.clone()),
    ];
    let without_digest = [
        ("(request-target)", target.clone()),
        ("host", domain.clone()),
        ("date", date.clone()),
    ];
    for lines in [&without_target, &without_host] {
        let headers = with_signature(signature_over(&bob, lines));
        assert_eq!(post_with(&local, &headers, &follow).await, 401, "{lines:?}");
    }
    // Without a Digest header at all, and with one the signature leaves out.
    let mut headers = with_signature(signature_over(&bob, &without_digest));
    assert_eq!(post_with(&local, &headers, &follow).await, 401);
    headers.retain(|(name, _)| name != "digest");
    assert_eq!(post_with(&local, &headers, &follow).await, 401);

    // Signed for another server, replayed here with that server's name as Host.
    let key = signatures::PrivateKey::from_pem(&bob.private_key).unwrap();
    let key_id = bob.account.key_id.clone().unwrap();
    let other = url::Url::parse("https://other.example/inbox").unwrap();
    for scheme in [signatures::Scheme::Cavage, signatures::Scheme::Rfc9421] {
        let mut replayed =
            signatures::sign_post_as(scheme, &key, &key_id, &other, &follow, now).unwrap();
        replayed.retain(|(name, _)| name != "host");
        replayed.push(("host".into(), "other.example".into()));
        assert_eq!(
            post_with(&local, &replayed, &follow).await,
            401,
            "{scheme:?}"
        );
    }
    assert!(follower_accts(&local, &alice_id).await.is_empty());

    // RFC 9421, for this server: applied.
    let here = url::Url::parse(&local.instance.url("/inbox")).unwrap();
    let headers = signatures::sign_post_as(
        signatures::Scheme::Rfc9421,
        &key,
        &key_id,
        &here,
        &follow,
        now,
    )
    .unwrap();
    assert!(headers.iter().any(|(name, _)| name == "signature-input"));
    assert_eq!(post_with(&local, &headers, &follow).await, 202);
    assert_eq!(
        follower_accts(&local, &alice_id).await,
        vec![format!("bob@{}", remote.instance.domain)]
    );
}

#[tokio::test]
async fn unknown_keys_from_one_host_make_few_fetches_on_sqlite() {
    unknown_keys_from_one_host_make_few_fetches(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn unknown_keys_from_one_host_make_few_fetches_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        unknown_keys_from_one_host_make_few_fetches(postgres).await;
    }
}

async fn unknown_keys_from_one_host_make_few_fetches(test: TestDb) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use poem::listener::{Acceptor, Listener};
    use rookery_federation::key_fetches::PER_HOST;

    let (local, remote) = pair(test).await;
    local.register("alice").await;
    let bob = sender(&remote, "bob").await;

    // A server that knows none of the keys it is asked for, counting the asking.
    let asked = Arc::new(AtomicUsize::new(0));
    let acceptor = poem::listener::TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
    let counter = asked.clone();
    let endpoint = poem::endpoint::make_sync(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
        poem::http::StatusCode::NOT_FOUND
    });
    tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(endpoint));

    // A burst of deliveries, each naming another key on that server.
    let key = signatures::PrivateKey::from_pem(&bob.private_key).unwrap();
    let inbox = url::Url::parse(&local.instance.url("/inbox")).unwrap();
    let burst = PER_HOST as usize * 3;
    let statuses = futures::future::join_all((0..burst).map(|i| {
        let actor = format!("http://{addr}/users/u{i}");
        let body = serde_json::to_vec(&json!({
            "id": format!("{actor}/follows/1"),
            "type": "Follow",
            "actor": actor,
            "object": "https://rookery.test/users/alice",
        }))
        .unwrap();
        let headers = signatures::sign_post_as(
            signatures::Scheme::Rfc9421,
            &key,
            &format!("{actor}#main-key"),
            &inbox,
            &body,
            Utc::now(),
        )
        .unwrap();
        let local = &local;
        async move { post_with(local, &headers, &body).await }
    }))
    .await;
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 429),
        "{statuses:?}"
    );
    assert!(statuses.contains(&429), "{statuses:?}");
    let fetched = asked.load(Ordering::SeqCst);
    assert!(
        (1..=PER_HOST as usize).contains(&fetched),
        "{fetched} fetches for {burst} unknown keys"
    );

    // Nor is any key of that host fetched for a while, the first ones included.
    let actor = format!("http://{addr}/users/u0");
    let body = serde_json::to_vec(&json!({
        "id": format!("{actor}/follows/2"), "type": "Follow", "actor": actor,
        "object": "https://rookery.test/users/alice",
    }))
    .unwrap();
    let headers = signatures::sign_post_as(
        signatures::Scheme::Cavage,
        &key,
        &format!("{actor}#main-key"),
        &inbox,
        &body,
        Utc::now(),
    )
    .unwrap();
    assert_eq!(post_with(&local, &headers, &body).await, 429);
    assert_eq!(asked.load(Ordering::SeqCst), fetched);
}

/// One server files at most `FLAGS_PER_HOUR` reports an hour and delivers at most
/// `MENTIONING_POSTS_PER_MINUTE` posts mentioning people here a minute; past that it is
/// asked to come back later, and nothing more is stored or notified.
#[tokio::test]
async fn a_server_is_told_to_slow_down_before_it_floods_moderators_or_mentions_on_sqlite() {
    a_server_is_told_to_slow_down_before_it_floods_moderators_or_mentions(TestDb::sqlite().await)
        .await;
}

#[tokio::test]
async fn a_server_is_told_to_slow_down_before_it_floods_moderators_or_mentions_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        a_server_is_told_to_slow_down_before_it_floods_moderators_or_mentions(postgres).await;
    }
}

async fn a_server_is_told_to_slow_down_before_it_floods_moderators_or_mentions(test: TestDb) {
    use rookery_federation::host_budgets::{FLAGS_PER_HOUR, MENTIONING_POSTS_PER_MINUTE};

    let (local, remote) = pair(test).await;
    let (alice, _) = local.register("alice").await;
    let moderator = super::federation::admin(&local).await;
    let bob = sender(&remote, "bob").await;
    let alice_actor = "https://rookery.test/users/alice";
    let count = |token: String| {
        let local = &local;
        async move {
            local
                .ok(Some(&token), "{ unreadNotificationCount }", json!({}))
                .await["unreadNotificationCount"]
                .as_u64()
                .unwrap()
        }
    };

    for n in 0..=FLAGS_PER_HOUR {
        let flag = activity(&bob, "Flag", &format!("flags/{n}"), json!([alice_actor]));
        let status = deliver(&local, "/inbox", &bob, &flag, true, None).await;
        let expected = if n < FLAGS_PER_HOUR { 202 } else { 429 };
        assert_eq!(status, expected, "flag {n}");
    }
    let reports = local
        .ok(Some(&moderator), "{ reports { id } }", json!({}))
        .await;
    assert_eq!(
        reports["reports"].as_array().unwrap().len(),
        FLAGS_PER_HOUR as usize
    );

    for n in 0..=MENTIONING_POSTS_PER_MINUTE {
        let id = format!("{}/notes/{n}", bob.account.actor_id);
        let note = json!({
            "id": id, "type": "Note", "attributedTo": bob.account.actor_id,
            "content": "<p>@alice hi</p>", "to": [alice_actor],
            "tag": [{ "type": "Mention", "href": alice_actor }],
        });
        let create = activity(&bob, "Create", &format!("creates/{n}"), note);
        let status = deliver(&local, "/inbox", &bob, &create, true, None).await;
        let expected = if n < MENTIONING_POSTS_PER_MINUTE {
            202
        } else {
            429
        };
        assert_eq!(status, expected, "post {n}");
    }
    assert_eq!(count(alice).await, u64::from(MENTIONING_POSTS_PER_MINUTE));
}

#[tokio::test]
async fn an_undo_of_something_not_understood_changes_nothing_on_sqlite() {
    an_undo_of_something_not_understood_changes_nothing(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn an_undo_of_something_not_understood_changes_nothing_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        an_undo_of_something_not_understood_changes_nothing(postgres).await;
    }
}

/// An `Undo` undoes what its object is: an activity it carries whole is read as that
/// activity's type says, and one that cannot be read is refused; it is never taken for
/// the undoing of a like.
async fn an_undo_of_something_not_understood_changes_nothing(test: TestDb) {
    let (local, remote) = pair(test).await;
    let (token, _) = local.register("alice").await;
    let status_id = local.post(&token, "like me", "PUBLIC").await;
    let count = || async {
        let data = local
            .ok(
                None,
                "query($id: ID!) { status(id: $id) { uri favouritesCount } }",
                json!({ "id": status_id }),
            )
            .await;
        (
            data["status"]["uri"].as_str().unwrap().to_owned(),
            data["status"]["favouritesCount"].as_u64().unwrap(),
        )
    };
    let (uri, none) = count().await;
    assert_eq!(none, 0);
    let bob = sender(&remote, "bob").await;
    let like = activity(&bob, "Like", "likes/1", json!(uri));
    assert_eq!(
        deliver(&local, "/inbox", &bob, &like, true, None).await,
        202
    );
    assert_eq!(count().await.1, 1);

    let like_id = format!("{}/likes/1", bob.account.actor_id);
    let unreadable = [
        // Carried whole but with no actor, or no type: not an activity.
        json!({ "id": like_id, "type": "Announce" }),
        json!({ "id": like_id, "type": "Like" }),
        json!({ "id": like_id }),
        json!({ "id": like_id, "type": "Follow", "actor": 7, "object": uri }),
    ];
    for (n, object) in unreadable.into_iter().enumerate() {
        let undo = activity(&bob, "Undo", &format!("likes/1/undo/{n}"), object.clone());
        assert_eq!(
            deliver(&local, "/inbox", &bob, &undo, true, None).await,
            400,
            "{object}"
        );
        assert_eq!(count().await.1, 1, "{object}");
    }

    // Undone by the like itself, or by its id alone.
    let original: Value = serde_json::from_slice(&like).unwrap();
    let undo = activity(&bob, "Undo", "likes/1/undo", original);
    assert_eq!(
        deliver(&local, "/inbox", &bob, &undo, true, None).await,
        202
    );
    assert_eq!(count().await.1, 0);
    let again = activity(&bob, "Like", "likes/2", json!(uri));
    assert_eq!(
        deliver(&local, "/inbox", &bob, &again, true, None).await,
        202
    );
    assert_eq!(count().await.1, 1);
    let by_id = format!("{}/likes/2", bob.account.actor_id);
    let undo = activity(&bob, "Undo", "likes/2/undo", json!(by_id));
    assert_eq!(
        deliver(&local, "/inbox", &bob, &undo, true, None).await,
        202
    );
    assert_eq!(count().await.1, 0);
}
