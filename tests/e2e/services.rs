//! A missing test tool (aiosmtpd or moto in `ROOKERY_TEST_PYTHON`, the Fedify peer in
//! `ROOKERY_TEST_FEDIFY_PEER`) fails its test under `ROOKERY_TEST_REQUIRE_SERVICES=1`, and
//! otherwise skips it with one `SKIPPED:` line that `make test` counts. Each test is run
//! alone, in a child process of this test binary, with the tool pointed at nowhere.

use std::process::Command;

/// The tests that need a tool, the variable that names where the tool is, and what the
/// test says when it is not there.
const NEEDS: &[(&str, &str, &str)] = &[
    (
        "mail::confirmation_links_and_reports_reach_people_over_smtp",
        "ROOKERY_TEST_PYTHON",
        "aiosmtpd is missing from /nonexistent/python",
    ),
    (
        "media::the_s3_store_keeps_and_serves_the_same_bytes_as_a_local_directory",
        "ROOKERY_TEST_PYTHON",
        "moto is missing from /nonexistent/python",
    ),
    (
        "fedify::follows_and_notes_go_both_ways_with_a_fedify_server",
        "ROOKERY_TEST_FEDIFY_PEER",
        "the Fedify peer's packages are missing from /nonexistent/fedify-peer",
    ),
];

/// What the test says is missing: without Node.js, the Fedify peer's test says that first.
fn reason_for(variable: &str, reason: &'static str) -> &'static str {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if variable == "ROOKERY_TEST_FEDIFY_PEER" && !node {
        "node is not on PATH"
    } else {
        reason
    }
}

/// Runs `test` alone with `variable` pointing at a path that does not exist; returns
/// whether it passed and everything it printed.
fn run_alone(test: &str, variable: &str, required: bool) -> (bool, String) {
    let bogus = if variable == "ROOKERY_TEST_PYTHON" {
        "/nonexistent/python"
    } else {
        "/nonexistent/fedify-peer"
    };
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args([test, "--exact"]).env(variable, bogus);
    if required {
        command.env("ROOKERY_TEST_REQUIRE_SERVICES", "1");
    } else {
        command.env_remove("ROOKERY_TEST_REQUIRE_SERVICES");
    }
    let output = command.output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), said)
}

#[test]
fn a_missing_test_tool_fails_its_test_when_services_are_required() {
    for (test, variable, reason) in NEEDS {
        let reason = reason_for(variable, reason);
        let (passed, said) = run_alone(test, variable, true);
        assert!(!passed, "{test} passed without its tool:\n{said}");
        assert!(said.contains(reason), "{test}:\n{said}");
        assert!(said.contains("ROOKERY_TEST_REQUIRE_SERVICES"), "{said}");
        assert!(!said.contains("SKIPPED:"), "{test}:\n{said}");
        assert!(said.contains("1 failed"), "{test}:\n{said}");
    }
}

#[test]
fn a_missing_test_tool_skips_its_test_with_one_counted_line_otherwise() {
    for (test, variable, reason) in NEEDS {
        let reason = reason_for(variable, reason);
        let (passed, said) = run_alone(test, variable, false);
        assert!(passed, "{test}:\n{said}");
        let lines: Vec<&str> = said
            .lines()
            .filter(|line| line.starts_with("SKIPPED: "))
            .collect();
        assert_eq!(lines.len(), 1, "{test}:\n{said}");
        assert!(
            lines[0].starts_with(&format!("SKIPPED: {test}: {reason}")),
            "{test}: {}",
            lines[0]
        );
    }
}
