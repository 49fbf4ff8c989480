//! The command line: bad configuration, admin commands, migrations, config check.

use serde_json::json;

use super::process::{Server, free_port, listen_env, run};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn bad_configuration_stops_start_up_with_code_2_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[database]\nurll = \"sqlite://x.db\"\n").unwrap();
    let unknown = run(
        dir.path(),
        &[],
        &["serve", "--config", file.to_str().unwrap()],
        None,
    );
    let cases = [
        (unknown, "database"),
        (
            run(
                dir.path(),
                &[("ROOKERY_DATABASE__URL", "mysql://x".into())],
                &["serve"],
                None,
            ),
            "database.url",
        ),
        (
            run(
                dir.path(),
                &[("ROOKERY_INSTANCE__DOMAIN", "not a domain".into())],
                &["serve"],
                None,
            ),
            "instance.domain",
        ),
        (
            run(
                dir.path(),
                &[("ROOKERY_SERVER__LISTEN", "nowhere".into())],
                &["serve"],
                None,
            ),
            "server.listen",
        ),
        (
            run(
                dir.path(),
                &[
                    (
                        "ROOKERY_DATABASE__URL",
                        "postgres://nobody@127.0.0.1:1/none".into(),
                    ),
                    ("ROOKERY_DATABASE__CONNECT_TIMEOUT_SECS", "2".into()),
                ],
                &["serve"],
                None,
            ),
            "database.url",
        ),
        (
            run(
                dir.path(),
                &[("ROOKERY_DATA_DIR", "/proc/rookery".into())],
                &["serve"],
                None,
            ),
            "data_dir",
        ),
    ];
    for (output, key) in cases {
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{key}: {message}");
        assert_eq!(message.trim().lines().count(), 1, "one line: {message}");
        assert!(message.contains(key), "{key} not named in: {message}");
    }
    assert!(
        !dir.path().join("data").exists(),
        "a refused start left a data dir behind"
    );
}

#[tokio::test]
async fn admin_commands_migrations_and_config_check() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let env = listen_env(port);
    let created = run(
        dir.path(),
        &env,
        &[
            "admin",
            "create-user",
            "--username",
            "root_admin",
            "--email",
            "boss@example.org",
            "--role",
            "admin",
            "--password-stdin",
        ],
        Some("a long password\n"),
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let again = run(
        dir.path(),
        &env,
        &[
            "admin",
            "create-user",
            "--username",
            "root_admin",
            "--email",
            "x@example.org",
            "--password-stdin",
        ],
        Some("a long password\n"),
    );
    assert!(!again.status.success());
    assert!(stderr(&again).contains("taken"), "{}", stderr(&again));

    let blocked = run(
        dir.path(),
        &env,
        &[
            "admin",
            "block-domain",
            "--domain",
            "Spam.Example",
            "--reason",
            "spam",
        ],
        None,
    );
    assert!(blocked.status.success(), "{}", stderr(&blocked));
    let listed = run(dir.path(), &env, &["admin", "domain-blocks"], None);
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout),
        "spam.example\tsuspend\tspam\n"
    );
    let bad = run(
        dir.path(),
        &env,
        &["admin", "block-domain", "--domain", "not a domain"],
        None,
    );
    assert!(!bad.status.success());
    let lifted = run(
        dir.path(),
        &env,
        &["admin", "unblock-domain", "--domain", "spam.example"],
        None,
    );
    assert!(lifted.status.success());
    let again = run(
        dir.path(),
        &env,
        &["admin", "unblock-domain", "--domain", "spam.example"],
        None,
    );
    assert!(
        !again.status.success(),
        "lifting a block that is not there is an error"
    );

    let status = run(dir.path(), &env, &["migrate", "status"], None);
    assert!(String::from_utf8_lossy(&status.stdout).contains("applied m2026"));

    let secret = [
        (
            "ROOKERY_DATABASE__URL",
            "postgres://rookery:hunter2@127.0.0.1/rookery".into(),
        ),
        // Not a configuration key: other tools' ROOKERY_* variables are left alone.
        ("ROOKERY_TEST_REQUIRE_SERVICES", "1".into()),
    ];
    let check = run(dir.path(), &secret, &["config", "check"], None);
    let shown = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success());
    assert!(
        shown.contains("REDACTED") && !shown.contains("hunter2"),
        "{shown}"
    );

    let server = Server::start(dir.path(), port, &[]).await;
    let login = "mutation($p: String!) { login(input: {username: \"root_admin\", password: $p}) { token } }";
    let data = server
        .ok(None, login, json!({ "p": "a long password" }))
        .await;
    assert!(data["login"]["token"].is_string());
    server.stop();

    let reset = run(
        dir.path(),
        &env,
        &[
            "admin",
            "reset-password",
            "--username",
            "root_admin",
            "--password-stdin",
        ],
        Some("another password\n"),
    );
    assert!(reset.status.success(), "{}", stderr(&reset));
    let server = Server::start(dir.path(), port, &[]).await;
    assert_eq!(
        server
            .code(None, login, json!({ "p": "a long password" }))
            .await,
        "INVALID_CREDENTIALS"
    );
    server
        .ok(None, login, json!({ "p": "another password" }))
        .await;
    server.stop();
}

#[tokio::test]
async fn json_logs_are_one_object_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut env = listen_env(port);
    env.push(("ROOKERY_LOG__FORMAT", "json".into()));
    env.push(("ROOKERY_LOG__LEVEL", "info".into()));
    let child = super::process::rookery(dir.path(), &env)
        .arg("serve")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let mut ready = false;
    for _ in 0..300 {
        let answer = client
            .get(format!("http://127.0.0.1:{port}/ready"))
            .send()
            .await;
        if answer.is_ok_and(|r| r.status().is_success()) {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready);
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["fields"]["message"] == "rookery is serving"),
        "{stdout}"
    );
    assert!(lines.iter().all(|l| l["level"].is_string()));
}

/// The single-machine default makes its secrets key (mode 0600) on first start, seals
/// actor keys with it, and `secrets rotate` seals them again under a new key: the file
/// then holds the new key alone, which opens everything (a second rotation succeeds).
#[tokio::test]
async fn secrets_are_sealed_with_a_key_file_that_rotates() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let env = listen_env(free_port());
    let created = run(
        dir.path(),
        &env,
        &[
            "admin",
            "create-user",
            "--username",
            "keeper",
            "--email",
            "keeper@example.org",
            "--password-stdin",
        ],
        Some("a long password\n"),
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let key_file = dir.path().join("data/secrets.key");
    let first = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(first.lines().count(), 1);
    let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let database = dir.path().join("data/rookery.db");
    let stored = |sql: &str| {
        let output = std::process::Command::new("sqlite3")
            .arg(&database)
            .arg(sql)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let sealed_before = stored("SELECT private_key_pem FROM accounts WHERE username = 'keeper'");
    assert!(sealed_before.starts_with("sealed:v1:"), "{sealed_before}");

    for round in 0..2 {
        let rotated = run(dir.path(), &env, &["secrets", "rotate"], None);
        assert!(
            rotated.status.success(),
            "round {round}: {}",
            stderr(&rotated)
        );
    }
    let last = std::fs::read_to_string(&key_file).unwrap();
    assert_eq!(last.lines().count(), 1);
    assert_ne!(last, first);
    let sealed_after = stored("SELECT private_key_pem FROM accounts WHERE username = 'keeper'");
    assert!(sealed_after.starts_with("sealed:v1:"));
    assert_ne!(sealed_after, sealed_before);

    // With the old key alone, nothing opens: the rotation refuses to go on.
    std::fs::write(&key_file, &first).unwrap();
    let refused = run(dir.path(), &env, &["secrets", "rotate"], None);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("secrets"), "{}", stderr(&refused));
}
