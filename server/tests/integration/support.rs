//! A real server on a loopback port over a fresh database, and a GraphQL client for it.

use std::sync::Arc;
use std::time::Duration;

use poem::Server;
use poem::listener::{Acceptor, Listener, TcpListener};
use rookery_domain::db::DatabaseConnection;
use rookery_domain::media::MediaLimits;
use rookery_domain::ports::EventBus;
use rookery_domain::service::App;
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::media::MediaServices;
use rookery_domain::service::outbox::Outbox;
use rookery_domain::testing::TestDb;
use rookery_domain::testing::multipart::graphql_upload;
use rookery_domain::types::{Instance, RegistrationMode};
use rookery_federation::context::FederationContext;
use rookery_federation::fetch::{FetchPolicy, Fetcher};
use rookery_jobs::{JobContext, JobQueue, Queue, QueueConfig, Workers};
use rookery_server::http::web_client::WebClient;
use rookery_server::media_store::ObjectMediaStore;
use rookery_server::{graphql, http, state::AppState};
use serde_json::{Value, json};

pub struct TestServer {
    pub base: String,
    pub client: reqwest::Client,
    pub backend: &'static str,
    /// The instance as served (its domain is `rookery.test`, or the real address).
    pub instance: Instance,
    pub db: TestDb,
    /// Where its mail is written (no SMTP server is configured).
    pub mail_dir: std::path::PathBuf,
    /// Where its media is kept.
    pub media_dir: std::path::PathBuf,
    /// The background workers, running for servers that federate; kept so that they run
    /// as long as the server.
    _workers: Option<Workers>,
}

/// What test servers ask scrapers of `/metrics` for.
pub const METRICS_TOKEN: &str = "scrape-token";

pub fn instance() -> Instance {
    Instance {
        domain: "rookery.test".into(),
        base_url: url::Url::parse("https://rookery.test/").unwrap(),
        name: "Test".into(),
        description: String::new(),
        registration_mode: RegistrationMode::Open,
        max_status_chars: 5000,
        max_media_attachments: 4,
        require_email_confirmation: false,
    }
}

/// Serves `test`'s database; `db` may carry a metric callback. With `real_domain`, the
/// instance's domain is its loopback address, so other servers can fetch its documents,
/// and background workers deliver what it sends.
pub async fn serve_full(
    test: TestDb,
    db: DatabaseConnection,
    auth_per_minute: u32,
    real_domain: bool,
) -> TestServer {
    serve_configured(test, db, auth_per_minute, real_domain, false, &|_| {}).await
}

/// A server whose state `configure` changed before it serves.
pub async fn serve_changed(
    test: TestDb,
    auth_per_minute: u32,
    configure: &dyn Fn(&mut AppState),
) -> TestServer {
    let db = test.db.clone();
    serve_configured(test, db, auth_per_minute, false, false, configure).await
}

/// A server behind a reverse proxy on loopback: its forwarding headers are believed.
pub async fn serve_behind_proxy(test: TestDb, auth_per_minute: u32) -> TestServer {
    let trust = |state: &mut AppState| {
        state.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
    };
    serve_changed(test, auth_per_minute, &trust).await
}

/// A federating server in secure mode (authorized fetch).
pub async fn serve_secure(test: TestDb) -> TestServer {
    let db = test.db.clone();
    serve_configured(test, db, 1000, true, true, &|_| {}).await
}

async fn serve_configured(
    test: TestDb,
    db: DatabaseConnection,
    auth_per_minute: u32,
    real_domain: bool,
    authorized_fetch: bool,
    configure: &dyn Fn(&mut AppState),
) -> TestServer {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
    let mut instance = instance();
    if real_domain {
        instance.domain = addr.to_string();
        instance.base_url = url::Url::parse(&format!("http://{addr}/")).unwrap();
    }
    // Tests federate over loopback only.
    let policy = FetchPolicy {
        allow_private: true,
        ..FetchPolicy::default()
    };
    let fetcher = Fetcher::new(policy, "rookery-test").unwrap();
    let fetcher = rookery_server::start::signing_as_instance(&db, &instance, fetcher)
        .await
        .unwrap();
    // A wide batch window: tests assert what is batched, not how fast a busy machine is.
    let window = Duration::from_millis(25);
    let queue = JobQueue::open(
        &db,
        QueueConfig {
            poll_interval: Duration::from_millis(50),
            ..QueueConfig::default()
        },
    )
    .await
    .unwrap();
    let mail_dir = std::env::temp_dir().join(format!("rookery-mail-{}", uuid::Uuid::now_v7()));
    let mailer =
        rookery_jobs::mail::mailer(None, "Rookery <noreply@rookery.test>", mail_dir.clone())
            .unwrap();
    let media_dir = std::env::temp_dir().join(format!("rookery-media-{}", uuid::Uuid::now_v7()));
    let media = MediaServices {
        store: Arc::new(ObjectMediaStore::local(&media_dir).unwrap()),
        queue: Arc::new(queue.clone()),
        limits: MediaLimits::default(),
        decode_budget: Arc::default(),
    };
    let events: Arc<dyn EventBus> = Arc::new(LocalBus::default());
    let outbox = Outbox::new(instance.clone(), Arc::new(queue.clone()), events);
    let federation = FederationContext::new(App::new(db, outbox), fetcher).config();
    let context = Arc::new(JobContext::new(
        queue.clone(),
        mailer,
        media.clone(),
        federation.clone(),
    ));
    // Servers that federate run every worker; the others process media only.
    let workers = if real_domain {
        Workers::start(context)
    } else {
        Workers::start_queues(context, &[Queue::Media])
    };
    let mut state = AppState::new(auth_per_minute, window, federation, media);
    state.metrics_token = Some(METRICS_TOKEN.into());
    state.authorized_fetch = authorized_fetch;
    // Tests resolve many remote objects a minute.
    state.lookup_limiter = rookery_server::state::lookup_limiter(100_000);
    // What a test sees must not depend on whether `frontend/dist` was built before the
    // binary: the plain pages, unless a test serves a client build from a directory.
    state.web_client = WebClient::Absent;
    configure(&mut state);
    http::metrics::recorder();
    let state = Arc::new(state);
    let schemas = graphql::schemas(state.clone(), 16, 10_000);
    let app = http::routes(state, schemas, true);
    tokio::spawn(Server::new_with_acceptor(acceptor).run(app));
    TestServer {
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        backend: test.backend,
        instance,
        db: test,
        mail_dir,
        media_dir,
        _workers: Some(workers),
    }
}

pub async fn serve_with(test: TestDb, db: DatabaseConnection, auth_per_minute: u32) -> TestServer {
    serve_full(test, db, auth_per_minute, false).await
}

pub async fn serve(test: TestDb) -> TestServer {
    let db = test.db.clone();
    serve_with(test, db, 1000).await
}

/// A server on each backend available.
pub async fn servers() -> Vec<TestServer> {
    let mut all = Vec::new();
    for test in TestDb::all().await {
        all.push(serve(test).await);
    }
    all
}

impl TestServer {
    /// Posts a GraphQL request and returns the whole JSON response.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.unwrap().json().await.unwrap()
    }

    /// Posts a GraphQL multipart request (the upload spec): each file in `files` goes to
    /// the variable it names; returns the whole JSON response.
    pub async fn gql_files(
        &self,
        token: &str,
        query: &str,
        variables: Value,
        files: &[(&str, Vec<u8>)],
    ) -> Value {
        let (content_type, body) = graphql_upload(query, variables, files);
        self.client
            .post(format!("{}/graphql", self.base))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// `data`, asserting there were no errors.
    pub async fn ok(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let response = self.gql(token, query, variables).await;
        assert!(
            response.get("errors").is_none(),
            "{}: {response}",
            self.backend
        );
        response["data"].clone()
    }

    /// The first error's code, asserting there was one.
    pub async fn error_code(&self, token: Option<&str>, query: &str, variables: Value) -> String {
        let response = self.gql(token, query, variables).await;
        response["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: no error code in {response}", self.backend))
            .to_owned()
    }

    /// Registers a user; returns (token, account id).
    pub async fn register(&self, username: &str) -> (String, String) {
        let data = self
            .ok(
                None,
                "mutation($u: String!, $e: String!) { register(input: {username: $u, email: $e, password: \"correct horse\"}) { token account { id } } }",
                json!({ "u": username, "e": format!("{username}@example.org") }),
            )
            .await;
        (
            data["register"]["token"].as_str().unwrap().to_owned(),
            data["register"]["account"]["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        )
    }

    /// The mail waiting to go to `to`, each as its subject, a new line and its body.
    pub async fn mails_to(&self, to: &str) -> Vec<String> {
        let db = &self.db.db;
        let later = chrono::Utc::now() + chrono::Duration::seconds(5);
        let mut found = Vec::new();
        for id in rookery_domain::store::mails::unsent(db, later, 100, 1000)
            .await
            .unwrap()
        {
            let mail = rookery_domain::store::mails::by_id(db, id)
                .await
                .unwrap()
                .unwrap();
            if mail.to == to {
                found.push(format!("{}\n{}", mail.subject, mail.body));
            }
        }
        found
    }

    pub async fn post(&self, token: &str, text: &str, visibility: &str) -> String {
        let data = self
            .ok(
                Some(token),
                "mutation($t: String!, $v: Visibility!) { createStatus(input: {text: $t, visibility: $v}) { status { id } } }",
                json!({ "t": text, "v": visibility }),
            )
            .await;
        data["createStatus"]["status"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}
