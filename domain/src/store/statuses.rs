//! Statuses, their tombstones, boosts, notes, counts and the viewer's marks on them.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rookery_entity::{
    statuses::{ActiveModel, Column, Entity, Model},
    tags,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Alias, Expr, ExprTrait, Func, LikeExpr, Query},
};
use uuid::Uuid;

use super::predicates::{carries_tag, pins_of, visible_to};
use crate::ids::{AccountId, StatusId};
use crate::page::{Page, PageRequest};
use crate::types::{NoteFilter, Status, StatusStats, Visibility};

pub(crate) fn to_domain(model: Model) -> Status {
    Status {
        id: StatusId(model.id),
        ap_id: model.ap_id,
        url: model.url,
        account_id: AccountId(model.account_id),
        local: model.local,
        source: model.source,
        content_html: model.content_html,
        content_warning: model.content_warning,
        sensitive: model.sensitive,
        visibility: Visibility::parse(&model.visibility).unwrap_or(Visibility::Direct),
        language: model.language,
        in_reply_to_id: model.in_reply_to_id.map(StatusId),
        in_reply_to_account_id: model.in_reply_to_account_id.map(AccountId),
        in_reply_to_ap_id: model.in_reply_to_ap_id,
        reblog_of_id: model.reblog_of_id.map(StatusId),
        thread_id: StatusId(model.thread_id),
        created_at: model.created_at,
        edited_at: model.edited_at,
        deleted_at: model.deleted_at,
        archived_at: model.archived_at,
    }
}

pub async fn insert(db: &impl ConnectionTrait, status: &Status) -> Result<(), DbErr> {
    Entity::insert(row_of(status))
        .exec_without_returning(db)
        .await?;
    index_for_search(db, status, true).await
}

/// Keeps the search index in step with `status` (`fresh`: just inserted, so in no index
/// yet): its warning and text, without markup, while it is live; nothing for boosts
/// (they have no text of their own) and tombstones.
async fn index_for_search(
    db: &impl ConnectionTrait,
    status: &Status,
    fresh: bool,
) -> Result<(), DbErr> {
    let searchable = status.deleted_at.is_none()
        && status.reblog_of_id.is_none()
        && !(status.content_html.is_empty() && status.content_warning.is_empty());
    if searchable {
        let text = crate::content::searchable_text(&status.content_warning, &status.content_html);
        super::status_search::index(db, status.id, &text).await
    } else if fresh {
        Ok(())
    } else {
        super::status_search::unindex(db, status.id).await
    }
}

/// Inserts `status` unless one with its ActivityPub id is stored; whether it was inserted.
pub async fn insert_unless_known(
    db: &impl ConnectionTrait,
    status: &Status,
) -> Result<bool, DbErr> {
    let inserted = Entity::insert(row_of(status))
        .on_conflict(OnConflict::column(Column::ApId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    if inserted == 1 {
        index_for_search(db, status, true).await?;
    }
    Ok(inserted == 1)
}

fn row_of(status: &Status) -> ActiveModel {
    ActiveModel {
        id: Set(status.id.0),
        ap_id: Set(status.ap_id.clone()),
        url: Set(status.url.clone()),
        account_id: Set(status.account_id.0),
        local: Set(status.local),
        source: Set(status.source.clone()),
        content_html: Set(status.content_html.clone()),
        content_warning: Set(status.content_warning.clone()),
        sensitive: Set(status.sensitive),
        visibility: Set(status.visibility.as_str().to_owned()),
        language: Set(status.language.clone()),
        in_reply_to_id: Set(status.in_reply_to_id.map(|id| id.0)),
        in_reply_to_account_id: Set(status.in_reply_to_account_id.map(|id| id.0)),
        in_reply_to_ap_id: Set(status.in_reply_to_ap_id.clone()),
        reblog_of_id: Set(status.reblog_of_id.map(|id| id.0)),
        thread_id: Set(status.thread_id.0),
        created_at: Set(status.created_at),
        edited_at: Set(status.edited_at),
        deleted_at: Set(status.deleted_at),
        archived_at: Set(status.archived_at),
    }
}

/// A status, tombstones included.
pub async fn by_id(db: &impl ConnectionTrait, id: StatusId) -> Result<Option<Status>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

/// A status by its ActivityPub id, tombstones included.
pub async fn by_ap_id(db: &impl ConnectionTrait, ap_id: &str) -> Result<Option<Status>, DbErr> {
    let row = Entity::find()
        .filter(Column::ApId.eq(ap_id))
        .one(db)
        .await?;
    Ok(row.map(to_domain))
}

/// Statuses by id, tombstones included.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[StatusId]) -> Result<Vec<Status>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = ids.iter().map(|id| id.0).collect();
    let rows = Entity::find()
        .filter(Column::Id.is_in(super::padded(ids)))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(to_domain).collect())
}

/// Those of `ids` that `viewer` may see, tombstones included, in one statement.
pub async fn visible_by_ids(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    ids: &[StatusId],
) -> Result<Vec<Status>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = Entity::find()
        .filter(Column::Id.is_in(super::padded(ids.iter().map(|id| id.0))))
        .filter(visible_to(viewer))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(to_domain).collect())
}

/// Every status of a thread, oldest first, tombstones included; at most `limit`.
pub async fn in_thread(
    db: &impl ConnectionTrait,
    thread_id: StatusId,
    limit: u64,
) -> Result<Vec<Status>, DbErr> {
    let rows = Entity::find()
        .filter(Column::ThreadId.eq(thread_id.0))
        .order_by_asc(Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(to_domain).collect())
}

/// Joins the replies waiting for `parent` (they arrived first) to it and to its thread,
/// with everything already threaded under them; returns how many replies were waiting.
pub async fn adopt_replies(db: &impl ConnectionTrait, parent: &Status) -> Result<u64, DbErr> {
    let waiting = waiting_threads(db, &parent.ap_id).await?;
    adopt(db, parent, &waiting).await
}

/// The threads of the replies that wait for the status `ap_id` to arrive.
pub async fn waiting_threads(db: &impl ConnectionTrait, ap_id: &str) -> Result<Vec<Uuid>, DbErr> {
    Entity::find()
        .select_only()
        .column(Column::ThreadId)
        .filter(Column::InReplyToApId.eq(ap_id))
        .filter(Column::InReplyToId.is_null())
        .into_tuple()
        .all(db)
        .await
}

/// Joins the replies in the threads `waiting` to `parent` and its thread.
pub async fn adopt(
    db: &impl ConnectionTrait,
    parent: &Status,
    waiting: &[Uuid],
) -> Result<u64, DbErr> {
    if waiting.is_empty() {
        return Ok(0);
    }
    Entity::update_many()
        .col_expr(Column::InReplyToId, Expr::value(parent.id.0))
        .col_expr(Column::InReplyToAccountId, Expr::value(parent.account_id.0))
        .filter(Column::InReplyToApId.eq(parent.ap_id.as_str()))
        .filter(Column::InReplyToId.is_null())
        .exec(db)
        .await?;
    Entity::update_many()
        .col_expr(Column::ThreadId, Expr::value(parent.thread_id.0))
        .filter(Column::ThreadId.is_in(waiting.iter().copied()))
        .exec(db)
        .await?;
    Ok(waiting.len() as u64)
}

/// Overwrites what an edit may change: text, content warning, sensitivity, language and
/// the time of the edit.
pub async fn update_content(db: &impl ConnectionTrait, status: &Status) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(status.id.0),
        source: Set(status.source.clone()),
        content_html: Set(status.content_html.clone()),
        content_warning: Set(status.content_warning.clone()),
        sensitive: Set(status.sensitive),
        language: Set(status.language.clone()),
        edited_at: Set(status.edited_at),
        ..Default::default()
    }
    .update(db)
    .await?;
    index_for_search(db, status, false).await
}

/// Turns a status into a tombstone: its text goes, its place in threads stays.
pub async fn tombstone(
    db: &impl ConnectionTrait,
    id: StatusId,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(id.0),
        source: Set(String::new()),
        content_html: Set(String::new()),
        content_warning: Set(String::new()),
        deleted_at: Set(Some(at)),
        ..Default::default()
    }
    .update(db)
    .await?;
    super::status_search::unindex(db, id).await?;
    // Boosts of it go with it: they have nothing of their own to show.
    Entity::delete_many()
        .filter(Column::ReblogOfId.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Turns every live status of `account` into a tombstone; returns how many.
pub async fn tombstone_all_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::Source, String::new().into())
        .col_expr(Column::ContentHtml, String::new().into())
        .col_expr(Column::ContentWarning, String::new().into())
        .col_expr(Column::DeletedAt, Some(at).into())
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::DeletedAt.is_null())
        .exec(db)
        .await?;
    super::status_search::unindex_all_of(db, account).await?;
    let theirs = Query::select()
        .column(Column::Id)
        .from(Entity)
        .and_where(Column::AccountId.eq(account.0))
        .to_owned();
    Entity::delete_many()
        .filter(Column::ReblogOfId.in_subquery(theirs))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// `account`'s boost of `original`, if any.
pub async fn reblog_by(
    db: &impl ConnectionTrait,
    account: AccountId,
    original: StatusId,
) -> Result<Option<Status>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::ReblogOfId.eq(original.0))
        .one(db)
        .await?
        .map(to_domain))
}

/// Removes a boost (it has no text and no thread to keep a tombstone for).
pub async fn delete_reblog(db: &impl ConnectionTrait, id: StatusId) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::Id.eq(id.0))
        .filter(Column::ReblogOfId.is_not_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The accounts whose live boosts of `id` exist.
pub async fn boosters_of(db: &impl ConnectionTrait, id: StatusId) -> Result<Vec<AccountId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::ReblogOfId.eq(id.0))
        .filter(Column::DeletedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|row| AccountId(row.account_id))
        .collect())
}

/// `text` as a LIKE pattern matching it anywhere, `\` escaping the wildcards.
fn containing(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// One page of `account`'s own statuses of every visibility (boosts and tombstones left
/// out), newest first, as `query` narrows them.
pub async fn notes_page(
    db: &impl ConnectionTrait,
    account: AccountId,
    query: &NoteFilter,
    request: &PageRequest,
) -> Result<Page<Status>, DbErr> {
    let mut select = Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::ReblogOfId.is_null())
        .filter(Column::DeletedAt.is_null());
    match query.archived {
        Some(true) => select = select.filter(Column::ArchivedAt.is_not_null()),
        Some(false) => select = select.filter(Column::ArchivedAt.is_null()),
        None => {}
    }
    if let Some(pinned) = query.pinned {
        select = select.filter(if pinned {
            Column::Id.in_subquery(pins_of(account))
        } else {
            Column::Id.not_in_subquery(pins_of(account))
        });
    }
    if let Some(tag) = &query.tag {
        let named = Query::select()
            .column(tags::Column::Id)
            .from(tags::Entity)
            .and_where(tags::Column::Name.eq(tag.as_str()))
            .to_owned();
        select = select.filter(carries_tag(|column| column.in_subquery(named)));
    }
    if let Some(text) = query.text.as_deref().filter(|t| !t.is_empty()) {
        let lowered = Func::lower(Expr::col((Entity, Column::Source)));
        select =
            select.filter(Expr::expr(lowered).like(LikeExpr::new(containing(text)).escape('\\')));
    }
    super::page(db, select, Column::Id, request, |model| {
        (model.id, to_domain(model))
    })
    .await
}

/// Archives a status (`at`) or brings it back (None).
pub async fn set_archived(
    db: &impl ConnectionTrait,
    id: StatusId,
    at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::ArchivedAt, Expr::value(at))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// How many readers one statement of [`replies_visible_to`] counts for.
const READERS_PER_STATEMENT: usize = 64;

/// How many live replies to each of its statuses each reader may see (a reader counts no
/// reply it could not read), keyed by reader and status: one statement for up to
/// `READERS_PER_STATEMENT` readers, whatever the number of statuses.
pub async fn replies_visible_to(
    db: &impl ConnectionTrait,
    wanted: &[(Option<AccountId>, Vec<StatusId>)],
) -> Result<HashMap<(Option<AccountId>, StatusId), u64>, DbErr> {
    let mut counts = HashMap::new();
    let wanted: Vec<_> = wanted.iter().filter(|(_, ids)| !ids.is_empty()).collect();
    for readers in wanted.chunks(READERS_PER_STATEMENT) {
        let mut selects = readers.iter().map(|(reader, ids)| {
            Query::select()
                .expr_as(Expr::val(reader.map(|r| r.0)), Alias::new("reader"))
                .expr_as(
                    Expr::col((Entity, Column::InReplyToId)),
                    Alias::new("status"),
                )
                .expr_as(
                    Expr::col((Entity, Column::Id)).count(),
                    Alias::new("replies"),
                )
                .from(Entity)
                .cond_where(
                    Condition::all()
                        .add(Column::InReplyToId.is_in(super::padded(ids.iter().map(|id| id.0))))
                        .add(Column::DeletedAt.is_null())
                        .add(visible_to(*reader)),
                )
                .group_by_col((Entity, Column::InReplyToId))
                .to_owned()
        });
        let Some(mut union) = selects.next() else {
            continue;
        };
        for select in selects {
            union.union(sea_orm::sea_query::UnionType::All, select);
        }
        let statement = db.get_database_backend().build(&union);
        for row in db.query_all_raw(statement).await? {
            let reader: Option<Uuid> = row.try_get("", "reader")?;
            let status: Uuid = row.try_get("", "status")?;
            let replies: i64 = row.try_get("", "replies")?;
            counts.insert(
                (reader.map(AccountId), StatusId(status)),
                u64::try_from(replies).unwrap_or(0),
            );
        }
    }
    Ok(counts)
}

/// The counts of each of `ids` and what `viewer` did to it, in one statement; `replies`
/// is left at 0, for [`replies_visible_to`] to tell for each reader.
pub async fn stats(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    ids: &[StatusId],
) -> Result<HashMap<StatusId, StatusStats>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let ids = super::padded(ids.iter().map(|id| id.0));
    let sql = format!(
        "SELECT s.id,
            (SELECT COUNT(*) FROM statuses b
              WHERE b.reblog_of_id = s.id AND b.deleted_at IS NULL) AS reblogs,
            (SELECT COUNT(*) FROM favourites f WHERE f.status_id = s.id) AS favourites,
            EXISTS (SELECT 1 FROM favourites f
                     WHERE f.status_id = s.id AND f.account_id = $1) AS favourited,
            EXISTS (SELECT 1 FROM statuses b
                     WHERE b.reblog_of_id = s.id AND b.account_id = $1
                       AND b.deleted_at IS NULL) AS reblogged
         FROM statuses s WHERE s.id IN ({})",
        super::parameters(2, ids.len())
    );
    let mut values = vec![sea_orm::Value::from(viewer.map(|v| v.0))];
    values.extend(ids.into_iter().map(sea_orm::Value::from));
    let statement = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    let count = |row: &sea_orm::QueryResult, column: &str| -> Result<u64, DbErr> {
        Ok(u64::try_from(row.try_get::<i64>("", column)?).unwrap_or(0))
    };
    let mut stats = HashMap::new();
    for row in db.query_all_raw(statement).await? {
        let id: Uuid = row.try_get("", "id")?;
        stats.insert(
            StatusId(id),
            StatusStats {
                replies: 0,
                reblogs: count(&row, "reblogs")?,
                favourites: count(&row, "favourites")?,
                favourited: row.try_get("", "favourited")?,
                reblogged: row.try_get("", "reblogged")?,
            },
        );
    }
    Ok(stats)
}

/// Which of `statuses` each of `viewers` has favourited, and which it has boosted (live
/// boosts only), in one statement: what `stats` tells of one viewer, for many at once.
pub async fn viewer_marks(
    db: &impl ConnectionTrait,
    viewers: &[AccountId],
    statuses: &[StatusId],
) -> Result<ViewerMarks, DbErr> {
    let mut marks = ViewerMarks::default();
    if viewers.is_empty() || statuses.is_empty() {
        return Ok(marks);
    }
    let statuses = super::padded(statuses.iter().map(|id| id.0));
    let viewers = super::padded(viewers.iter().map(|id| id.0));
    let (in_statuses, in_viewers) = (
        super::parameters(1, statuses.len()),
        super::parameters(statuses.len() + 1, viewers.len()),
    );
    let sql = format!(
        "SELECT f.account_id AS viewer, f.status_id AS status, TRUE AS favourite
           FROM favourites f
          WHERE f.status_id IN ({in_statuses}) AND f.account_id IN ({in_viewers})
         UNION ALL
         SELECT b.account_id, b.reblog_of_id, FALSE
           FROM statuses b
          WHERE b.reblog_of_id IN ({in_statuses}) AND b.account_id IN ({in_viewers})
            AND b.deleted_at IS NULL"
    );
    let values = statuses
        .into_iter()
        .chain(viewers)
        .map(sea_orm::Value::from);
    let statement = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    for row in db.query_all_raw(statement).await? {
        let pair = (
            AccountId(row.try_get("", "viewer")?),
            StatusId(row.try_get("", "status")?),
        );
        if row.try_get("", "favourite")? {
            marks.favourited.insert(pair);
        } else {
            marks.reblogged.insert(pair);
        }
    }
    Ok(marks)
}

/// What viewers did to statuses: see [`viewer_marks`].
#[derive(Debug, Default)]
pub struct ViewerMarks {
    pub favourited: HashSet<(AccountId, StatusId)>,
    pub reblogged: HashSet<(AccountId, StatusId)>,
}

/// How many live statuses each account has posted, its private and local notes left out
/// (the count is shown to everyone, other servers included).
pub async fn counts_by_accounts(
    db: &impl ConnectionTrait,
    ids: &[AccountId],
) -> Result<HashMap<AccountId, u64>, DbErr> {
    let ids = ids.iter().map(|id| id.0).collect();
    let live = Entity::find().filter(Column::DeletedAt.is_null()).filter(
        Column::Visibility.is_not_in([Visibility::Private.as_str(), Visibility::Local.as_str()]),
    );
    let counts = super::count_by(db, live, Column::AccountId, Column::Id, ids).await?;
    Ok(counts.into_iter().map(|(k, v)| (AccountId(k), v)).collect())
}

/// Number of live local statuses, private and local notes left out (the figure is public).
pub async fn count_local(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    Entity::find()
        .filter(Column::Local.eq(true))
        .filter(Column::DeletedAt.is_null())
        .filter(
            Column::Visibility
                .is_not_in([Visibility::Private.as_str(), Visibility::Local.as_str()]),
        )
        .count(db)
        .await
}
