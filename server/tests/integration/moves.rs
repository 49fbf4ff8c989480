//! Aliases and moves between two servers: an account names its earlier self
//! (`alsoKnownAs`), the earlier one moves to it (`movedTo`, a `Move` to its followers),
//! and followers on both servers follow the new account.

use std::time::Duration;

use rookery_domain::testing::TestDb;
use serde_json::{Value, json};

use super::federation::{eventually, federating, follow_accepted, remote_id};
use super::support::TestServer;

const ALIASES: &str = "mutation($a: [String!]) { updateProfile(input: {alsoKnownAs: $a}) { account { alsoKnownAs } } }";
const MOVE: &str = "mutation($t: String!, $p: String!) { moveAccount(input: {target: $t, password: $p}) { account { acct movedTo { acct uri } } } }";
const RELATIONSHIP: &str =
    "query($id: ID!) { account(id: $id) { relationship { following requested } } }";

async fn actor(server: &TestServer, username: &str) -> Value {
    server
        .client
        .get(format!("{}/users/{username}", server.base))
        .header("accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn follows(server: &TestServer, token: &str, account: &str) -> bool {
    let data = server
        .ok(Some(token), RELATIONSHIP, json!({ "id": account }))
        .await;
    let relationship = &data["account"]["relationship"];
    relationship["following"] == true || relationship["requested"] == true
}

async fn move_between(old: TestServer, new: TestServer) {
    let (alice, _) = old.register("alice").await;
    let (carol, _) = old.register("carol").await;
    let (alice2, alice2_id) = new.register("alice2").await;
    let (bob, _) = new.register("bob").await;
    let alice_handle = format!("@alice@{}", old.instance.domain);
    let alice2_handle = format!("@alice2@{}", new.instance.domain);
    let alice_actor = old.instance.url("/users/alice");
    let alice2_actor = new.instance.url("/users/alice2");

    // Followers: bob on the new server, carol on the old one.
    let alice_on_new = remote_id(&new, &bob, "alice", &old).await;
    follow_accepted(&new, &bob, &alice_on_new).await;
    let alice_on_old = {
        let data = old
            .ok(
                None,
                "query { accountByHandle(handle: \"alice\") { id } }",
                json!({}),
            )
            .await;
        data["accountByHandle"]["id"].as_str().unwrap().to_owned()
    };
    follow_accepted(&old, &carol, &alice_on_old).await;

    // Not yet named by the new account: refused, nothing changes.
    let attempt = json!({ "t": alice2_handle, "p": "correct horse" });
    let refused = old.gql(Some(&alice), MOVE, attempt.clone()).await;
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "VALIDATION",
        "{refused}"
    );
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("alsoKnownAs"),
        "{refused}"
    );
    assert!(actor(&old, "alice").await.get("movedTo").is_none());

    // Aliases: at most ten, published in the actor.
    let eleven: Vec<String> = (0..11).map(|_| alice_handle.clone()).collect();
    assert_eq!(
        new.error_code(Some(&alice2), ALIASES, json!({ "a": eleven }))
            .await,
        "VALIDATION"
    );
    let data = new
        .ok(Some(&alice2), ALIASES, json!({ "a": [alice_handle] }))
        .await;
    assert_eq!(
        data["updateProfile"]["account"]["alsoKnownAs"],
        json!([alice_actor])
    );
    assert_eq!(
        actor(&new, "alice2").await["alsoKnownAs"],
        json!([alice_actor])
    );

    // A wrong password moves nothing.
    let wrong = json!({ "t": alice2_handle, "p": "wrong horse" });
    assert_eq!(
        old.error_code(Some(&alice), MOVE, wrong).await,
        "INVALID_CREDENTIALS"
    );

    let data = old.ok(Some(&alice), MOVE, attempt).await;
    assert_eq!(
        data["moveAccount"]["account"]["movedTo"]["uri"],
        json!(alice2_actor),
        "{}",
        old.backend
    );
    assert_eq!(actor(&old, "alice").await["movedTo"], json!(alice2_actor));

    // The other server records the move and moves its followers; so does this one.
    eventually(Duration::from_secs(15), "the Move", || async {
        follows(&new, &bob, &alice2_id).await
    })
    .await;
    let data = new
        .ok(
            Some(&bob),
            "query($id: ID!) { account(id: $id) { movedTo { acct } } }",
            json!({ "id": alice_on_new }),
        )
        .await;
    assert_eq!(data["account"]["movedTo"]["acct"], "alice2");
    assert!(!follows(&new, &bob, &alice_on_new).await, "bob left alice");
    let alice2_on_old = remote_id(&old, &carol, "alice2", &new).await;
    assert!(
        follows(&old, &carol, &alice2_on_old).await,
        "{}: carol follows alice2",
        old.backend
    );
    assert!(!follows(&old, &carol, &alice_on_old).await);
}

#[tokio::test]
async fn an_account_moves_to_another_server_on_sqlite() {
    let old = federating(TestDb::sqlite().await).await;
    let new = federating(TestDb::sqlite().await).await;
    move_between(old, new).await;
}

#[tokio::test]
async fn an_account_moves_to_another_server_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let old = federating(postgres).await;
    let new = federating(TestDb::sqlite().await).await;
    move_between(old, new).await;
}
