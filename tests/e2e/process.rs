//! Starting, talking to and stopping a `rookery` process.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The `rookery` binary next to this test's own build.
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap();
    let path = dir.join("rookery");
    assert!(
        path.is_file(),
        "{} is missing: build it first (cargo build -p rookery-server)",
        path.display()
    );
    path
}

/// A command for `rookery` with no `ROOKERY_*` variables but those given.
pub fn rookery(cwd: &Path, env: &[(&str, String)]) -> Command {
    let mut command = Command::new(binary());
    command.current_dir(cwd);
    for (key, _) in std::env::vars() {
        if key.starts_with("ROOKERY_") {
            command.env_remove(key);
        }
    }
    for (key, value) in env {
        command.env(key, value);
    }
    // Processes on one PostgreSQL database share a key for its secrets, as in production;
    // it is the tests' own, so that what they seal in-process opens there too.
    let on_postgres = env
        .iter()
        .any(|(key, value)| *key == "ROOKERY_DATABASE__URL" && value.starts_with("postgres"));
    if on_postgres
        && !env
            .iter()
            .any(|(key, _)| key.starts_with("ROOKERY_SECRETS__"))
    {
        command.env("ROOKERY_SECRETS__KEY", rookery_domain::testing::SECRETS_KEY);
    }
    command
}

pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The environment that puts a server on `port` and nothing else.
pub fn listen_env(port: u16) -> Vec<(&'static str, String)> {
    vec![
        ("ROOKERY_SERVER__LISTEN", format!("127.0.0.1:{port}")),
        ("ROOKERY_INSTANCE__DOMAIN", format!("127.0.0.1:{port}")),
        ("ROOKERY_LOG__LEVEL", "warn".into()),
    ]
}

pub struct Server {
    pub child: Child,
    pub base: String,
    pub client: reqwest::Client,
}

impl Server {
    /// Starts `rookery serve` and waits until it answers.
    pub async fn start(cwd: &Path, port: u16, extra: &[(&str, String)]) -> Self {
        Self::start_with(cwd, port, extra, &["serve"]).await
    }

    /// Starts `rookery` with `args` and waits until it answers HTTP.
    pub async fn start_with(
        cwd: &Path,
        port: u16,
        extra: &[(&str, String)],
        args: &[&str],
    ) -> Self {
        let mut env = listen_env(port);
        env.extend(extra.iter().cloned());
        let child = rookery(cwd, &env)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let server = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = server
                .client
                .get(format!("{}/ready", server.base))
                .send()
                .await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            assert!(Instant::now() < deadline, "rookery did not become ready");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sends SIGTERM and waits for a clean exit.
    pub fn stop(mut self) {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success());
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "rookery exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "rookery did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

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

    pub async fn ok(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let response = self.gql(token, query, variables).await;
        assert!(response.get("errors").is_none(), "{response}");
        response["data"].clone()
    }

    pub async fn code(&self, token: Option<&str>, query: &str, variables: Value) -> String {
        let response = self.gql(token, query, variables).await;
        response["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code in {response}"))
            .to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `rookery` to completion.
pub fn run(cwd: &Path, env: &[(&str, String)], args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = rookery(cwd, env)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}
