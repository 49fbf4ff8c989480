//! Searching: statuses by their words (in the index `status_search` keeps), accounts and
//! tags by prefix.

use rookery_entity::{accounts, statuses, tags};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::predicates::{
    listable, mentions_viewer, not_limited_for, not_silenced, viewer_follows_author, visible_to,
};
use crate::ids::AccountId;
use crate::page::{Page, PageRequest};
use crate::types::account::INSTANCE_ACTOR;
use crate::types::{Account, Status, Visibility};

/// The status's text holds every one of `words` (letters and digits only, lowercased).
fn holds_words(backend: DatabaseBackend, words: &[String]) -> Expr {
    match backend {
        DatabaseBackend::Postgres => Expr::cust_with_values(
            "\"statuses\".\"id\" IN (SELECT status_id FROM status_search \
             WHERE document @@ plainto_tsquery('simple', $1))",
            [words.join(" ")],
        ),
        _ => {
            // Each word as an FTS5 string, so that none is read as an operator.
            let query: Vec<String> = words
                .iter()
                .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
                .collect();
            Expr::cust_with_values(
                "\"statuses\".\"id\" IN (SELECT status_id FROM status_search \
                 WHERE id IN (SELECT rowid FROM status_search_fts \
                 WHERE status_search_fts MATCH ?))",
                [query.join(" ")],
            )
        }
    }
}

/// Of statuses by others, which a search may find: those of indexable authors, and of
/// those the unlisted ones only for followers and the mentioned (unlisted statuses stay
/// out of discovery, as they stay out of public timelines).
fn findable_by(viewer: AccountId) -> Condition {
    let indexable_authors = Query::select()
        .column(accounts::Column::Id)
        .from(accounts::Entity)
        .and_where(accounts::Column::Indexable.eq(true))
        .to_owned();
    let not_quiet = Condition::any()
        .add(statuses::Column::Visibility.ne(Visibility::Unlisted.as_str()))
        .add(viewer_follows_author(viewer))
        .add(mentions_viewer(viewer));
    Condition::any()
        .add(statuses::Column::AccountId.eq(viewer.0))
        .add(
            Condition::all()
                .add(statuses::Column::AccountId.in_subquery(indexable_authors))
                .add(not_quiet),
        )
}

/// One page, newest first, of the listable statuses (not archived) holding every one of `words` that
/// `viewer` may see and find (see [`findable_by`]), without those of accounts it mutes
/// or whose domains it blocks.
pub async fn statuses_page(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    words: &[String],
    request: &PageRequest,
) -> Result<Page<Status>, DbErr> {
    let select = statuses::Entity::find()
        .filter(listable())
        .filter(statuses::Column::ReblogOfId.is_null())
        .filter(holds_words(db.get_database_backend(), words))
        .filter(visible_to(Some(viewer)))
        .filter(findable_by(viewer))
        .filter(not_silenced(viewer))
        .filter(not_limited_for(Some(viewer)));
    super::page(db, select, statuses::Column::Id, request, |model| {
        (model.id, super::statuses::to_domain(model))
    })
    .await
}

/// The bounds of the strings starting with `prefix`: at least `prefix`, less than
/// `prefix` followed by the last character there is.
fn prefix_range(prefix: &str) -> (String, String) {
    (prefix.to_owned(), format!("{prefix}{}", char::MAX))
}

/// `column` (an SQL expression) starts with `prefix`, as a range an index answers.
fn starts_with(backend: DatabaseBackend, column: &'static str, prefix: &str) -> Expr {
    let (low, high) = prefix_range(prefix);
    let sql = match backend {
        // The pattern operators compare bytes, as the prefix indexes do.
        DatabaseBackend::Postgres => format!("({column} ~>=~ $1 AND {column} ~<~ $2)"),
        _ => format!("({column} >= ? AND {column} < ?)"),
    };
    Expr::cust_with_values(sql, [low, high])
}

/// Accounts whose handle (`user` or `user@domain`) or lowercased display name starts with
/// `prefix` (lowercased), by handle; never the instance's own actor, nor an account
/// that blocks `viewer` or that it blocks.
pub async fn accounts_by_prefix(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    prefix: &str,
    limit: u64,
) -> Result<Vec<Account>, DbErr> {
    let backend = db.get_database_backend();
    let mut select = accounts::Entity::find()
        .filter(
            Condition::any()
                .add(starts_with(backend, "\"accounts\".\"handle\"", prefix))
                .add(starts_with(
                    backend,
                    "lower(\"accounts\".\"display_name\")",
                    prefix,
                )),
        )
        .filter(accounts::Column::Handle.ne(INSTANCE_ACTOR))
        .filter(accounts::Column::SuspendedAt.is_null());
    if let Some(viewer) = viewer {
        select = select
            .filter(accounts::Column::Id.not_in_subquery(super::blocks::blocked_by_query(viewer)))
            .filter(accounts::Column::Id.not_in_subquery(super::blocks::blocking_query(viewer)));
    }
    let rows = select
        .order_by_asc(accounts::Column::Handle)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(super::accounts::to_domain).collect())
}

/// Hashtag names starting with `prefix` (lowercased, without `#`), alphabetically.
pub async fn tags_by_prefix(
    db: &impl ConnectionTrait,
    prefix: &str,
    limit: u64,
) -> Result<Vec<String>, DbErr> {
    let backend = db.get_database_backend();
    tags::Entity::find()
        .select_only()
        .column(tags::Column::Name)
        .filter(starts_with(backend, "\"tags\".\"name\"", prefix))
        .order_by_asc(tags::Column::Name)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_range_holds_longer_names_only() {
        let (low, high) = prefix_range("ali");
        for name in ["ali", "alice", "ali_b", "aliñ"] {
            assert!(low.as_str() <= name && name < high.as_str(), "{name}");
        }
        for name in ["al", "alh", "alj", "alí", "bob"] {
            assert!(!(low.as_str() <= name && name < high.as_str()), "{name}");
        }
    }
}
