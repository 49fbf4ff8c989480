//! Fake remote inboxes on loopback addresses: each records the address and path of every
//! POST as it arrives, and answers 202; one may be made slow, or never answer at all (a dead
//! host). And the remote followers whose inboxes they are. The fan-out benchmark uses them
//! too.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// The paths POSTed to, across every port, recorded as the POSTs arrive; and how many of
/// them were answered.
#[derive(Clone, Default)]
pub struct Received {
    seen: Arc<Mutex<HashSet<String>>>,
    answered: Arc<AtomicUsize>,
}

impl Received {
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
                    let path = request_line
                        .split_whitespace()
                        .nth(1)
                        .unwrap_or_default()
                        .to_owned();
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
                        if let Some((name, value)) = header.split_once(':')
                            && name.eq_ignore_ascii_case("content-length")
                        {
                            length = value.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut body = vec![0u8; length];
                    if reader.read_exact(&mut body).await.is_err() {
                        return;
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
