//! Bulk rows for benchmarks: accounts, follows, statuses, attachments and favourites put in
//! many to a statement and a call to a transaction, and the hand-written SQL of a home
//! timeline page to measure against.

use chrono::{DateTime, Utc};
use rookery_entity::{accounts, favourites, follows, media_attachments, statuses};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    Statement, TransactionTrait, Value,
};
use uuid::Uuid;

use crate::ids::{AccountId, StatusId};
use crate::types::{MediaState, Visibility};

/// Rows to a statement: within SQLite's 32,766 and PostgreSQL's 65,535 bound values for
/// the widest table here.
const ROWS_PER_STATEMENT: usize = 1_000;

/// Inserts `rows` made into models by `model`, many to a statement, in one transaction.
async fn insert_all<T, A>(
    db: &DatabaseConnection,
    rows: &[T],
    model: impl Fn(&T) -> A,
) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
{
    let txn = db.begin().await?;
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        A::Entity::insert_many(chunk.iter().map(&model))
            .exec(&txn)
            .await?;
    }
    txn.commit().await
}

/// A remote account with nothing but a name.
#[derive(Debug, Clone)]
pub struct BulkAccount {
    pub id: AccountId,
    pub username: String,
    pub domain: String,
}

/// A status: a post, a reply (to the parent and its author) or a boost.
#[derive(Debug, Clone)]
pub struct BulkStatus {
    pub id: StatusId,
    pub account_id: AccountId,
    pub domain: String,
    pub local: bool,
    pub text: String,
    pub visibility: Visibility,
    pub in_reply_to: Option<(StatusId, AccountId)>,
    pub reblog_of: Option<StatusId>,
    pub thread_id: StatusId,
    pub created_at: DateTime<Utc>,
}

/// A processed remote picture attached to a status.
#[derive(Debug, Clone, Copy)]
pub struct BulkAttachment {
    pub status_id: StatusId,
    pub account_id: AccountId,
    pub position: i32,
}

pub async fn accounts(db: &DatabaseConnection, rows: &[BulkAccount]) -> Result<(), DbErr> {
    let now = Utc::now();
    insert_all(db, rows, |a| {
        let actor = format!("https://{}/users/{}", a.domain, a.username);
        accounts::ActiveModel {
            id: Set(a.id.0),
            handle: Set(format!("{}@{}", a.username, a.domain)),
            username: Set(a.username.clone()),
            domain: Set(Some(a.domain.clone())),
            display_name: Set(format!("Bench {}", a.username)),
            note_source: Set(String::new()),
            note_html: Set(String::new()),
            fields: Set(serde_json::json!([])),
            avatar_ref: Set(None),
            header_ref: Set(None),
            locked: Set(false),
            bot: Set(false),
            discoverable: Set(true),
            indexable: Set(true),
            url: Set(actor.clone()),
            inbox_url: Set(format!("{actor}/inbox")),
            shared_inbox_url: Set(Some(format!("https://{}/inbox", a.domain))),
            outbox_url: Set(None),
            followers_url: Set(None),
            following_url: Set(None),
            featured_url: Set(None),
            public_key_pem: Set(String::new()),
            key_id: Set(Some(format!("{actor}#main-key"))),
            private_key_pem: Set(None),
            moved_to_account_id: Set(None),
            actor_id: Set(actor),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
    })
    .await
}

/// `(follower, followee)` pairs, each new.
pub async fn follows(
    db: &DatabaseConnection,
    pairs: &[(AccountId, AccountId)],
) -> Result<(), DbErr> {
    let now = Utc::now();
    insert_all(db, pairs, |(follower, followee)| follows::ActiveModel {
        id: Set(Uuid::now_v7()),
        follower_id: Set(follower.0),
        followee_id: Set(followee.0),
        ap_id: Set(None),
        created_at: Set(now),
    })
    .await
}

pub async fn statuses(db: &DatabaseConnection, rows: &[BulkStatus]) -> Result<(), DbErr> {
    insert_all(db, rows, |s| {
        let ap_id = format!("https://{}/statuses/{}", s.domain, s.id.0);
        statuses::ActiveModel {
            id: Set(s.id.0),
            url: Set(ap_id.clone()),
            ap_id: Set(ap_id),
            account_id: Set(s.account_id.0),
            local: Set(s.local),
            content_html: Set(if s.text.is_empty() {
                String::new()
            } else {
                format!("<p>{}</p>", s.text)
            }),
            source: Set(s.text.clone()),
            content_warning: Set(String::new()),
            sensitive: Set(false),
            visibility: Set(s.visibility.as_str().to_owned()),
            language: Set(Some("en".to_owned())),
            in_reply_to_id: Set(s.in_reply_to.map(|(status, _)| status.0)),
            in_reply_to_account_id: Set(s.in_reply_to.map(|(_, account)| account.0)),
            in_reply_to_ap_id: Set(None),
            reblog_of_id: Set(s.reblog_of.map(|id| id.0)),
            thread_id: Set(s.thread_id.0),
            created_at: Set(s.created_at),
            edited_at: Set(None),
            deleted_at: Set(None),
            archived_at: Set(None),
        }
    })
    .await
}

pub async fn attachments(db: &DatabaseConnection, rows: &[BulkAttachment]) -> Result<(), DbErr> {
    let now = Utc::now();
    insert_all(db, rows, |m| {
        let id = Uuid::now_v7();
        media_attachments::ActiveModel {
            id: Set(id),
            account_id: Set(m.account_id.0),
            status_id: Set(Some(m.status_id.0)),
            position: Set(m.position),
            state: Set(MediaState::Ready.as_str().to_owned()),
            error: Set(None),
            upload_key: Set(None),
            original_key: Set(None),
            content_type: Set(Some("image/jpeg".to_owned())),
            thumbnail_key: Set(None),
            thumbnail_content_type: Set(None),
            width: Set(Some(1600)),
            height: Set(Some(1200)),
            animated: Set(false),
            blurhash: Set(Some("LEHV6nWB2yk8pyo0adR*.7kCMdnj".to_owned())),
            focus_x: Set(None),
            focus_y: Set(None),
            description: Set("A picture".to_owned()),
            remote_url: Set(Some(format!("https://media.example/{id}.jpg"))),
            cached_at: Set(None),
            edited_out_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
    })
    .await
}

/// `(account, status)` pairs, each new.
pub async fn favourites(
    db: &DatabaseConnection,
    pairs: &[(AccountId, StatusId)],
) -> Result<(), DbErr> {
    let now = Utc::now();
    insert_all(db, pairs, |(account, status)| favourites::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account.0),
        status_id: Set(status.0),
        ap_id: Set(None),
        created_at: Set(now),
    })
    .await
}

/// Refreshes the planner's statistics after the bulk load.
pub async fn analyze(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let sql = if crate::db::is_postgres(db) {
        "VACUUM ANALYZE"
    } else {
        "ANALYZE"
    };
    db.execute_unprepared(sql).await.map(|_| ())
}

/// The benchmark's baseline, not a rule: one home timeline page of `viewer` (a local
/// account) written by hand, newest first, with what the GraphQL page shows of each status
/// (author, reply parent, counts, the viewer's favourite and boost), by the rules of
/// `store::timelines` and `store::predicates` less keyword filters and mute expiry. The
/// SQL is the same on both databases.
const HOME_PAGE: &str = "
SELECT s.id, s.content_html, s.content_warning, s.sensitive, s.visibility, s.created_at,
       s.in_reply_to_id, s.reblog_of_id, a.handle, a.display_name, a.avatar_ref,
       (SELECT COUNT(*) FROM statuses r WHERE r.in_reply_to_id = s.id AND r.deleted_at IS NULL
         AND r.visibility NOT IN ('direct', 'private')),
       (SELECT COUNT(*) FROM statuses b WHERE b.reblog_of_id = s.id AND b.deleted_at IS NULL),
       (SELECT COUNT(*) FROM favourites f WHERE f.status_id = s.id),
       EXISTS (SELECT 1 FROM favourites f WHERE f.status_id = s.id AND f.account_id = $1),
       EXISTS (SELECT 1 FROM statuses b WHERE b.reblog_of_id = s.id AND b.account_id = $1
                                          AND b.deleted_at IS NULL)
FROM statuses s JOIN accounts a ON a.id = s.account_id
WHERE s.deleted_at IS NULL AND s.archived_at IS NULL
  AND (
    ((s.account_id = $1
      OR EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = s.account_id))
     AND (s.in_reply_to_account_id IS NULL OR s.in_reply_to_account_id = s.account_id
          OR s.in_reply_to_account_id = $1
          OR s.in_reply_to_account_id IN (SELECT followee_id FROM follows WHERE follower_id = $1)))
    OR (s.visibility IN ('public', 'local') AND s.reblog_of_id IS NULL
        AND (s.in_reply_to_account_id IS NULL OR s.in_reply_to_account_id = s.account_id)
        AND EXISTS (SELECT 1 FROM status_tags t JOIN followed_tags ft ON ft.tag_id = t.tag_id
                    WHERE t.status_id = s.id AND ft.account_id = $1)))
  AND (s.visibility IN ('public', 'unlisted', 'local') OR s.account_id = $1
       OR (s.visibility = 'followers'
           AND EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = $1 AND f.followee_id = s.account_id))
       OR (s.visibility IN ('followers', 'direct')
           AND EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = s.id AND m.account_id = $1)))
  AND s.account_id NOT IN (SELECT target_account_id FROM blocks WHERE account_id = $1)
  AND s.account_id NOT IN (SELECT account_id FROM blocks WHERE target_account_id = $1)
  AND s.account_id NOT IN (SELECT target_account_id FROM mutes WHERE account_id = $1)
  AND s.account_id NOT IN (SELECT m.id FROM accounts m JOIN account_domain_blocks d
                           ON d.domain = m.domain WHERE d.account_id = $1)
ORDER BY s.id DESC
LIMIT $2";

/// The statuses a page boosts, with their authors and counts.
const BOOSTED: &str = "
SELECT s.id, s.content_html, s.content_warning, s.sensitive, s.created_at, s.in_reply_to_id,
       a.handle, a.display_name, a.avatar_ref,
       (SELECT COUNT(*) FROM statuses r WHERE r.in_reply_to_id = s.id AND r.deleted_at IS NULL
         AND r.visibility NOT IN ('direct', 'private')),
       (SELECT COUNT(*) FROM statuses b WHERE b.reblog_of_id = s.id AND b.deleted_at IS NULL),
       (SELECT COUNT(*) FROM favourites f WHERE f.status_id = s.id)
FROM statuses s JOIN accounts a ON a.id = s.account_id
WHERE s.id IN (SELECT reblog_of_id FROM statuses WHERE id IN (";

/// The attachments of a page's statuses and of those it boosts.
const ATTACHMENTS: &str = "
SELECT status_id, position, remote_url, thumbnail_key, description, width, height, blurhash
FROM media_attachments
WHERE edited_out_at IS NULL AND status_id IN (";

/// The benchmark's baseline: reads one home page of `limit` statuses the hand-written way
/// (three statements: the page, the boosted statuses, the attachments) and returns how
/// many statuses it holds.
pub async fn raw_home_page(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    limit: u64,
) -> Result<usize, DbErr> {
    let backend = db.get_database_backend();
    let page = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            HOME_PAGE,
            [Value::from(viewer.0), Value::from(limit as i64)],
        ))
        .await?;
    if page.is_empty() {
        return Ok(0);
    }
    let mut ids: Vec<Uuid> = Vec::with_capacity(page.len() * 2);
    for row in &page {
        ids.push(row.try_get_by_index(0)?);
    }
    let values = |ids: &[Uuid]| ids.iter().map(|id| Value::from(*id)).collect::<Vec<_>>();
    let boosted = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            format!("{BOOSTED}{}))", super::parameters(1, ids.len())),
            values(&ids),
        ))
        .await?;
    for row in &boosted {
        ids.push(row.try_get_by_index(0)?);
    }
    db.query_all_raw(Statement::from_sql_and_values(
        backend,
        format!(
            "{ATTACHMENTS}{}) ORDER BY status_id, position",
            super::parameters(1, ids.len())
        ),
        values(&ids),
    ))
    .await?;
    Ok(page.len())
}
