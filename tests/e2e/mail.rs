//! Mail over real SMTP: the links confirming new addresses, and a report filed on a
//! `rookery serve`, reach their people through an SMTP server process (aiosmtpd, installed
//! by `make test`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rookery_domain::testing::skip_unless_required;
use serde_json::json;

use super::process::{Server, free_port, run};

/// An aiosmtpd process that files every message it accepts in a Maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpServer {
    /// Starts one, or returns None (skipping) when the test tools are not installed and
    /// services are not required.
    async fn start(dir: &Path) -> Option<Self> {
        let python = std::env::var("ROOKERY_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let installed = Command::new(&python)
            .args(["-c", "import aiosmtpd"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            skip_unless_required(&format!(
                "aiosmtpd is missing from {python} (`make test-tools` installs it)"
            ));
            return None;
        }
        let port = free_port();
        let maildir = dir.join("maildir");
        let child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Some(Self {
            child,
            port,
            maildir,
        })
    }

    /// The first message received whose text holds `needle`, waiting up to 20 seconds.
    async fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(mail) = self.received().into_iter().find(|m| m.contains(needle)) {
                return mail;
            }
            assert!(
                Instant::now() < deadline,
                "no mail with {needle:?} reached the SMTP server"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The messages received so far.
    fn received(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect()
    }
}

#[tokio::test]
async fn confirmation_links_and_reports_reach_people_over_smtp() {
    let dir = tempfile::tempdir().unwrap();
    let Some(smtp) = SmtpServer::start(dir.path()).await else {
        return;
    };
    let port = free_port();
    let env = vec![
        (
            "ROOKERY_MAIL__SMTP_URL",
            format!("smtp://127.0.0.1:{}", smtp.port),
        ),
        (
            "ROOKERY_MAIL__FROM",
            "Rookery Moderation <moderation@rookery.test>".to_owned(),
        ),
    ];
    let created = run(
        dir.path(),
        &env,
        &[
            "admin",
            "create-user",
            "--username",
            "moira",
            "--email",
            "moira@example.org",
            "--role",
            "moderator",
            "--password-stdin",
        ],
        Some("correct horse\n"),
    );
    assert!(created.status.success(), "{created:?}");
    let server = Server::start(dir.path(), port, &env).await;
    let register = "mutation($u: String!) { register(input: {username: $u, email: \"x@example.org\", password: \"correct horse\"}) { token account { id } } }";
    let alice = server.ok(None, register, json!({ "u": "alice" })).await;
    let token = alice["register"]["token"].as_str().unwrap().to_owned();
    let spammer = server
        .ok(
            None,
            &register.replace("x@example.org", "y@example.org"),
            json!({ "u": "spammer" }),
        )
        .await;
    let spammer_id = spammer["register"]["account"]["id"].as_str().unwrap();

    // With SMTP set, new accounts confirm their address: each got its link, over SMTP.
    let to = |address: &str| format!("To: {address}");
    let confirmation = smtp.wait_for(&to("x@example.org")).await;
    assert!(
        confirmation.contains("Subject: Confirm your address on"),
        "{confirmation}"
    );
    let link = "/confirm-email?token=";
    let unfolded = confirmation
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    let start = unfolded
        .find(link)
        .unwrap_or_else(|| panic!("{confirmation}"))
        + link.len();
    let link_token = unfolded[start..].split_whitespace().next().unwrap();
    let confirmed = server
        .ok(
            None,
            "mutation($t: String!) { confirmEmail(input: {token: $t}) { email } }",
            json!({ "t": link_token }),
        )
        .await;
    assert_eq!(confirmed["confirmEmail"]["email"], "x@example.org");
    smtp.wait_for(&to("y@example.org")).await;

    server
        .ok(
            Some(&token),
            "mutation($id: ID!) { createReport(input: {accountId: $id, comment: \"sells fake watches\", category: SPAM}) { reportId } }",
            json!({ "id": spammer_id }),
        )
        .await;
    let mail = smtp.wait_for(&to("moira@example.org")).await;
    assert!(
        mail.contains("From: \"Rookery Moderation\" <moderation@rookery.test>"),
        "{mail}"
    );
    assert!(mail.contains("Subject: New report: @spammer"), "{mail}");
    assert!(mail.contains("sells fake watches"), "{mail}");
    let mails = smtp.received();
    assert_eq!(mails.len(), 3, "two links and the report: {mails:?}");
    // Sent once: nothing lands in the data directory instead.
    assert!(!dir.path().join("data/mail").exists());
    server.stop();
}
