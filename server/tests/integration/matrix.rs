//! The authorization matrix: every visibility, for every kind of viewer (anonymous, local
//! accounts, accounts of another server fetching signed), on every path a status is read
//! by (GraphQL, live routing, search, feeds, ActivityPub documents, webhooks). Every
//! cell's expectation comes from `expected`; each is checked both ways, so nothing is
//! seen that should not be, and nothing refused that should be seen.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use async_graphql::ID;
use chrono::Utc;
use rookery_domain::ids::{AccountId, StatusId};
use rookery_domain::service::accounts;
use rookery_domain::service::live::{StatusChange, StatusReach};
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::types::ActivityKind;
use rookery_federation::signatures;
use rookery_server::graphql::ids::decode_any;
use serde_json::{Value, json};

use super::federation::{admin, eventually, federating, follow_accepted, remote_id};
use super::support::TestServer;
use super::webhooks::Receiver;

const AP: &str = "application/activity+json";
/// The word every note (and no reply) holds, to be searched for.
const WORD: &str = "zebra";
const TAG: &str = "matrix";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Visibility {
    Public,
    Unlisted,
    Followers,
    Direct,
    Private,
    Local,
}

impl Visibility {
    const ALL: [Self; 6] = [
        Self::Public,
        Self::Unlisted,
        Self::Followers,
        Self::Direct,
        Self::Private,
        Self::Local,
    ];

    fn graphql(self) -> &'static str {
        match self {
            Self::Public => "PUBLIC",
            Self::Unlisted => "UNLISTED",
            Self::Followers => "FOLLOWERS",
            Self::Direct => "DIRECT",
            Self::Private => "PRIVATE",
            Self::Local => "LOCAL",
        }
    }

    fn federates(self) -> bool {
        !matches!(self, Self::Private | Self::Local)
    }
}

/// Who looks. Every status is the author's; the mentioned ones are named in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Viewer {
    Anonymous,
    Author,
    Follower,
    Mentioned,
    Stranger,
    /// Blocked by the author.
    Blocked,
    /// An administrator, a stranger to the author; its webhook is instance-wide.
    Admin,
    /// Accounts of another server, which fetches signed as them.
    RemoteFollower,
    RemoteMentioned,
    RemoteStranger,
    RemoteBlocked,
}

impl Viewer {
    const ALL: [Self; 11] = [
        Self::Anonymous,
        Self::Author,
        Self::Follower,
        Self::Mentioned,
        Self::Stranger,
        Self::Blocked,
        Self::Admin,
        Self::RemoteFollower,
        Self::RemoteMentioned,
        Self::RemoteStranger,
        Self::RemoteBlocked,
    ];
    const LOCAL: [(Self, &'static str); 5] = [
        (Self::Author, "alice"),
        (Self::Follower, "fran"),
        (Self::Mentioned, "mo"),
        (Self::Stranger, "lou"),
        (Self::Blocked, "bo"),
    ];
    const REMOTE: [(Self, &'static str); 4] = [
        (Self::RemoteFollower, "rfran"),
        (Self::RemoteMentioned, "rmo"),
        (Self::RemoteStranger, "rlou"),
        (Self::RemoteBlocked, "rbo"),
    ];

    fn is_remote(self) -> bool {
        matches!(
            self,
            Self::RemoteFollower
                | Self::RemoteMentioned
                | Self::RemoteStranger
                | Self::RemoteBlocked
        )
    }

    /// Whether this viewer can take `path` at all: other servers read ActivityPub
    /// documents (and their own accounts' notifications), local accounts the API, and
    /// anonymous visitors whatever needs no account.
    fn takes(self, path: Path) -> bool {
        use Path::*;
        let activitypub = matches!(path, Note | Replies | Context | Outbox | Activity);
        match self {
            _ if self.is_remote() => activitypub || path == Notifications,
            Self::Anonymous => !matches!(
                path,
                HomeTimeline | Notifications | LiveHome | LiveConversation | Webhook
            ),
            _ => !activitypub,
        }
    }
}

/// Where a status is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Path {
    /// `status(id:)`.
    Status,
    /// `thread(statusId:)` of the root the replies answer.
    Thread,
    AccountStatuses,
    LocalTimeline,
    PublicTimeline,
    HashtagTimeline,
    HomeTimeline,
    /// `search(query:, type: STATUSES)`.
    Search,
    /// A MENTION notification (on the viewer's own server).
    Notifications,
    /// Live subscriptions: home, public, hashtag and conversation streams.
    LiveHome,
    LivePublic,
    LiveHashtag,
    LiveConversation,
    /// `/@alice.rss` and `/@alice.atom`.
    AccountRss,
    AccountAtom,
    /// `/tags/matrix.rss` and `/tags/matrix.atom`.
    HashtagRss,
    HashtagAtom,
    /// The note at its id.
    Note,
    /// The root's `replies` collection.
    Replies,
    /// The root's thread, at the `context` it names.
    Context,
    /// A page of the author's outbox.
    Outbox,
    /// The `Create` at its id.
    Activity,
    /// The viewer's webhook (the admin's is instance-wide) hears of `STATUS_CREATED`.
    Webhook,
}

impl Path {
    const ALL: [Self; 23] = [
        Self::Status,
        Self::Thread,
        Self::AccountStatuses,
        Self::LocalTimeline,
        Self::PublicTimeline,
        Self::HashtagTimeline,
        Self::HomeTimeline,
        Self::Search,
        Self::Notifications,
        Self::LiveHome,
        Self::LivePublic,
        Self::LiveHashtag,
        Self::LiveConversation,
        Self::AccountRss,
        Self::AccountAtom,
        Self::HashtagRss,
        Self::HashtagAtom,
        Self::Note,
        Self::Replies,
        Self::Context,
        Self::Outbox,
        Self::Activity,
        Self::Webhook,
    ];
}

/// Whether `viewer` may see a status of `visibility` at all: public and unlisted for
/// everyone, followers-only for followers and the mentioned, direct for the mentioned,
/// local for this instance's accounts, private for the author alone; nothing across a
/// block.
fn sees(visibility: Visibility, viewer: Viewer) -> bool {
    use Viewer::*;
    use Visibility::*;
    match (visibility, viewer) {
        (_, Blocked | RemoteBlocked) => false,
        (_, Author) => true,
        (Public | Unlisted, _) => true,
        (Followers, Follower | Mentioned | RemoteFollower | RemoteMentioned) => true,
        (Direct, Mentioned | RemoteMentioned) => true,
        (Local, Follower | Mentioned | Stranger | Admin) => true,
        _ => false,
    }
}

/// The cell: whether `viewer` finds a status of `visibility` on `path`; None when the
/// viewer cannot take the path.
fn expected(visibility: Visibility, viewer: Viewer, path: Path) -> Option<bool> {
    use Path::*;
    use Viewer::*;
    if !viewer.takes(path) {
        return None;
    }
    let sees = sees(visibility, viewer);
    let listed = matches!(visibility, Visibility::Public | Visibility::Local);
    Some(match path {
        Status | Thread | AccountStatuses | Note | Replies | Context | Outbox | Activity => sees,
        LocalTimeline | PublicTimeline | HashtagTimeline | LivePublic | LiveHashtag => {
            sees && listed
        }
        HomeTimeline | LiveHome => sees && matches!(viewer, Author | Follower),
        LiveConversation => sees && visibility == Visibility::Direct,
        // Signed-in viewers only; unlisted statuses stay out of discovery but for the
        // author's followers and the mentioned.
        Search => {
            viewer != Anonymous
                && sees
                && (visibility != Visibility::Unlisted
                    || matches!(viewer, Author | Follower | Mentioned))
        }
        Notifications => sees && matches!(viewer, Mentioned | RemoteMentioned),
        // Public statuses only, whoever asks.
        AccountRss | AccountAtom | HashtagRss | HashtagAtom => visibility == Visibility::Public,
        Webhook => match viewer {
            Author => true,
            Admin => matches!(visibility, Visibility::Public | Visibility::Unlisted),
            _ => false,
        },
    })
}

/// One visibility's note and its reply to the root.
struct Posted {
    visibility: Visibility,
    /// Global ids.
    note: String,
    reply: String,
    note_id: StatusId,
    note_uri: String,
    reply_uri: String,
}

/// Two servers: `a`, where the author and the local viewers are, and `b`, the remote
/// viewers' server.
struct World {
    a: TestServer,
    b: TestServer,
    /// Tokens on the viewer's own server.
    tokens: HashMap<Viewer, String>,
    /// Local viewers' accounts on `a`.
    accounts: HashMap<Viewer, AccountId>,
    usernames: HashMap<Viewer, &'static str>,
    hooks: HashMap<Viewer, (Receiver, String)>,
    alice_id: String,
    root: String,
    root_uri: String,
    posted: Vec<Posted>,
}

const CREATE_HOOK: &str = "mutation($u: String!, $i: Boolean!) { createWebhook(input: {url: $u, events: [STATUS_CREATED], instanceWide: $i}) { secret } }";
const BLOCK: &str = "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const REPLY: &str = "mutation($t: String!, $v: Visibility!, $r: ID!) { createStatus(input: {text: $t, visibility: $v, inReplyToId: $r}) { status { id uri } } }";
const CREATE: &str = "mutation($t: String!, $v: Visibility!) { createStatus(input: {text: $t, visibility: $v}) { status { id uri } } }";

fn uuid_of(id: &str) -> uuid::Uuid {
    decode_any(&ID(id.to_owned())).unwrap().1
}

impl World {
    async fn build(a: TestServer, b: TestServer) -> Self {
        let mut tokens = HashMap::new();
        let mut accounts = HashMap::new();
        let mut usernames = HashMap::new();
        let mut hooks = HashMap::new();
        let mut alice_id = String::new();
        for (viewer, name) in Viewer::LOCAL {
            let (token, id) = a.register(name).await;
            if viewer == Viewer::Author {
                alice_id = id.clone();
            }
            accounts.insert(viewer, AccountId(uuid_of(&id)));
            tokens.insert(viewer, token);
            usernames.insert(viewer, name);
        }
        let root_token = admin(&a).await;
        let moira = accounts::local_by_username(&a.db.db, "moira")
            .await
            .unwrap();
        accounts.insert(Viewer::Admin, moira.id);
        tokens.insert(Viewer::Admin, root_token);
        for (viewer, name) in Viewer::REMOTE {
            let (token, _) = b.register(name).await;
            tokens.insert(viewer, token);
            usernames.insert(viewer, name);
        }
        let alice = tokens[&Viewer::Author].clone();
        for viewer in [Viewer::Follower, Viewer::Blocked] {
            a.ok(Some(&tokens[&viewer]), FOLLOW, json!({ "id": alice_id }))
                .await;
        }
        let bo = rookery_server::graphql::ids::encode("Account", accounts[&Viewer::Blocked].0);
        a.ok(Some(&alice), BLOCK, json!({ "id": bo.0 })).await;
        let alice_on_b = remote_id(&b, &tokens[&Viewer::RemoteFollower], "alice", &a).await;
        follow_accepted(&b, &tokens[&Viewer::RemoteFollower], &alice_on_b).await;
        for (viewer, name) in [
            (Viewer::RemoteMentioned, "rmo"),
            (Viewer::RemoteBlocked, "rbo"),
        ] {
            let on_a = remote_id(&a, &alice, name, &b).await;
            if viewer == Viewer::RemoteBlocked {
                a.ok(Some(&alice), BLOCK, json!({ "id": on_a })).await;
            }
        }
        for viewer in Viewer::ALL {
            if !viewer.takes(Path::Webhook) {
                continue;
            }
            let receiver = Receiver::start(Vec::new()).await;
            let instance_wide = viewer == Viewer::Admin;
            let data = a
                .ok(
                    Some(&tokens[&viewer]),
                    CREATE_HOOK,
                    json!({ "u": receiver.url, "i": instance_wide }),
                )
                .await;
            let secret = data["createWebhook"]["secret"].as_str().unwrap().to_owned();
            hooks.insert(viewer, (receiver, secret));
        }

        let created = |data: &Value| {
            let status = &data["createStatus"]["status"];
            (
                status["id"].as_str().unwrap().to_owned(),
                status["uri"].as_str().unwrap().to_owned(),
            )
        };
        let (root, root_uri) = created(
            &a.ok(
                Some(&alice),
                CREATE,
                json!({ "t": "the root", "v": "PUBLIC" }),
            )
            .await,
        );
        let mentions = format!("@mo @rmo@{}", b.instance.domain);
        let mut posted = Vec::new();
        for visibility in Visibility::ALL {
            let v = visibility.graphql();
            let text = format!("{v} note {WORD} for {mentions} #{TAG}");
            let (note, note_uri) = created(
                &a.ok(Some(&alice), CREATE, json!({ "t": text, "v": v }))
                    .await,
            );
            let text = format!("{v} reply for {mentions}");
            let (reply, reply_uri) = created(
                &a.ok(Some(&alice), REPLY, json!({ "t": text, "v": v, "r": root }))
                    .await,
            );
            posted.push(Posted {
                visibility,
                note_id: StatusId(uuid_of(&note)),
                note,
                reply,
                note_uri,
                reply_uri,
            });
        }
        Self {
            a,
            b,
            tokens,
            accounts,
            usernames,
            hooks,
            alice_id,
            root,
            root_uri,
            posted,
        }
    }

    fn token(&self, viewer: Viewer) -> Option<&str> {
        self.tokens.get(&viewer).map(String::as_str)
    }

    /// Waits until what was sent has arrived: the remote mentioned account's
    /// notifications of every federated note and reply, and every webhook's events.
    async fn settle(&self) {
        let federated = Visibility::ALL.iter().filter(|v| v.federates()).count();
        eventually(Duration::from_secs(30), "the remote mentions", || async {
            self.notified(Viewer::RemoteMentioned).await.len() >= 2 * federated
        })
        .await;
        for (viewer, (receiver, _)) in &self.hooks {
            let want = self
                .posted
                .iter()
                .filter(|p| expected(p.visibility, *viewer, Path::Webhook) == Some(true))
                .count();
            if want == 0 {
                continue;
            }
            eventually(Duration::from_secs(30), "the webhooks", || async {
                // The root, and each note with its reply.
                receiver.received().len() > 2 * want
            })
            .await;
        }
        // What should not come would have come by now.
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    /// The uris of the statuses `viewer` was notified of being mentioned in.
    async fn notified(&self, viewer: Viewer) -> HashSet<String> {
        let server = if viewer.is_remote() { &self.b } else { &self.a };
        let query = "{ notifications(first: 100) { edges { node { type status { uri } } } } }";
        let data = server.ok(self.token(viewer), query, json!({})).await;
        data["notifications"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["node"]["type"] == "MENTION")
            .filter_map(|e| e["node"]["status"]["uri"].as_str().map(str::to_owned))
            .collect()
    }

    async fn ids(&self, viewer: Viewer, query: &str, field: &str) -> HashSet<String> {
        let data = self.a.ok(self.token(viewer), query, json!({})).await;
        let mut connection = &data[field];
        if field == "search" {
            connection = &connection["statuses"];
        }
        connection["edges"]
            .as_array()
            .unwrap_or_else(|| panic!("no {field} in {data}"))
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
            .collect()
    }

    /// A GET of `url` on `a` as `viewer`: signed by its account on `b` when it is remote,
    /// else unsigned.
    async fn fetch(&self, viewer: Viewer, url: &str) -> (u16, Value) {
        let mut request = self.a.client.get(url).header("accept", AP);
        if viewer.is_remote() {
            let db = &self.b.db.db;
            let account = accounts::local_by_username(db, self.usernames[&viewer])
                .await
                .unwrap();
            let key = store::accounts::private_key(db, account.id)
                .await
                .unwrap()
                .unwrap();
            let host = &self.a.instance.domain;
            let path = url.strip_prefix(&self.a.base).unwrap();
            let key_id = format!("{}#main-key", account.actor_id);
            for (name, value) in
                signatures::sign_get(&key, &key_id, host, path, Utc::now()).unwrap()
            {
                if name != "host" {
                    request = request.header(name, value);
                }
            }
        }
        let response = request.send().await.unwrap();
        let code = response.status().as_u16();
        (code, response.json().await.unwrap_or(Value::Null))
    }

    /// A feed's body, asked for with the viewer's token when it has one (feeds heed none).
    async fn feed(&self, viewer: Viewer, path: &str) -> String {
        let mut request = self.a.client.get(format!("{}{path}", self.a.base));
        if let Some(token) = self.token(viewer) {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        response.text().await.unwrap()
    }

    /// The id of the activity that created `status`, if one was recorded.
    async fn creation_of(&self, status: StatusId) -> Option<String> {
        let db = &self.a.db.db;
        let alice = self.accounts[&Viewer::Author];
        for id in store::outbox_activities::recent_of(db, alice, 100)
            .await
            .unwrap()
        {
            let activity = store::outbox_activities::by_id(db, id)
                .await
                .unwrap()
                .unwrap();
            if activity.kind == ActivityKind::CreateNote && activity.status == Some(status) {
                return Some(activity.ap_id);
            }
        }
        None
    }

    /// The visibilities whose status `viewer` found on `path`.
    async fn observe(&self, viewer: Viewer, path: Path) -> HashSet<Visibility> {
        let token = self.token(viewer);
        let found = |ids: HashSet<String>, of_reply: bool| {
            self.posted
                .iter()
                .filter(|p| ids.contains(if of_reply { &p.reply } else { &p.note }))
                .map(|p| p.visibility)
                .collect::<HashSet<_>>()
        };
        let by_uri = |uris: HashSet<String>, of_reply: bool| {
            self.posted
                .iter()
                .filter(|p| uris.contains(if of_reply { &p.reply_uri } else { &p.note_uri }))
                .map(|p| p.visibility)
                .collect::<HashSet<_>>()
        };
        let reach = |p: &Posted| {
            let db = self.a.db.db.clone();
            let id = p.note_id;
            async move {
                StatusReach::load(&db, StatusChange::Created, id)
                    .await
                    .unwrap()
                    .unwrap()
            }
        };
        let account = self.accounts.get(&viewer).copied();
        match path {
            Path::Status => {
                let mut seen = HashSet::new();
                for p in &self.posted {
                    let query = "query($id: ID!) { status(id: $id) { id } }";
                    let data = self.a.gql(token, query, json!({ "id": p.note })).await;
                    if data["data"]["status"]["id"] == json!(p.note) {
                        seen.insert(p.visibility);
                    } else {
                        // Refused as if it did not exist.
                        let code = &data["errors"][0]["extensions"]["code"];
                        assert_eq!(code, "NOT_FOUND", "{viewer:?} {:?}", p.visibility);
                    }
                }
                seen
            }
            Path::Thread => {
                let query = "query($id: ID!) { thread(statusId: $id) { descendants { id } } }";
                let data = self.a.gql(token, query, json!({ "id": self.root })).await;
                let ids = data["data"]["thread"]["descendants"]
                    .as_array()
                    .map(|all| {
                        all.iter()
                            .map(|s| s["id"].as_str().unwrap().to_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                found(ids, true)
            }
            Path::AccountStatuses => {
                let query = format!(
                    "{{ accountStatuses(accountId: \"{}\", first: 50) {{ edges {{ node {{ id }} }} }} }}",
                    self.alice_id
                );
                found(self.ids(viewer, &query, "accountStatuses").await, false)
            }
            Path::LocalTimeline | Path::PublicTimeline | Path::HomeTimeline => {
                let field = match path {
                    Path::LocalTimeline => "localTimeline",
                    Path::PublicTimeline => "publicTimeline",
                    _ => "homeTimeline",
                };
                let query = format!("{{ {field}(first: 50) {{ edges {{ node {{ id }} }} }} }}");
                found(self.ids(viewer, &query, field).await, false)
            }
            Path::HashtagTimeline => {
                let query = format!(
                    "{{ hashtagTimeline(tag: \"{TAG}\", first: 50) {{ edges {{ node {{ id }} }} }} }}"
                );
                found(self.ids(viewer, &query, "hashtagTimeline").await, false)
            }
            Path::Search => {
                let query = format!(
                    "{{ search(query: \"{WORD}\", type: STATUSES, first: 50) {{ statuses {{ edges {{ node {{ id }} }} }} }} }}"
                );
                found(self.ids(viewer, &query, "search").await, false)
            }
            Path::Notifications => by_uri(self.notified(viewer).await, false),
            Path::LiveHome | Path::LivePublic | Path::LiveHashtag | Path::LiveConversation => {
                let mut seen = HashSet::new();
                for p in &self.posted {
                    let reach = reach(p).await;
                    let reached = match path {
                        Path::LiveHome => account.is_some_and(|v| reach.reaches_home(v)),
                        Path::LiveConversation => {
                            account.is_some_and(|v| reach.reaches_conversation(v))
                        }
                        Path::LivePublic => {
                            let all = reach.reaches_public(account, false);
                            assert_eq!(all, reach.reaches_public(account, true));
                            all
                        }
                        _ => reach.reaches_hashtag(account, TAG),
                    };
                    if reached {
                        seen.insert(p.visibility);
                    }
                }
                seen
            }
            Path::AccountRss | Path::AccountAtom | Path::HashtagRss | Path::HashtagAtom => {
                let feed = match path {
                    Path::AccountRss => "/@alice.rss".to_owned(),
                    Path::AccountAtom => "/@alice.atom".to_owned(),
                    Path::HashtagRss => format!("/tags/{TAG}.rss"),
                    _ => format!("/tags/{TAG}.atom"),
                };
                let body = self.feed(viewer, &feed).await;
                self.posted
                    .iter()
                    .filter(|p| body.contains(&p.note_id.0.to_string()))
                    .map(|p| p.visibility)
                    .collect()
            }
            Path::Note => {
                let mut seen = HashSet::new();
                for p in &self.posted {
                    let (code, note) = self.fetch(viewer, &p.note_uri).await;
                    match code {
                        200 => {
                            assert_eq!(note["id"], p.note_uri.as_str());
                            seen.insert(p.visibility);
                        }
                        code => assert_eq!(code, 404, "{viewer:?} {:?}", p.visibility),
                    }
                }
                seen
            }
            Path::Replies => {
                let (code, replies) = self
                    .fetch(viewer, &format!("{}/replies", self.root_uri))
                    .await;
                let items: HashSet<String> = match code {
                    200 => replies["orderedItems"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|i| i.as_str().unwrap().to_owned())
                        .collect(),
                    code => {
                        assert_eq!(code, 404, "{viewer:?}");
                        HashSet::new()
                    }
                };
                by_uri(items, true)
            }
            Path::Context => {
                let (code, root) = self.fetch(Viewer::Anonymous, &self.root_uri).await;
                assert_eq!(code, 200);
                let context = root["context"].as_str().unwrap();
                let items: HashSet<String> = match self.fetch(viewer, context).await {
                    (200, thread) => thread["orderedItems"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|i| i.as_str().unwrap().to_owned())
                        .collect(),
                    (code, _) => {
                        assert_eq!(code, 404, "{viewer:?}");
                        HashSet::new()
                    }
                };
                by_uri(items, true)
            }
            Path::Outbox => {
                let url = format!("{}/users/alice/outbox?page=true", self.a.base);
                let (code, page) = self.fetch(viewer, &url).await;
                assert_eq!(code, 200, "{viewer:?}");
                let items = page["orderedItems"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["object"]["id"].as_str().unwrap().to_owned())
                    .collect();
                by_uri(items, false)
            }
            Path::Activity => {
                let mut seen = HashSet::new();
                for p in &self.posted {
                    // Private and local statuses are sent by no activity at all.
                    let Some(url) = self.creation_of(p.note_id).await else {
                        assert!(!p.visibility.federates(), "{:?}", p.visibility);
                        continue;
                    };
                    let (code, activity) = self.fetch(viewer, &url).await;
                    match code {
                        200 => {
                            assert_eq!(activity["object"]["id"], p.note_uri.as_str());
                            seen.insert(p.visibility);
                        }
                        code => assert_eq!(code, 404, "{viewer:?} {:?}", p.visibility),
                    }
                }
                seen
            }
            Path::Webhook => {
                let (receiver, secret) = &self.hooks[&viewer];
                let ids: HashSet<String> = receiver
                    .events(secret)
                    .into_iter()
                    .filter(|(event, _)| event == "STATUS_CREATED")
                    .filter_map(|(_, object)| object["id"].as_str().map(str::to_owned))
                    .collect();
                self.posted
                    .iter()
                    .filter(|p| ids.contains(&rookery_domain::ids::global("Status", p.note_id.0)))
                    .map(|p| p.visibility)
                    .collect()
            }
        }
    }
}

async fn every_visibility_for_every_viewer_on_every_path(a: TestServer, b: TestServer) {
    let backend = a.backend;
    let world = World::build(a, b).await;
    world.settle().await;
    let mut wrong = Vec::new();
    let mut cells = 0;
    for viewer in Viewer::ALL {
        for path in Path::ALL {
            if !viewer.takes(path) {
                continue;
            }
            let seen = world.observe(viewer, path).await;
            for visibility in Visibility::ALL {
                let Some(want) = expected(visibility, viewer, path) else {
                    continue;
                };
                cells += 1;
                let got = seen.contains(&visibility);
                if got != want {
                    let what = if got { "leaked" } else { "refused" };
                    wrong.push(format!("{viewer:?} × {path:?} × {visibility:?}: {what}"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{backend}: {} of {cells} cells wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(cells > 700, "{cells}");
}

#[tokio::test]
async fn the_authorization_matrix_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    every_visibility_for_every_viewer_on_every_path(a, b).await;
}

#[tokio::test]
async fn the_authorization_matrix_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    every_visibility_for_every_viewer_on_every_path(a, b).await;
}

#[test]
fn the_cells_follow_the_rules() {
    use Path::*;
    use Viewer::*;
    use Visibility::*;
    // A few cells spelled out, so that `expected` itself is checked against the rules.
    assert_eq!(expected(Followers, RemoteFollower, Note), Some(true));
    assert_eq!(expected(Direct, RemoteMentioned, Outbox), Some(true));
    assert_eq!(expected(Followers, RemoteStranger, Replies), Some(false));
    assert_eq!(expected(Followers, RemoteFollower, Context), Some(true));
    assert_eq!(expected(Direct, RemoteStranger, Context), Some(false));
    assert_eq!(expected(Local, RemoteFollower, Activity), Some(false));
    assert_eq!(expected(Private, RemoteMentioned, Note), Some(false));
    assert_eq!(expected(Unlisted, Stranger, Search), Some(false));
    assert_eq!(expected(Unlisted, Follower, Search), Some(true));
    assert_eq!(expected(Public, Anonymous, Search), Some(false));
    assert_eq!(expected(Local, Anonymous, AccountRss), Some(false));
    assert_eq!(expected(Public, Blocked, HashtagAtom), Some(true));
    assert_eq!(expected(Private, Author, Webhook), Some(true));
    assert_eq!(expected(Followers, Admin, Webhook), Some(false));
    assert_eq!(expected(Public, Stranger, Webhook), Some(false));
    assert_eq!(expected(Public, Author, Note), None);
    assert_eq!(expected(Public, RemoteFollower, Status), None);
}
