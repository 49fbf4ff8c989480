//! Reports and maintenance: moderators told once, forwarding recorded once, one process of
//! many claiming each maintenance run, old records pruned.

use std::sync::Arc;
use std::time::Duration;

use rookery_domain::db::DatabaseConnection;
use rookery_domain::page::PageRequest;
use rookery_domain::service::auth::{self, NewUser};
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::{self, Outbox};
use rookery_domain::service::remote::{self, RemoteActor};
use rookery_domain::service::reports::{self, NewReport};
use rookery_domain::service::{maintenance, notifications};
use rookery_domain::testing::{RecordingQueue, TestDb};
use rookery_domain::types::{ActivityKind, ReportCategory, RoleKey, Visibility};

use super::support::{instance, post, remote_actor, user};
use rookery_domain::service::App;

async fn moderator(db: &DatabaseConnection, username: &str) -> rookery_domain::types::Viewer {
    staff(db, username, RoleKey::Moderator).await
}

async fn staff(
    db: &DatabaseConnection,
    username: &str,
    role: RoleKey,
) -> rookery_domain::types::Viewer {
    auth::create_user(
        db,
        &instance(),
        NewUser {
            username: username.into(),
            email: format!("{username}@example.org"),
            password: "correct horse".into(),
            role,
            approved: true,
            confirmed: true,
            reason: None,
        },
    )
    .await
    .unwrap();
    let (_, token) = auth::login(db, username, "correct horse").await.unwrap();
    auth::authenticate(db, &token).await.unwrap()
}

fn spammer() -> RemoteActor {
    RemoteActor {
        display_name: "Cheap watches".into(),
        shared_inbox_url: Some("https://spam.example/inbox".into()),
        followers_url: None,
        ..remote_actor("spam.example", "watches")
    }
}

#[tokio::test]
async fn moderators_are_told_once_and_reports_forwarded_once() {
    for test in TestDb::all().await {
        let db = &test.db;
        let queue = Arc::new(RecordingQueue::default());
        let outbox = Outbox::new(instance(), queue.clone(), Arc::new(LocalBus::default()));
        let app = App::new(db.clone(), outbox.clone());
        let first = moderator(db, "moira").await;
        let second = moderator(db, "mo").await;
        let alice = user(db, "alice").await;
        let spammer = remote::upsert_account(db, spammer()).await.unwrap();

        let report = reports::file(
            &app,
            &alice,
            NewReport {
                target: spammer.id,
                statuses: Vec::new(),
                comment: "  watches, watches  ".into(),
                category: ReportCategory::Spam,
                rules: Vec::new(),
                forward: true,
            },
        )
        .await
        .unwrap();
        assert_eq!(report.comment, "watches, watches");
        assert_eq!(queue.moderated(), vec![report.id]);

        // The job may run twice (a retry after a crash): its effects happen once.
        reports::moderate(&app, report.id).await.unwrap();
        reports::moderate(&app, report.id).await.unwrap();
        for moderator in [&first, &second] {
            let page =
                notifications::page(db, moderator, &Default::default(), &PageRequest::first(10))
                    .await
                    .unwrap();
            assert_eq!(page.items.len(), 1, "{}", test.backend);
            assert_eq!(page.items[0].1.report, Some(report.id));
        }
        let page = notifications::page(db, &alice, &Default::default(), &PageRequest::first(10))
            .await
            .unwrap();
        assert!(page.items.is_empty());
        assert_eq!(queue.mailed().len(), 2, "{}", test.backend);
        let flags: Vec<_> = queue.published();
        assert_eq!(flags.len(), 1, "{}", test.backend);
        let flag = outbox::get(db, flags[0]).await.unwrap().unwrap();
        assert_eq!(flag.kind, ActivityKind::Flag);
        assert_eq!(flag.report, Some(report.id));
        assert_eq!(flag.target_account, Some(spammer.id));
        let recipients = outbox::recipients(db, &flag).await.unwrap();
        assert_eq!(recipients, vec![spammer.inbox_url.clone()]);

        // A status that is not the target's, or not visible to the reporter, is refused.
        let bob = user(db, "bob").await;
        let hidden = post(db, &bob, "for followers", Visibility::Followers).await;
        let refused = reports::file(
            &app,
            &alice,
            NewReport {
                target: bob.account_id,
                statuses: vec![hidden.id],
                comment: String::new(),
                category: ReportCategory::Other,
                rules: Vec::new(),
                forward: false,
            },
        )
        .await
        .unwrap_err();
        assert_eq!(refused.code(), "VALIDATION");
        assert_eq!(reports::list(db, &first, false).await.unwrap().len(), 1);
        assert_eq!(
            reports::list(db, &alice, false).await.unwrap_err().code(),
            "FORBIDDEN"
        );
    }
}

#[tokio::test]
async fn one_process_of_many_claims_each_maintenance_run() {
    for test in TestDb::all().await {
        let hour = Duration::from_secs(3600);
        let claims = (0..4).map(|_| {
            let db = test.db.clone();
            tokio::spawn(async move { maintenance::claim(&db, "prune_old", hour).await })
        });
        let mut won = 0;
        for claim in claims {
            if claim.await.unwrap().unwrap() {
                won += 1;
            }
        }
        assert_eq!(won, 1, "{}", test.backend);
        assert!(
            !maintenance::claim(&test.db, "prune_old", hour)
                .await
                .unwrap()
        );
        // Another task has its own schedule; a task due at once is claimed again.
        assert!(
            maintenance::claim(&test.db, "requeue_lost", hour)
                .await
                .unwrap()
        );
        assert!(
            maintenance::claim(&test.db, "refresh", Duration::ZERO)
                .await
                .unwrap()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            maintenance::claim(&test.db, "refresh", Duration::ZERO)
                .await
                .unwrap()
        );
    }
}

#[tokio::test]
async fn pruning_forgets_old_activity_ids_only() {
    for test in TestDb::all().await {
        let db = &test.db;
        assert!(
            remote::first_sight(db, "https://a.example/old")
                .await
                .unwrap()
        );
        assert!(
            remote::first_sight(db, "https://a.example/new")
                .await
                .unwrap()
        );
        test.execute(
            "UPDATE received_activities SET received_at = '2020-01-01 00:00:00+00:00' \
             WHERE ap_id = 'https://a.example/old'",
        )
        .await;
        let pruned = maintenance::prune_old(db).await.unwrap();
        assert_eq!(pruned.activity_ids, 1, "{}", test.backend);
        // The old one may come again; the new one is still known.
        assert!(
            remote::first_sight(db, "https://a.example/old")
                .await
                .unwrap()
        );
        assert!(
            !remote::first_sight(db, "https://a.example/new")
                .await
                .unwrap()
        );
    }
}

#[tokio::test]
async fn an_actor_that_could_not_be_refreshed_waits_behind_the_others() {
    for test in TestDb::all().await {
        let db = &test.db;
        let gone = remote::upsert_account(db, spammer()).await.unwrap();
        test.execute(
            "UPDATE accounts SET updated_at = '2020-01-01 00:00:00+00:00' WHERE domain IS NOT NULL",
        )
        .await;
        let week = Duration::from_secs(7 * 24 * 3600);
        let stale = maintenance::stale_remote_accounts(db, week, 10)
            .await
            .unwrap();
        assert_eq!(
            stale.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![gone.id]
        );
        maintenance::refresh_failed(db, gone.id).await.unwrap();
        let stale = maintenance::stale_remote_accounts(db, week, 10)
            .await
            .unwrap();
        assert!(stale.is_empty(), "{}", test.backend);
    }
}

async fn suspended_accounts_are_purged_after_they_are_kept(test: TestDb) {
    use rookery_domain::service::account_actions::{self, ActionInput};
    use rookery_domain::store;
    use rookery_domain::types::AccountAction;

    let db = &test.db;
    let app = super::support::app(db);
    let moderator = moderator(db, "mona").await;
    let old = user(db, "old").await;
    let recent = user(db, "recent").await;
    let old_post = post(db, &old, "kept a while", Visibility::Public).await;
    let recent_post = post(db, &recent, "kept still", Visibility::Public).await;
    for account in [old.account_id, recent.account_id] {
        let input = ActionInput {
            account,
            action: AccountAction::Suspend,
            reason: "spam".into(),
            internal_note: String::new(),
            reports: Vec::new(),
            statuses: Vec::new(),
            notify: false,
        };
        account_actions::take(&app, &moderator, input)
            .await
            .unwrap();
    }
    // One suspension began 31 days ago; the other just now.
    let long_ago = chrono::Utc::now() - chrono::Duration::days(31);
    store::accounts::set_restriction(db, old.account_id, AccountAction::Suspend, None)
        .await
        .unwrap();
    store::accounts::set_restriction(db, old.account_id, AccountAction::Suspend, Some(long_ago))
        .await
        .unwrap();

    assert_eq!(account_actions::purge_expired(&app).await.unwrap(), 1);
    let erased = store::statuses::by_id(db, old_post.id)
        .await
        .unwrap()
        .unwrap();
    assert!(erased.is_deleted(), "{}", test.backend);
    let kept = store::statuses::by_id(db, recent_post.id)
        .await
        .unwrap()
        .unwrap();
    assert!(!kept.is_deleted(), "{}", test.backend);
    // Run again, nothing more goes, and the audit log has one purge.
    assert_eq!(account_actions::purge_expired(&app).await.unwrap(), 0);
    let entries = store::audit_log::page(
        db,
        &store::audit_log::AuditQuery {
            action: Some("account.purge".into()),
            ..Default::default()
        },
        &PageRequest::first(10),
    )
    .await
    .unwrap();
    assert_eq!(entries.items.len(), 1);
    assert_eq!(entries.items[0].1.actor, None, "the maintenance acted");

    // The recent one, unsuspended, is whole again.
    account_actions::lift(&app, &moderator, recent.account_id, AccountAction::Suspend)
        .await
        .unwrap();
    let found = rookery_domain::service::visibility::get(db, None, recent_post.id).await;
    assert!(found.is_ok(), "{}", test.backend);
}

#[tokio::test]
async fn suspended_accounts_are_purged_after_they_are_kept_on_sqlite() {
    suspended_accounts_are_purged_after_they_are_kept(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn suspended_accounts_are_purged_after_they_are_kept_on_postgres() {
    if let Some(test) = TestDb::postgres().await {
        suspended_accounts_are_purged_after_they_are_kept(test).await;
    }
}

async fn servers_are_blocked_by_severity(test: TestDb) {
    use rookery_domain::service::account_actions::{self, ActionInput};
    use rookery_domain::service::domain_blocks::{self, BlockInput, ImportChange};
    use rookery_domain::service::{accounts, follows};
    use rookery_domain::types::{AccountAction, DomainBlockSeverity};

    let db = &test.db;
    let app = super::support::app(db);
    let admin = staff(db, "mona", RoleKey::Admin).await;
    let alice = user(db, "alice").await;
    let watches = remote::upsert_account(db, spammer()).await.unwrap();
    let below = remote::upsert_account(db, remote_actor("eu.spam.example", "below"))
        .await
        .unwrap();
    let elsewhere = remote::upsert_account(db, remote_actor("fine.example", "fine"))
        .await
        .unwrap();
    let alice_actor = accounts::get(db, alice.account_id).await.unwrap().actor_id;
    follows::follow_received(
        &app,
        watches.id,
        &alice_actor,
        Some("https://spam.example/f/1".into()),
    )
    .await
    .unwrap();
    follows::follow_received(
        &app,
        below.id,
        &alice_actor,
        Some("https://eu.spam.example/f/2".into()),
    )
    .await
    .unwrap();
    // A moderator suspended one account of the server before it was blocked.
    let input = ActionInput {
        account: below.id,
        action: AccountAction::Suspend,
        reason: String::new(),
        internal_note: String::new(),
        reports: Vec::new(),
        statuses: Vec::new(),
        notify: false,
    };
    account_actions::take(&app, &admin, input).await.unwrap();
    let restrictions = |id| async move { accounts::get(db, id).await.unwrap().restrictions };
    let block = |severity, reject_reports| BlockInput {
        domain: "Spam.Example".into(),
        severity,
        reject_media: false,
        reject_reports,
        obfuscate: false,
        private_comment: "seen in reports".into(),
        public_comment: "spam".into(),
    };

    // People cannot block servers; moderators without the permission neither.
    let refused = domain_blocks::set(db, Some(&alice), block(DomainBlockSeverity::Suspend, false))
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "FORBIDDEN");

    // A limit limits every account of the server and below, and no other.
    let limited = domain_blocks::set(db, None, block(DomainBlockSeverity::Limit, false))
        .await
        .unwrap();
    assert_eq!(limited.domain, "spam.example");
    assert!(restrictions(watches.id).await.limited(), "{}", test.backend);
    assert!(restrictions(below.id).await.limited());
    assert!(!restrictions(elsewhere.id).await.limited());
    // A suspension takes its place: suspended, follows ended.
    domain_blocks::set(db, None, block(DomainBlockSeverity::Suspend, false))
        .await
        .unwrap();
    assert!(
        !restrictions(watches.id).await.limited(),
        "the limit was lifted"
    );
    assert!(restrictions(watches.id).await.suspended());
    let relationship = accounts::relationships(db, alice.account_id, &[watches.id])
        .await
        .unwrap();
    assert!(!relationship[&watches.id].followed_by, "{}", test.backend);
    assert!(
        domain_blocks::is_blocked(db, "eu.spam.example:8443")
            .await
            .unwrap()
    );
    // Lifted, the block's suspensions go; the moderator's own stays.
    assert!(
        domain_blocks::remove(db, None, "spam.example")
            .await
            .unwrap()
    );
    assert!(!restrictions(watches.id).await.suspended());
    assert!(restrictions(below.id).await.suspended(), "{}", test.backend);
    assert!(!domain_blocks::is_blocked(db, "spam.example").await.unwrap());
    // The follows it ended come back, but not those of an account still suspended.
    let followed_by = |id| async move {
        accounts::relationships(db, alice.account_id, &[id])
            .await
            .unwrap()[&id]
            .followed_by
    };
    assert!(followed_by(watches.id).await, "{}", test.backend);
    assert!(!followed_by(below.id).await);
    account_actions::lift(&app, &admin, below.id, AccountAction::Suspend)
        .await
        .unwrap();
    assert!(followed_by(below.id).await, "{}", test.backend);
    let input = ActionInput {
        account: below.id,
        action: AccountAction::Suspend,
        reason: String::new(),
        internal_note: String::new(),
        reports: Vec::new(),
        statuses: Vec::new(),
        notify: false,
    };
    account_actions::take(&app, &admin, input).await.unwrap();

    // A server's reports can be refused without cutting it off.
    domain_blocks::set(db, None, block(DomainBlockSeverity::Noop, true))
        .await
        .unwrap();
    let media_refused = rookery_domain::service::media::refused_for(db, watches.id);
    assert!(!media_refused.await.unwrap(), "media is refused apart");
    let status = post(db, &alice, "hello", Visibility::Public).await;
    let filed = reports::flag_received(
        &app,
        watches.id,
        "https://spam.example/flags/1",
        std::slice::from_ref(&status.ap_id),
        "lies",
    )
    .await
    .unwrap();
    assert!(filed.is_empty(), "{}", test.backend);
    assert!(!restrictions(watches.id).await.suspended());

    // An import says what it would change, and changes nothing until applied.
    let csv = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n\
               spam.example,silence,true,false,\"ads, mostly\",true\n\
               new.example,suspend,false,false,,false\n";
    let preview = domain_blocks::import(db, &admin, csv, false).await.unwrap();
    let changes: Vec<_> = preview
        .iter()
        .map(|(b, c)| (b.domain.as_str(), *c))
        .collect();
    assert_eq!(
        changes,
        [
            ("spam.example", ImportChange::Update),
            ("new.example", ImportChange::Add)
        ]
    );
    assert_eq!(preview[0].0.public_comment, "ads, mostly");
    assert_eq!(preview[0].0.private_comment, "seen in reports", "kept");
    assert_eq!(domain_blocks::list(db, None).await.unwrap().len(), 1);
    let bad = format!("{csv}bad.example,ban,false,false,,false\n");
    let refused = domain_blocks::import(db, &admin, &bad, true)
        .await
        .unwrap_err();
    assert_eq!(refused.to_string(), "csv: line 4: unknown severity");
    assert_eq!(
        domain_blocks::list(db, None).await.unwrap().len(),
        1,
        "nothing applied"
    );
    domain_blocks::import(db, &admin, csv, true).await.unwrap();
    let blocks = domain_blocks::list(db, None).await.unwrap();
    assert_eq!(blocks.len(), 2);
    assert!(restrictions(watches.id).await.limited(), "{}", test.backend);
    let media_refused = rookery_domain::service::media::refused_for(db, below.id);
    assert!(
        media_refused.await.unwrap(),
        "#reject_media, for the server and below"
    );
    let media_refused = rookery_domain::service::media::refused_for(db, elsewhere.id);
    assert!(!media_refused.await.unwrap());
    let again = domain_blocks::import(db, &admin, csv, false).await.unwrap();
    assert!(again.iter().all(|(_, c)| *c == ImportChange::Unchanged));
    // Exported as Mastodon writes it, it reads back the same.
    let exported = domain_blocks::export(db, &admin).await.unwrap();
    assert!(
        exported.starts_with(domain_blocks::CSV_HEADER),
        "{exported}"
    );
    assert!(exported.contains("spam.example,silence,true,false,\"ads, mostly\",true"));
    let round = domain_blocks::import(db, &admin, &exported, false)
        .await
        .unwrap();
    assert!(round.iter().all(|(_, c)| *c == ImportChange::Unchanged));
    let entries = rookery_domain::store::audit_log::page(
        db,
        &rookery_domain::store::audit_log::AuditQuery {
            action: Some("domain_block.".into()),
            ..Default::default()
        },
        &PageRequest::first(20),
    )
    .await
    .unwrap();
    assert_eq!(entries.items.len(), 6, "{}", test.backend);
}

#[tokio::test]
async fn servers_are_blocked_by_severity_on_sqlite() {
    servers_are_blocked_by_severity(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn servers_are_blocked_by_severity_on_postgres() {
    if let Some(test) = TestDb::postgres().await {
        servers_are_blocked_by_severity(test).await;
    }
}
