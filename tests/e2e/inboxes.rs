//! Fake remote inboxes on loopback addresses: each records the address and path of every
//! POST as it arrives, and answers 202; one may be made slow, or never answer at all (a dead
//! host), or check each delivery (its signature) and refuse it with 401. And the remote
//! followers whose inboxes they are. The fan-out benchmark uses them too.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A POST as an inbox read it.
pub struct Delivery<'a> {
    pub method: &'a str,
    /// The path and query.
    pub path: &'a str,
    /// The headers, names in lower case, in the order they came.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

impl Delivery<'_> {
    /// The first value of the header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What an inbox checks of each delivery, given its own origin (`http://IP:PORT`).
type Check = dyn Fn(&str, &Delivery<'_>) -> Result<(), String> + Send + Sync;

/// The paths POSTed to, across every port, recorded as the POSTs arrive; and how many of
/// them were answered. With a check, only POSTs that pass it are recorded; the others are
/// refused with 401 and their reasons kept.
#[derive(Clone, Default)]
pub struct Received {
    seen: Arc<Mutex<HashSet<String>>>,
    answered: Arc<AtomicUsize>,
    check: Arc<OnceLock<Box<Check>>>,
    refused: Arc<Mutex<Vec<String>>>,
}

impl Received {
    /// Checks every POST from now on with `check`, once.
    pub fn check_with(
        &self,
        check: impl Fn(&str, &Delivery<'_>) -> Result<(), String> + Send + Sync + 'static,
    ) {
        assert!(
            self.check.set(Box::new(check)).is_ok(),
            "the inboxes already check deliveries"
        );
    }

    /// Why POSTs were refused, each as `path: reason`.
    pub fn refused(&self) -> Vec<String> {
        self.refused.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }

    /// How many POSTs were answered.
    pub fn answered(&self) -> usize {
        self.answered.load(Ordering::SeqCst)
    }

    /// Whether some inbox received a POST to `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .any(|seen| seen.ends_with(path))
    }
}

/// Listens on a free port of 127.0.0.1; POSTs are answered after `delay`. Returns the port.
pub async fn listen(received: Received, delay: Duration) -> u16 {
    listen_on([127, 0, 0, 1].into(), received, delay).await
}

/// Listens on a free port of 127.0.0.1 and reads POSTs, but never answers one. Returns the
/// port.
pub async fn never_answering(received: Received) -> u16 {
    listen_on([127, 0, 0, 1].into(), received, Duration::MAX).await
}

/// Listens on a free port of `ip` (any 127.x.y.z is loopback); `Duration::MAX` never answers.
pub async fn listen_on(ip: std::net::IpAddr, received: Received, delay: Duration) -> u16 {
    let listener = TcpListener::bind((ip, 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let received = received.clone();
            tokio::spawn(async move {
                let (reader, mut writer) = socket.into_split();
                let mut reader = BufReader::new(reader);
                loop {
                    let mut request_line = String::new();
                    if reader.read_line(&mut request_line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let mut words = request_line.split_whitespace();
                    let method = words.next().unwrap_or_default().to_owned();
                    let path = words.next().unwrap_or_default().to_owned();
                    let mut headers = Vec::new();
                    let mut length = 0usize;
                    loop {
                        let mut header = String::new();
                        if reader.read_line(&mut header).await.unwrap_or(0) == 0 {
                            return;
                        }
                        let header = header.trim_end();
                        if header.is_empty() {
                            break;
                        }
                        if let Some((name, value)) = header.split_once(':') {
                            if name.eq_ignore_ascii_case("content-length") {
                                length = value.trim().parse().unwrap_or(0);
                            }
                            headers.push((name.to_lowercase(), value.trim().to_owned()));
                        }
                    }
                    let mut body = vec![0u8; length];
                    if reader.read_exact(&mut body).await.is_err() {
                        return;
                    }
                    if let Some(check) = received.check.get() {
                        let delivery = Delivery {
                            method: &method,
                            path: &path,
                            headers: &headers,
                            body: &body,
                        };
                        if let Err(reason) = check(&format!("http://{ip}:{port}"), &delivery) {
                            received
                                .refused
                                .lock()
                                .unwrap()
                                .push(format!("{path}: {reason}"));
                            let reply = "HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n";
                            if writer.write_all(reply.as_bytes()).await.is_err() {
                                return;
                            }
                            continue;
                        }
                    }
                    received
                        .seen
                        .lock()
                        .unwrap()
                        .insert(format!("{ip}:{port}{path}"));
                    if delay == Duration::MAX {
                        std::future::pending::<()>().await;
                    }
                    tokio::time::sleep(delay).await;
                    let reply = "HTTP/1.1 202 Accepted\r\ncontent-length: 0\r\n\r\n";
                    if writer.write_all(reply.as_bytes()).await.is_err() {
                        return;
                    }
                    received.answered.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
    });
    port
}

/// Makes `http://{host}/users/{username}` a remote account that follows `followee`; its
/// server has a shared inbox at `/inbox` when `shared_inbox`.
pub async fn follower(
    db: &rookery_domain::db::DatabaseConnection,
    host: &str,
    username: &str,
    shared_inbox: bool,
    followee: rookery_domain::ids::AccountId,
) {
    use rookery_domain::service::remote::{self, RemoteActor};
    let actor = format!("http://{host}/users/{username}");
    let account = remote::upsert_account(
        db,
        RemoteActor {
            actor_id: actor.clone(),
            key_id: format!("{actor}#main-key"),
            public_key_pem: String::new(),
            username: username.to_owned(),
            domain: host.to_owned(),
            display_name: String::new(),
            note_html: String::new(),
            fields: Vec::new(),
            url: actor.clone(),
            inbox_url: format!("{actor}/inbox"),
            shared_inbox_url: shared_inbox.then(|| format!("http://{host}/inbox")),
            outbox_url: None,
            followers_url: None,
            following_url: None,
            featured_url: None,
            locked: false,
            bot: false,
            discoverable: false,
            indexable: false,
            published: None,
            avatar_url: None,
            header_url: None,
        },
    )
    .await
    .unwrap();
    rookery_domain::store::follows::insert(db, account.id, followee, None)
        .await
        .unwrap();
}
