//! Two-factor sign-in over GraphQL and the web client's session route: TOTP set up with a
//! first code, ten single-use recovery codes, log-in in two steps where each code counts
//! once, a challenge that dies after five wrong codes or five minutes, turning it off, and
//! an instance that asks its staff for a second factor.

use chrono::{Duration, Utc};
use rookery_domain::service::credentials;
use rookery_domain::store;
use rookery_domain::types::RoleKey;
use serde_json::{Value, json};
use totp_rs::{Builder, Secret};

use super::moderation::staff;
use super::support::{TestServer, servers};

const STATE: &str = "{ twoFactor { totp recoveryCodesLeft } }";
const BEGIN: &str =
    "mutation($p: String!) { beginTotpSetup(input: {password: $p}) { secret uri qrSvg } }";
const ENABLE: &str = "mutation($c: String!) { enableTotp(input: {code: $c}) { recoveryCodes } }";
const DISABLE: &str = "mutation($p: String!, $c: String!) { disableTotp(input: {password: $p, code: $c}) { disabled } }";
const REGENERATE: &str = "mutation($p: String!, $c: String!) { regenerateRecoveryCodes(input: {password: $p, code: $c}) { recoveryCodes } }";
const LOGIN: &str = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token account { username } twoFactorChallenge } }";
const COMPLETE: &str = "mutation($ch: String!, $c: String!) { completeLogin(input: {challenge: $ch, code: $c}) { token account { username } } }";
const ME: &str = "{ viewer { username } }";

fn code(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
}

/// The code of `secret` for the time step `steps` away from now.
fn totp_code(secret: &str, steps: i64) -> String {
    let totp = Builder::new()
        .with_secret(Secret::try_from_base32(secret).unwrap())
        .with_account_name("test")
        .build()
        .unwrap();
    let at = Utc::now().timestamp() + steps * 30;
    totp.generate(u64::try_from(at).unwrap()).to_string()
}

/// A six-digit code that fits no step near now.
fn wrong_code(secret: &str) -> String {
    let near: Vec<String> = (-1..=1).map(|steps| totp_code(secret, steps)).collect();
    (0..1_000_000)
        .map(|n| format!("{n:06}"))
        .find(|candidate| !near.contains(candidate))
        .unwrap()
}

async fn challenge(server: &TestServer, username: &str) -> String {
    let login = server
        .ok(None, LOGIN, json!({ "u": username, "p": "correct horse" }))
        .await;
    assert_eq!(login["login"]["token"], Value::Null, "{login}");
    assert_eq!(login["login"]["account"], Value::Null, "{login}");
    login["login"]["twoFactorChallenge"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn complete(server: &TestServer, challenge: &str, code: &str) -> Value {
    server
        .gql(None, COMPLETE, json!({ "ch": challenge, "c": code }))
        .await
}

#[tokio::test]
async fn totp_is_set_up_and_asked_for_at_log_in_each_code_once() {
    for server in servers().await {
        let (token, _) = server.register("tess").await;
        let state = server.ok(Some(&token), STATE, json!({})).await;
        assert_eq!(
            state["twoFactor"],
            json!({ "totp": false, "recoveryCodesLeft": 0 })
        );

        let wrong = server
            .gql(Some(&token), BEGIN, json!({ "p": "wrong horse" }))
            .await;
        assert_eq!(code(&wrong), "INVALID_CREDENTIALS", "{wrong}");
        let begun = server
            .ok(Some(&token), BEGIN, json!({ "p": "correct horse" }))
            .await;
        let setup = &begun["beginTotpSetup"];
        let secret = setup["secret"].as_str().unwrap().to_owned();
        assert_eq!(secret.len(), 32, "160 bits in base32");
        let uri = setup["uri"].as_str().unwrap();
        assert!(
            uri.starts_with("otpauth://totp/rookery.test:tess%40rookery.test?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={secret}")), "{uri}");
        assert!(setup["qrSvg"].as_str().unwrap().starts_with("<svg"));
        // Not on until a right code confirms it.
        let refused = server
            .gql(Some(&token), ENABLE, json!({ "c": wrong_code(&secret) }))
            .await;
        assert_eq!(code(&refused), "INVALID_TWO_FACTOR_CODE", "{refused}");
        let still_off = server.ok(Some(&token), STATE, json!({})).await;
        assert_eq!(still_off["twoFactor"]["totp"], false);
        let plain = server
            .ok(None, LOGIN, json!({ "u": "tess", "p": "correct horse" }))
            .await;
        assert!(plain["login"]["token"].is_string(), "{plain}");

        let enabled = server
            .ok(Some(&token), ENABLE, json!({ "c": totp_code(&secret, -1) }))
            .await;
        let recovery: Vec<String> = enabled["enableTotp"]["recoveryCodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|code| code.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(recovery.len(), 10);
        assert!(
            recovery
                .iter()
                .all(|code| code.len() == 11 && &code[5..6] == "-")
        );
        let mut unique = recovery.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        let state = server.ok(Some(&token), STATE, json!({})).await;
        assert_eq!(
            state["twoFactor"],
            json!({ "totp": true, "recoveryCodesLeft": 10 })
        );
        let again = server
            .gql(Some(&token), BEGIN, json!({ "p": "correct horse" }))
            .await;
        assert_eq!(code(&again), "VALIDATION", "on already: {again}");

        // Log-in takes two steps now; the step used to enable counts no more.
        let first = challenge(&server, "tess").await;
        for bad in [
            wrong_code(&secret),
            totp_code(&secret, -1),
            "zzzzz-zzzzz".into(),
        ] {
            let refused = complete(&server, &first, &bad).await;
            assert_eq!(
                code(&refused),
                "INVALID_TWO_FACTOR_CODE",
                "{bad}: {refused}"
            );
        }
        let now_code = totp_code(&secret, 0);
        let done = complete(&server, &first, &now_code).await;
        let new_token = done["data"]["completeLogin"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("{done}"));
        assert_eq!(done["data"]["completeLogin"]["account"]["username"], "tess");
        server.ok(Some(new_token), ME, json!({})).await;
        let used = complete(&server, &first, &totp_code(&secret, 1)).await;
        assert_eq!(
            code(&used),
            "UNAUTHENTICATED",
            "a challenge is used once: {used}"
        );

        // A code is taken once, even on another challenge; a recovery code too.
        let second = challenge(&server, "tess").await;
        let replayed = complete(&server, &second, &now_code).await;
        assert_eq!(code(&replayed), "INVALID_TWO_FACTOR_CODE", "{replayed}");
        let upper = recovery[0].to_uppercase();
        let done = complete(&server, &second, &upper).await;
        assert!(done["data"]["completeLogin"]["token"].is_string(), "{done}");
        let third = challenge(&server, "tess").await;
        let reused = complete(&server, &third, &recovery[0]).await;
        assert_eq!(code(&reused), "INVALID_TWO_FACTOR_CODE", "{reused}");
        let state = server.ok(Some(&token), STATE, json!({})).await;
        assert_eq!(state["twoFactor"]["recoveryCodesLeft"], 9);

        // Five wrong codes void a challenge; so do five minutes.
        for _ in 0..4 {
            complete(&server, &third, &wrong_code(&secret)).await;
        }
        let void = complete(&server, &third, &recovery[1]).await;
        assert_eq!(code(&void), "UNAUTHENTICATED", "{void}");
        let (user, _) = store::users::with_password_hash(&server.db.db, "tess")
            .await
            .unwrap()
            .unwrap();
        store::sign_in_challenges::insert(
            &server.db.db,
            user.id,
            &credentials::token_hash("ch_old"),
            None,
            None,
            Utc::now() - Duration::seconds(1),
        )
        .await
        .unwrap();
        let expired = complete(&server, "ch_old", &recovery[1]).await;
        assert_eq!(code(&expired), "UNAUTHENTICATED", "{expired}");
        let state = server.ok(Some(&token), STATE, json!({})).await;
        assert_eq!(state["twoFactor"]["recoveryCodesLeft"], 9, "nothing spent");

        // New recovery codes replace the old ones.
        let vars = json!({ "p": "correct horse", "c": recovery[1] });
        let fresh = server.ok(Some(&token), REGENERATE, vars).await;
        let fresh: Vec<String> = fresh["regenerateRecoveryCodes"]["recoveryCodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|code| code.as_str().unwrap().to_owned())
            .collect();
        let fourth = challenge(&server, "tess").await;
        let old = complete(&server, &fourth, &recovery[2]).await;
        assert_eq!(code(&old), "INVALID_TWO_FACTOR_CODE", "{old}");

        // Off with the password and a code; log-in is one step again.
        let vars = json!({ "p": "wrong horse", "c": fresh[0] });
        let refused = server.gql(Some(&token), DISABLE, vars).await;
        assert_eq!(code(&refused), "INVALID_CREDENTIALS", "{refused}");
        let vars = json!({ "p": "correct horse", "c": wrong_code(&secret) });
        let refused = server.gql(Some(&token), DISABLE, vars).await;
        assert_eq!(code(&refused), "INVALID_TWO_FACTOR_CODE", "{refused}");
        let vars = json!({ "p": "correct horse", "c": totp_code(&secret, 1) });
        server.ok(Some(&token), DISABLE, vars).await;
        let state = server.ok(Some(&token), STATE, json!({})).await;
        assert_eq!(
            state["twoFactor"],
            json!({ "totp": false, "recoveryCodesLeft": 0 })
        );
        let plain = server
            .ok(None, LOGIN, json!({ "u": "tess", "p": "correct horse" }))
            .await;
        assert!(plain["login"]["token"].is_string(), "{plain}");
    }
}

#[tokio::test]
async fn the_web_session_signs_in_in_two_steps() {
    for server in servers().await {
        let (token, _) = server.register("uma").await;
        let begun = server
            .ok(Some(&token), BEGIN, json!({ "p": "correct horse" }))
            .await;
        let secret = begun["beginTotpSetup"]["secret"]
            .as_str()
            .unwrap()
            .to_owned();
        server
            .ok(Some(&token), ENABLE, json!({ "c": totp_code(&secret, 0) }))
            .await;

        let post = |body: Value| {
            server
                .client
                .post(format!("{}/auth/session", server.base))
                .header("X-Rookery-CSRF", "1")
                .json(&body)
                .send()
        };
        let first = post(json!({ "username": "uma", "password": "correct horse" }))
            .await
            .unwrap();
        assert_eq!(first.status(), 200);
        assert!(
            first.headers().get("set-cookie").is_none(),
            "no session yet"
        );
        let body: Value = first.json().await.unwrap();
        let challenge = body["twoFactorChallenge"].as_str().unwrap().to_owned();

        let wrong = post(json!({ "challenge": challenge, "code": wrong_code(&secret) }))
            .await
            .unwrap();
        assert_eq!(wrong.status(), 401);
        assert!(wrong.headers().get("set-cookie").is_none());
        let body: Value = wrong.json().await.unwrap();
        assert_eq!(body["code"], "INVALID_TWO_FACTOR_CODE");

        let done = post(json!({ "challenge": challenge, "code": totp_code(&secret, 1) }))
            .await
            .unwrap();
        assert_eq!(done.status(), 200);
        let cookie = done.headers().get("set-cookie").unwrap().to_str().unwrap();
        assert!(cookie.starts_with("rookery_session=rk_"), "{cookie}");
        let body: Value = done.json().await.unwrap();
        assert_eq!(body["username"], "uma");
    }
}

#[tokio::test]
async fn an_instance_may_ask_staff_for_a_second_factor() {
    const SETTINGS: &str = "mutation($r: Boolean!) { updateInstance(input: {requireStaffTwoFactor: $r}) { instance { requireStaffTwoFactor } } }";
    const REPORTS: &str = "{ reports { id } }";
    for server in servers().await {
        let admin = staff(&server, "ada", RoleKey::Admin).await;
        let moderator = staff(&server, "mo", RoleKey::Moderator).await;
        let (user, _) = server.register("uli").await;

        // An admin without a second factor cannot ask it of others.
        let refused = server
            .gql(Some(&admin), SETTINGS, json!({ "r": true }))
            .await;
        assert_eq!(code(&refused), "VALIDATION", "{refused}");
        let begun = server
            .ok(Some(&admin), BEGIN, json!({ "p": "correct horse" }))
            .await;
        let secret = begun["beginTotpSetup"]["secret"]
            .as_str()
            .unwrap()
            .to_owned();
        server
            .ok(Some(&admin), ENABLE, json!({ "c": totp_code(&secret, 0) }))
            .await;
        let set = server
            .ok(Some(&admin), SETTINGS, json!({ "r": true }))
            .await;
        assert_eq!(
            set["updateInstance"]["instance"]["requireStaffTwoFactor"],
            true
        );

        // A moderator without one is held back from moderation, not from the rest.
        let held = server.gql(Some(&moderator), REPORTS, json!({})).await;
        assert_eq!(code(&held), "TWO_FACTOR_REQUIRED", "{held}");
        server.ok(Some(&moderator), ME, json!({})).await;
        server.ok(Some(&admin), REPORTS, json!({})).await;
        let not_staff = server.gql(Some(&user), REPORTS, json!({})).await;
        assert_eq!(code(&not_staff), "FORBIDDEN", "{not_staff}");

        let begun = server
            .ok(Some(&moderator), BEGIN, json!({ "p": "correct horse" }))
            .await;
        let secret = begun["beginTotpSetup"]["secret"]
            .as_str()
            .unwrap()
            .to_owned();
        server
            .ok(
                Some(&moderator),
                ENABLE,
                json!({ "c": totp_code(&secret, 0) }),
            )
            .await;
        server.ok(Some(&moderator), REPORTS, json!({})).await;

        let off = server
            .ok(Some(&admin), SETTINGS, json!({ "r": false }))
            .await;
        assert_eq!(
            off["updateInstance"]["instance"]["requireStaffTwoFactor"],
            false
        );
    }
}
