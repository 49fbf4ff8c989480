//! Whose home timeline a status belongs on: the rule in memory, its SQL twin and the live
//! router agree on every case.

use std::collections::HashSet;

use chrono::Utc;
use rookery_domain::ids::{AccountId, StatusId};
use rookery_domain::page::PageRequest;
use rookery_domain::service::live::{StatusChange, StatusReach};
use rookery_domain::service::{follows, tags};
use rookery_domain::store;
use rookery_domain::store::timelines::{HomeTies, belongs_on_home};
use rookery_domain::testing::TestDb;
use rookery_domain::types::{Status, Timeline, Visibility};

use super::support::{app, post, user};

/// An account as the viewer stands to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Viewer,
    Followed,
    Stranger,
}

const EVERYONE: [Who; 3] = [Who::Viewer, Who::Followed, Who::Stranger];

/// One status of the table: who wrote it, whom it replies to, whether it is a boost and
/// carries the hashtag the viewer follows, and its visibility (one the viewer may see).
#[derive(Debug, Clone, Copy)]
struct Case {
    author: Who,
    replied_to: Option<Who>,
    boost: bool,
    tagged: bool,
    visibility: Visibility,
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for author in EVERYONE {
        for replied_to in [
            None,
            Some(Who::Viewer),
            Some(Who::Followed),
            Some(Who::Stranger),
        ] {
            for boost in [false, true] {
                for tagged in [false, true] {
                    for visibility in [Visibility::Public, Visibility::Unlisted, Visibility::Local]
                    {
                        cases.push(Case {
                            author,
                            replied_to,
                            boost,
                            tagged,
                            visibility,
                        });
                    }
                }
            }
        }
    }
    cases
}

/// The ids of every status on `viewer`'s home timeline, as the store reads it.
async fn home_in_sql(
    db: &rookery_domain::db::DatabaseConnection,
    viewer: AccountId,
) -> HashSet<StatusId> {
    let mut ids = HashSet::new();
    let mut request = PageRequest::first(100);
    loop {
        let page =
            store::timelines::timeline_page(db, Timeline::Home(viewer), Some(viewer), &request)
                .await
                .unwrap();
        ids.extend(page.items.iter().map(|(_, status)| status.id));
        match page.items.last() {
            Some((key, _)) if page.has_next => request.cursor = Some(*key),
            _ => return ids,
        }
    }
}

async fn check(test: TestDb) {
    let db = &test.db;
    let viewer = user(db, "viewer").await;
    let followed = user(db, "followed").await;
    let stranger = user(db, "stranger").await;
    follows::follow(&app(db), &viewer, followed.account_id)
        .await
        .unwrap();
    tags::follow(db, &viewer, "twin").await.unwrap();
    let account = |who: Who| match who {
        Who::Viewer => viewer.account_id,
        Who::Followed => followed.account_id,
        Who::Stranger => stranger.account_id,
    };
    // A status of each account to reply to, and one to boost.
    let mut parents = Vec::new();
    for who in EVERYONE {
        let by = match who {
            Who::Viewer => &viewer,
            Who::Followed => &followed,
            Who::Stranger => &stranger,
        };
        parents.push((who, post(db, by, "a parent", Visibility::Public).await));
    }
    let mut written = Vec::new();
    for case in cases() {
        // An account boosts a status once: each boost has an original of its own.
        let boosted = match case.boost {
            true => Some(post(db, &stranger, "boosted", Visibility::Public).await.id),
            false => None,
        };
        let id = StatusId::new();
        let parent = case
            .replied_to
            .and_then(|who| parents.iter().find(|(w, _)| *w == who))
            .map(|(_, parent)| parent);
        let status = Status {
            id,
            ap_id: format!("https://rookery.test/statuses/{}", id.0),
            url: format!("https://rookery.test/statuses/{}", id.0),
            account_id: account(case.author),
            local: true,
            source: if case.boost {
                String::new()
            } else {
                "a case".into()
            },
            content_html: if case.boost {
                String::new()
            } else {
                "<p>a case</p>".into()
            },
            content_warning: String::new(),
            sensitive: false,
            visibility: case.visibility,
            language: None,
            in_reply_to_id: parent.map(|p| p.id),
            in_reply_to_account_id: parent.map(|p| p.account_id),
            in_reply_to_ap_id: None,
            reblog_of_id: boosted,
            thread_id: parent.map_or(id, |p| p.thread_id),
            created_at: Utc::now(),
            edited_at: None,
            deleted_at: None,
            archived_at: None,
        };
        store::statuses::insert(db, &status).await.unwrap();
        if case.tagged {
            store::tags::attach(db, id, &["twin".to_owned()])
                .await
                .unwrap();
        }
        written.push((case, status));
    }
    let in_sql = home_in_sql(db, viewer.account_id).await;
    let mut on_home = 0;
    for (case, status) in &written {
        let ties = HomeTies {
            follows_author: case.author == Who::Followed,
            follows_replied_to: case.replied_to == Some(Who::Followed),
            follows_a_tag: case.tagged,
        };
        let rule = belongs_on_home(viewer.account_id, status, ties);
        on_home += usize::from(rule);
        let name = format!("{} {case:?}", test.backend);
        assert_eq!(in_sql.contains(&status.id), rule, "SQL: {name}");
        let reach = StatusReach::load(db, StatusChange::Created, status.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(reach.reaches_home(viewer.account_id), rule, "live: {name}");
    }
    // The table holds statuses on both sides of the rule.
    assert!(on_home > 0 && on_home < written.len(), "{on_home}");
}

#[tokio::test]
async fn home_rule_on_sqlite() {
    check(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn home_rule_on_postgres() {
    if let Some(test) = TestDb::postgres().await {
        check(test).await;
    }
}
