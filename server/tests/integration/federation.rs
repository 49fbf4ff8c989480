//! Two servers federating through their queues: a follow across servers is accepted, and
//! statuses and their deletion reach the follower's home timeline.

use std::time::{Duration, Instant};

use rookery_domain::testing::TestDb;
use serde_json::{Value, json};

use super::support::{TestServer, serve_full};

const HOME: &str = "{ homeTimeline(first: 20) { edges { node { content author { acct } } } } }";

pub(super) async fn federating(test: TestDb) -> TestServer {
    let db = test.db.clone();
    serve_full(test, db, 1000, true).await
}

/// How long any wait for another server lasts at least: on a busy machine one delivery
/// may fail and be tried again after its first back-off (15 to 20 s).
const PAST_ONE_RETRY: Duration = Duration::from_secs(45);

/// Polls `probe` until it returns true, for up to `limit` (and never less than
/// [`PAST_ONE_RETRY`]).
pub(super) async fn eventually<F, Fut>(limit: Duration, what: &str, mut probe: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let limit = limit.max(PAST_ONE_RETRY);
    let start = Instant::now();
    while start.elapsed() < limit {
        if probe().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what} did not happen within {limit:?}");
}

/// Deliveries to `host` this process counted with `outcome`, as Prometheus reads them. The
/// recorder is the process's: a test asks about a host of its own.
pub(super) fn deliveries_to(metrics: &str, host: &str, outcome: &str) -> u64 {
    let labels = format!("host=\"{host}\",outcome=\"{outcome}\"");
    metrics
        .lines()
        .filter(|line| line.starts_with("rookery_deliveries_total{") && line.contains(&labels))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

/// This process's metrics, as `/metrics` renders them.
fn process_metrics() -> String {
    rookery_server::http::metrics::recorder()
        .expect("the test servers install the recorder")
        .render()
}

fn contents(data: &Value) -> Vec<String> {
    data["homeTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["content"].as_str().unwrap().to_owned())
        .collect()
}

/// The id on `on` of `username` of `home`, resolved by handle as `token`.
pub(super) async fn remote_id(
    on: &TestServer,
    token: &str,
    username: &str,
    home: &TestServer,
) -> String {
    let data = on
        .ok(
            Some(token),
            "query($h: String!) { resolveAccount(handle: $h) { id } }",
            json!({ "h": format!("@{username}@{}", home.instance.domain) }),
        )
        .await;
    data["resolveAccount"]["id"].as_str().unwrap().to_owned()
}

/// `token` follows `account` (an id on `on`) and waits for the Accept.
pub(super) async fn follow_accepted(on: &TestServer, token: &str, account: &str) {
    on.ok(
        Some(token),
        "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
        json!({ "id": account }),
    )
    .await;
    let relationship = "query($id: ID!) { account(id: $id) { relationship { following } } }";
    eventually(Duration::from_secs(10), "the Accept", || async {
        let data = on
            .ok(Some(token), relationship, json!({ "id": account }))
            .await;
        data["account"]["relationship"]["following"] == true
    })
    .await;
}

async fn follow_and_receive(a: TestServer, b: TestServer) {
    let (alice, alice_id) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    let data = b
        .ok(
            Some(&bob),
            "mutation($id: ID!) { follow(input: {accountId: $id}) { relationship { following requested } } }",
            json!({ "id": alice_on_b }),
        )
        .await;
    assert_eq!(
        data["follow"]["relationship"]["requested"], true,
        "a remote follow waits for the Accept"
    );
    let relationship =
        "query($id: ID!) { account(id: $id) { relationship { following requested } } }";
    eventually(Duration::from_secs(10), "the Accept", || async {
        let data = b
            .ok(Some(&bob), relationship, json!({ "id": alice_on_b }))
            .await;
        data["account"]["relationship"]["following"] == true
    })
    .await;

    let status = a.post(&alice, "hello, fediverse", "PUBLIC").await;
    eventually(Duration::from_secs(10), "the Create", || async {
        let home = b.ok(Some(&bob), HOME, json!({})).await;
        contents(&home)
            .iter()
            .any(|c| c.contains("hello, fediverse"))
    })
    .await;
    let home = b.ok(Some(&bob), HOME, json!({})).await;
    assert_eq!(
        home["homeTimeline"]["edges"][0]["node"]["author"]["acct"],
        format!("alice@{}", a.instance.domain)
    );

    // The Create is served at its id; a followers-only one is not.
    a.post(&alice, "for followers", "FOLLOWERS").await;
    let alice_account = rookery_domain::service::accounts::local_by_username(&a.db.db, "alice")
        .await
        .unwrap();
    let recent = rookery_domain::store::outbox_activities::recent_of(&a.db.db, alice_account.id, 2)
        .await
        .unwrap();
    let ap_id = |id| {
        let db = a.db.db.clone();
        async move {
            rookery_domain::store::outbox_activities::by_id(&db, id)
                .await
                .unwrap()
                .unwrap()
                .ap_id
        }
    };
    let (followers_only, public) = (ap_id(recent[0]).await, ap_id(recent[1]).await);
    let get = |url: String| {
        let client = a.client.clone();
        async move {
            let response = client.get(url).send().await.unwrap();
            let status = response.status().as_u16();
            (
                status,
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let (code, created) = get(public.clone()).await;
    assert_eq!(code, 200);
    assert_eq!(created["id"], public);
    assert_eq!(created["type"], "Create");
    assert_eq!(created["object"]["content"], "<p>hello, fediverse</p>");
    assert_eq!(get(followers_only).await.0, 404);
    assert_eq!(get(format!("{}/activities/not-an-id", a.base)).await.0, 404);
    eventually(
        Duration::from_secs(10),
        "the followers-only Create",
        || async {
            let home = b.ok(Some(&bob), HOME, json!({})).await;
            contents(&home).iter().any(|c| c.contains("for followers"))
        },
    )
    .await;

    a.ok(
        Some(&alice),
        "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
        json!({ "id": status }),
    )
    .await;
    eventually(Duration::from_secs(10), "the Delete", || async {
        let home = b.ok(Some(&bob), HOME, json!({})).await;
        !contents(&home)
            .iter()
            .any(|c| c.contains("hello, fediverse"))
    })
    .await;

    // Unfollowing sends an Undo: alice's server forgets the follower.
    b.ok(
        Some(&bob),
        "mutation($id: ID!) { unfollow(input: {accountId: $id}) { relationship { following } } }",
        json!({ "id": alice_on_b }),
    )
    .await;
    eventually(Duration::from_secs(10), "the Undo", || async {
        let data = a
            .ok(
                None,
                "query($id: ID!) { followers(accountId: $id) { edges { node { acct } } } }",
                json!({ "id": alice_id }),
            )
            .await;
        data["followers"]["edges"].as_array().unwrap().is_empty()
    })
    .await;
}

#[tokio::test]
async fn follows_statuses_and_deletes_cross_servers_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    follow_and_receive(a, b).await;
}

#[tokio::test]
async fn follows_statuses_and_deletes_cross_servers_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    follow_and_receive(a, b).await;
}

/// An administrator's token on `server`.
pub(super) async fn admin(server: &TestServer) -> String {
    use rookery_domain::service::auth::{self, NewUser};
    use rookery_domain::types::RoleKey;
    auth::create_user(
        &server.db.db,
        &server.instance,
        NewUser {
            username: "moira".into(),
            email: "moira@example.org".into(),
            password: "correct horse".into(),
            role: RoleKey::Admin,
            approved: true,
            confirmed: true,
            reason: None,
        },
    )
    .await
    .unwrap();
    auth::login(&server.db.db, "moira", "correct horse")
        .await
        .unwrap()
        .1
}

#[tokio::test]
async fn administrators_see_the_queues_and_retry_failed_deliveries_on_sqlite() {
    administrators_see_the_queues_and_retry_failed_deliveries(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn administrators_see_the_queues_and_retry_failed_deliveries_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        administrators_see_the_queues_and_retry_failed_deliveries(postgres).await;
    }
}

async fn administrators_see_the_queues_and_retry_failed_deliveries(test: TestDb) {
    use rookery_domain::service::outbox;
    use rookery_domain::types::ActivityKind;

    let a = federating(test).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let root = admin(&a).await;
    const QUEUES: &str = "{ jobQueues { name pending running failed } }";
    const RETRY: &str = "mutation($q: String!) { retryFailedJobs(input: {queue: $q}) { retried } }";
    assert_eq!(
        a.error_code(Some(&alice), QUEUES, json!({})).await,
        "FORBIDDEN"
    );
    assert_eq!(
        a.error_code(Some(&alice), RETRY, json!({ "q": "deliver" }))
            .await,
        "FORBIDDEN"
    );

    // bob follows alice; her status then fails for good towards bob's server, on record.
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;
    a.post(&alice, "second try", "PUBLIC").await;
    let db = &a.db.db;
    let alice_account = rookery_domain::service::accounts::local_by_username(db, "alice")
        .await
        .unwrap();
    let mut create = None;
    for id in rookery_domain::store::outbox_activities::recent_of(db, alice_account.id, 10)
        .await
        .unwrap()
    {
        let activity = outbox::get(db, id).await.unwrap().unwrap();
        if activity.kind == ActivityKind::CreateNote {
            create = Some(activity);
        }
    }
    let create = create.expect("a Create was recorded");
    let inbox = format!("{}/inbox", b.base);
    outbox::delivery_failed(db, create.id, &inbox, 16, "the inbox answered 503")
        .await
        .unwrap();

    let data = a.ok(Some(&root), QUEUES, json!({})).await;
    let queues = data["jobQueues"].as_array().unwrap();
    let deliver = queues.iter().find(|q| q["name"] == "deliver").unwrap();
    assert_eq!(deliver["failed"], 1);
    assert!(queues.iter().any(|q| q["name"] == "publish"));

    assert_eq!(
        a.error_code(Some(&root), RETRY, json!({ "q": "publish" }))
            .await,
        "VALIDATION"
    );
    let data = a.ok(Some(&root), RETRY, json!({ "q": "deliver" })).await;
    assert_eq!(data["retryFailedJobs"]["retried"], 1);
    let data = a.ok(Some(&root), QUEUES, json!({})).await;
    let deliver = data["jobQueues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["name"] == "deliver")
        .cloned()
        .unwrap();
    assert_eq!(deliver["failed"], 0);

    // The same counts, and how deliveries went, for Prometheus.
    let metrics = format!("{}/metrics", a.base);
    let refused = a.client.get(&metrics).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    let wrong = a
        .client
        .get(&metrics)
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    let scrape = || async {
        let scraped = a
            .client
            .get(&metrics)
            .bearer_auth(super::support::METRICS_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(scraped.status().as_u16(), 200);
        scraped.text().await.unwrap()
    };
    // Counted under b's host, which no other test delivers to: the follow's Accept, the
    // status, and the failed delivery retried.
    let b_host = b.instance.domain.clone();
    eventually(
        Duration::from_secs(10),
        "three deliveries counted",
        || async { deliveries_to(&scrape().await, &b_host, "delivered") >= 3 },
    )
    .await;
    let text = scrape().await;
    assert!(
        text.contains("rookery_queue_pending{queue=\"deliver\"}"),
        "{text}"
    );
    assert!(text.contains("rookery_job_duration_seconds"), "{text}");
}

#[tokio::test]
async fn locked_accounts_answer_and_profile_edits_reach_followers_on_sqlite() {
    locked_accounts_answer_and_profile_edits_reach_followers(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn locked_accounts_answer_and_profile_edits_reach_followers_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        locked_accounts_answer_and_profile_edits_reach_followers(postgres).await;
    }
}

async fn locked_accounts_answer_and_profile_edits_reach_followers(test: TestDb) {
    let a = federating(test).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let (carol, _) = b.register("carol").await;
    let profile =
        "mutation($p: UpdateProfileInput!) { updateProfile(input: $p) { account { id } } }";
    a.ok(Some(&alice), profile, json!({ "p": { "locked": true } }))
        .await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    let follow = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
    for token in [&bob, &carol] {
        b.ok(Some(token), follow, json!({ "id": alice_on_b })).await;
    }

    // Both requests reach alice; she accepts bob's and rejects carol's.
    let requests = "{ followRequests { edges { node { id acct } } } }";
    eventually(Duration::from_secs(10), "the two requests", || async {
        let data = a.ok(Some(&alice), requests, json!({})).await;
        data["followRequests"]["edges"].as_array().unwrap().len() == 2
    })
    .await;
    let data = a.ok(Some(&alice), requests, json!({})).await;
    let waiting = data["followRequests"]["edges"].as_array().unwrap().clone();
    let id_of = |name: &str| {
        waiting
            .iter()
            .find(|e| e["node"]["acct"].as_str().unwrap().starts_with(name))
            .unwrap()["node"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    a.ok(
        Some(&alice),
        "mutation($id: ID!) { acceptFollowRequest(input: {accountId: $id}) { account { id } } }",
        json!({ "id": id_of("bob@") }),
    )
    .await;
    a.ok(
        Some(&alice),
        "mutation($id: ID!) { rejectFollowRequest(input: {accountId: $id}) { account { id } } }",
        json!({ "id": id_of("carol@") }),
    )
    .await;
    let relationship =
        "query($id: ID!) { account(id: $id) { relationship { following requested } } }";
    eventually(
        Duration::from_secs(10),
        "the Accept and the Reject",
        || async {
            let of_bob = b
                .ok(Some(&bob), relationship, json!({ "id": alice_on_b }))
                .await;

            let of_carol = b
                .ok(Some(&carol), relationship, json!({ "id": alice_on_b }))
                .await;
            of_bob["account"]["relationship"]["following"] == true
                && of_carol["account"]["relationship"]["requested"] == false
                && of_carol["account"]["relationship"]["following"] == false
        },
    )
    .await;

    // A profile edit reaches the follower's server as an Update.
    a.ok(
        Some(&alice),
        profile,
        json!({ "p": { "displayName": "Alice Liddell" } }),
    )
    .await;
    let account = "query($id: ID!) { account(id: $id) { displayName } }";
    eventually(Duration::from_secs(10), "the Update", || async {
        let data = b.ok(Some(&bob), account, json!({ "id": alice_on_b })).await;
        data["account"]["displayName"] == "Alice Liddell"
    })
    .await;
}

#[tokio::test]
async fn pasted_urls_resolve_to_remote_posts_and_profiles_on_sqlite() {
    pasted_urls_resolve_to_remote_posts_and_profiles(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn pasted_urls_resolve_to_remote_posts_and_profiles_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        pasted_urls_resolve_to_remote_posts_and_profiles(postgres).await;
    }
}

async fn pasted_urls_resolve_to_remote_posts_and_profiles(test: TestDb) {
    let a = federating(test).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let uri = |data: &Value| {
        data["createStatus"]["status"]["uri"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let create = "mutation($t: String!, $v: Visibility!) { createStatus(input: {text: $t, visibility: $v}) { status { uri } } }";
    let public = uri(&a
        .ok(
            Some(&alice),
            create,
            json!({ "t": "look at this", "v": "PUBLIC" }),
        )
        .await);
    let hidden = uri(&a
        .ok(
            Some(&alice),
            create,
            json!({ "t": "not for you", "v": "FOLLOWERS" }),
        )
        .await);
    let resolve = "query($u: String!) { resolveObject(url: $u) { __typename ... on Status { content local author { acct } } ... on Account { acct local } } }";

    let data = b.ok(Some(&bob), resolve, json!({ "u": public })).await;
    let post = &data["resolveObject"];
    assert_eq!(post["__typename"], "Status");
    assert_eq!(post["content"], "<p>look at this</p>");
    assert_eq!(post["local"], false);
    let alice_acct = format!("alice@{}", a.instance.domain);
    assert_eq!(post["author"]["acct"], alice_acct);
    // Known now: asking again needs no fetch and gives the same post.
    let again = b.ok(Some(&bob), resolve, json!({ "u": public })).await;
    assert_eq!(again["resolveObject"]["content"], "<p>look at this</p>");

    let profile = format!("{}/users/alice", a.base);
    let data = b.ok(Some(&bob), resolve, json!({ "u": profile })).await;
    assert_eq!(data["resolveObject"]["__typename"], "Account");
    assert_eq!(data["resolveObject"]["acct"], alice_acct);

    for (url, code) in [
        (hidden.as_str(), "NOT_FOUND"),
        ("ftp://example.org/x", "VALIDATION"),
        ("not a url", "VALIDATION"),
    ] {
        assert_eq!(
            b.error_code(Some(&bob), resolve, json!({ "u": url })).await,
            code,
            "{url}"
        );
    }
    let missing = format!("{}/users/nobody", a.base);
    let code = b
        .error_code(Some(&bob), resolve, json!({ "u": missing }))
        .await;
    assert_eq!(code, "NOT_FOUND");
    let answer = b.gql(Some(&bob), resolve, json!({ "u": missing })).await;
    assert_eq!(
        answer["errors"][0]["message"], "account or post not found",
        "a pasted URL may name either"
    );
    assert_eq!(
        b.error_code(None, resolve, json!({ "u": public })).await,
        "UNAUTHENTICATED"
    );
}

#[tokio::test]
async fn nothing_is_delivered_to_a_blocked_domain_on_sqlite() {
    nothing_is_delivered_to_a_blocked_domain(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn nothing_is_delivered_to_a_blocked_domain_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        nothing_is_delivered_to_a_blocked_domain(postgres).await;
    }
}

async fn nothing_is_delivered_to_a_blocked_domain(test: TestDb) {
    let a = federating(test).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;

    // Both servers live on 127.0.0.1: blocking it on alice's server stops her deliveries.
    let input = rookery_domain::service::domain_blocks::BlockInput::suspend("127.0.0.1", None);
    rookery_domain::service::domain_blocks::set(&a.db.db, None, input)
        .await
        .unwrap();
    // The block reaches deliveries within ten seconds.
    tokio::time::sleep(Duration::from_secs(11)).await;
    let b_host = b.instance.domain.clone();
    let delivered = deliveries_to(&process_metrics(), &b_host, "delivered");
    // The block ended bob's follow; a mention still addresses him, and its delivery to his
    // server is taken up and dropped, not merely slow.
    a.post(
        &alice,
        &format!("@bob@{b_host} you will not see this"),
        "PUBLIC",
    )
    .await;
    eventually(Duration::from_secs(10), "the delivery dropped", || async {
        deliveries_to(&process_metrics(), &b_host, "dropped") == 1
    })
    .await;
    assert_eq!(
        deliveries_to(&process_metrics(), &b_host, "delivered"),
        delivered
    );
    let home = b.ok(Some(&bob), HOME, json!({})).await;
    assert!(contents(&home).is_empty(), "{home}");
}

#[tokio::test]
async fn a_reply_to_an_unknown_post_brings_its_chain_along_on_sqlite() {
    a_reply_to_an_unknown_post_brings_its_chain_along(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn a_reply_to_an_unknown_post_brings_its_chain_along_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        a_reply_to_an_unknown_post_brings_its_chain_along(postgres).await;
    }
}

async fn a_reply_to_an_unknown_post_brings_its_chain_along(test: TestDb) {
    let a = federating(test).await;
    let b = federating(TestDb::sqlite().await).await;
    let (dave, _) = a.register("dave").await;
    let (erin, _) = a.register("erin").await;
    let (carol, _) = a.register("carol").await;
    let (bob, _) = b.register("bob").await;
    let carol_on_b = remote_id(&b, &bob, "carol", &a).await;
    follow_accepted(&b, &bob, &carol_on_b).await;

    let reply = "mutation($t: String!, $r: ID!) { createStatus(input: {text: $t, visibility: PUBLIC, inReplyToId: $r}) { status { id } } }";
    let root = a.post(&dave, "the root", "PUBLIC").await;
    let middle = a
        .ok(Some(&erin), reply, json!({ "t": "the middle", "r": root }))
        .await["createStatus"]["status"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    a.ok(Some(&carol), reply, json!({ "t": "the leaf", "r": middle }))
        .await;

    // Bob follows only carol: her reply arrives, and its parents are fetched after it (the
    // home timeline leaves out replies to accounts bob does not follow).
    let chain = "query($id: ID!) { accountStatuses(accountId: $id, first: 5) { edges { node { content inReplyTo { content author { acct } inReplyTo { content } } } } } }";
    let vars = json!({ "id": carol_on_b });
    eventually(Duration::from_secs(10), "the reply chain", || async {
        let data = b.ok(Some(&bob), chain, vars.clone()).await;
        let leaf = &data["accountStatuses"]["edges"][0]["node"];
        leaf["inReplyTo"]["inReplyTo"]["content"] == "<p>the root</p>"
    })
    .await;
    let data = b.ok(Some(&bob), chain, vars.clone()).await;
    let edges = data["accountStatuses"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1, "{data}");
    let leaf = &edges[0]["node"];
    assert_eq!(leaf["content"], "<p>the leaf</p>");
    assert_eq!(leaf["inReplyTo"]["content"], "<p>the middle</p>");
    assert_eq!(
        leaf["inReplyTo"]["author"]["acct"],
        format!("erin@{}", a.instance.domain)
    );
}

#[tokio::test]
async fn secure_mode_serves_signed_requests_only_on_sqlite() {
    secure_mode_serves_signed_requests_only(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn secure_mode_serves_signed_requests_only_on_postgres() {
    if let Some(postgres) = TestDb::postgres().await {
        secure_mode_serves_signed_requests_only(postgres).await;
    }
}

async fn secure_mode_serves_signed_requests_only(test: TestDb) {
    use super::support::serve_secure;

    let a = serve_secure(test).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let create = "mutation($t: String!) { createStatus(input: {text: $t, visibility: PUBLIC}) { status { uri } } }";
    let uri = |data: Value| {
        data["createStatus"]["status"]["uri"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let first = uri(a.ok(Some(&alice), create, json!({ "t": "first" })).await);
    let second = uri(a.ok(Some(&alice), create, json!({ "t": "second" })).await);

    // Unsigned, nothing but the instance actor and web pages.
    let get = |url: String, accept: &'static str| {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        async move {
            client
                .get(url)
                .header("accept", accept)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let json = "application/activity+json";
    for path in [
        "/users/alice",
        "/users/alice/outbox",
        "/users/alice/followers",
    ] {
        assert_eq!(get(format!("{}{path}", a.base), json).await, 401, "{path}");
    }
    assert_eq!(get(first.clone(), json).await, 401);
    assert_eq!(
        get(format!("{}/users/alice", a.base), "text/html").await,
        303
    );
    assert_eq!(
        get(format!("{}/users/instance.actor", a.base), json).await,
        200
    );

    // Signed by bob's server's instance actor, the same documents are served.
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    assert!(!alice_on_b.is_empty());
    let resolve = "query($u: String!) { resolveObject(url: $u) { ... on Status { content } } }";
    let data = b.ok(Some(&bob), resolve, json!({ "u": first })).await;
    assert_eq!(data["resolveObject"]["content"], "<p>first</p>");

    // A blocked domain gets nothing, signed or not.
    let input = rookery_domain::service::domain_blocks::BlockInput::suspend("127.0.0.1", None);
    rookery_domain::service::domain_blocks::set(&a.db.db, None, input)
        .await
        .unwrap();
    // Refused as forbidden (403), not as an unsigned or badly signed request would be.
    let response = b.gql(Some(&bob), resolve, json!({ "u": second })).await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"], "REMOTE_UNAVAILABLE",
        "{response}"
    );
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("answered 403"), "{response}");
    assert!(response["data"]["resolveObject"].is_null(), "{response}");
}

const COUNTS: &str =
    "query($id: ID!) { account(id: $id) { statusesCount followersCount followingCount } }";

/// A remote account's counts are what its server publishes (the `totalItems` of its
/// outbox, followers and following collections), read when the account is fetched, not
/// what this server happens to have seen of it.
async fn remote_counts_are_published_ones(a: TestServer, b: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (carol, carol_id) = a.register("carol").await;
    let (dave, _) = a.register("dave").await;
    let (bob, _) = b.register("bob").await;
    let alice_on_a = remote_id(&a, &carol, "alice", &a).await;
    for token in [&carol, &dave] {
        follow_accepted(&a, token, &alice_on_a).await;
    }
    follow_accepted(&a, &alice, &carol_id).await;
    for text in ["one", "two", "three"] {
        a.post(&alice, text, "PUBLIC").await;
    }
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    let data = b.ok(Some(&bob), COUNTS, json!({ "id": alice_on_b })).await;
    assert_eq!(
        data["account"],
        json!({ "statusesCount": 3, "followersCount": 2, "followingCount": 1 }),
        "{}",
        a.backend
    );
}

#[tokio::test]
async fn remote_counts_are_published_ones_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    remote_counts_are_published_ones(a, b).await;
}

#[tokio::test]
async fn remote_counts_are_published_ones_on_postgres() {
    let Some(b_db) = TestDb::postgres().await else {
        return;
    };
    let a = federating(TestDb::sqlite().await).await;
    remote_counts_are_published_ones(a, federating(b_db).await).await;
}

/// The forms people paste, `/@user` and `/@user/<id>`, are ActivityPub documents to
/// ActivityPub clients (pages to browsers), and another server resolves them, by
/// `resolveObject` and by `search`.
async fn pasted_pages_resolve(a: TestServer, b: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let data = a
        .ok(
            Some(&alice),
            "mutation { createStatus(input: {text: \"find me\", visibility: PUBLIC}) { status { url uri author { url uri } } } }",
            json!({}),
        )
        .await;
    let status = &data["createStatus"]["status"];
    let field = |value: &Value| value.as_str().unwrap().to_owned();
    let (status_url, status_uri) = (field(&status["url"]), field(&status["uri"]));
    let (profile_url, actor_uri) = (
        field(&status["author"]["url"]),
        field(&status["author"]["uri"]),
    );
    assert!(profile_url.ends_with("/@alice"), "{profile_url}");
    for accept in [
        "application/activity+json",
        "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
    ] {
        for (url, id) in [(&profile_url, &actor_uri), (&status_url, &status_uri)] {
            let response = a
                .client
                .get(url)
                .header("accept", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{url} as {accept}");
            let document: Value = response.json().await.unwrap();
            assert_eq!(document["id"], id.as_str(), "{url} as {accept}");
        }
    }
    let page = a
        .client
        .get(&profile_url)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert!(page.text().await.unwrap().contains("<h1>"));

    let resolve = "query($u: String!) { resolveObject(url: $u) { __typename ... on Status { content } ... on Account { acct } } }";
    let data = b.ok(Some(&bob), resolve, json!({ "u": profile_url })).await;
    let alice_acct = format!("alice@{}", a.instance.domain);
    assert_eq!(data["resolveObject"]["acct"], alice_acct, "{}", b.backend);
    let data = b.ok(Some(&bob), resolve, json!({ "u": status_url })).await;
    assert_eq!(data["resolveObject"]["content"], "<p>find me</p>");
    let search = "query($q: String!) { search(query: $q) { accounts { acct } statuses { edges { node { content } } } } }";
    let data = b.ok(Some(&bob), search, json!({ "q": status_url })).await;
    assert_eq!(
        data["search"]["statuses"]["edges"][0]["node"]["content"],
        "<p>find me</p>"
    );
    let data = b.ok(Some(&bob), search, json!({ "q": profile_url })).await;
    assert_eq!(data["search"]["accounts"][0]["acct"], alice_acct);

    // This server's own pasted forms name its own account and status.
    let data = a
        .ok(Some(&alice), resolve, json!({ "u": profile_url }))
        .await;
    assert_eq!(data["resolveObject"]["acct"], "alice");
    let data = a
        .ok(Some(&alice), resolve, json!({ "u": status_url }))
        .await;
    assert_eq!(data["resolveObject"]["content"], "<p>find me</p>");
}

#[tokio::test]
async fn pasted_pages_resolve_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    pasted_pages_resolve(a, b).await;
}

#[tokio::test]
async fn pasted_pages_resolve_on_postgres() {
    let Some(a_db) = TestDb::postgres().await else {
        return;
    };
    let Some(b_db) = TestDb::postgres().await else {
        return;
    };
    pasted_pages_resolve(federating(a_db).await, federating(b_db).await).await;
}
