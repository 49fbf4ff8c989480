//! Accounts: local and remote actors.

use std::collections::HashMap;

use chrono::Utc;
use rookery_entity::accounts::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, Query, SelectStatement, SimpleExpr},
};

use crate::ids::AccountId;
use crate::secrets::Purpose;
use crate::types::{Account, AccountAction, AccountRestrictions, ProfileField};

pub(crate) fn to_domain(model: Model) -> Account {
    let local = model.domain.is_none();
    Account {
        id: AccountId(model.id),
        username: model.username,
        domain: model.domain,
        display_name: model.display_name,
        note_source: model.note_source,
        note_html: model.note_html,
        fields: fields_of(model.fields, local),
        avatar_ref: model.avatar_ref,
        header_ref: model.header_ref,
        locked: model.locked,
        bot: model.bot,
        discoverable: model.discoverable,
        indexable: model.indexable,
        actor_id: model.actor_id,
        url: model.url,
        inbox_url: model.inbox_url,
        shared_inbox_url: model.shared_inbox_url,
        outbox_url: model.outbox_url,
        followers_url: model.followers_url,
        following_url: model.following_url,
        featured_url: model.featured_url,
        moved_to: model.moved_to_account_id.map(AccountId),
        also_known_as: model
            .also_known_as
            .and_then(|json| serde_json::from_value(json).ok())
            .unwrap_or_default(),
        restrictions: AccountRestrictions {
            suspended_at: model.suspended_at,
            limited_at: model.limited_at,
            sensitized_at: model.sensitized_at,
        },
        public_key_pem: model.public_key_pem,
        key_id: model.key_id,
        created_at: model.created_at,
        updated_at: model.updated_at,
    }
}

/// The unique, lowercased key of an account: `username` or `username@domain`.
pub fn handle_key(username: &str, domain: Option<&str>) -> String {
    match domain {
        None => username.to_lowercase(),
        Some(domain) => format!("{}@{}", username, domain).to_lowercase(),
    }
}

/// A subquery of the ids of the accounts on `domain`.
pub(crate) fn ids_on(domain: &str) -> SelectStatement {
    Query::select()
        .column(Column::Id)
        .from(Entity)
        .and_where(Column::Domain.eq(domain))
        .to_owned()
}

/// Stored profile fields; those stored before their HTML was kept get it here: a local
/// field's text with its URLs linked, a remote field's value (which was its HTML).
fn fields_of(json: serde_json::Value, local: bool) -> Vec<ProfileField> {
    let mut fields: Vec<ProfileField> = serde_json::from_value(json).unwrap_or_default();
    for field in &mut fields {
        if field.value_html.is_empty() && !field.value.is_empty() {
            if local {
                field.value_html =
                    crate::content::field_html(&field.value, &crate::content::UrlsOnly);
            } else {
                field.value_html = std::mem::take(&mut field.value);
                field.value = crate::content::plain_text(&field.value_html);
            }
        }
    }
    fields
}

fn fields_json(fields: &[ProfileField]) -> serde_json::Value {
    serde_json::to_value(fields).unwrap_or(serde_json::Value::Array(Vec::new()))
}

/// Stores a new account; `private_key_pem` only for local ones.
pub async fn insert(
    db: &impl ConnectionTrait,
    account: &Account,
    private_key_pem: Option<String>,
) -> Result<(), DbErr> {
    let private_key_pem = private_key_pem
        .map(|pem| super::seal(Purpose::ActorPrivateKey, &pem))
        .transpose()?;
    let row = ActiveModel {
        id: Set(account.id.0),
        handle: Set(handle_key(&account.username, account.domain.as_deref())),
        username: Set(account.username.clone()),
        domain: Set(account.domain.clone()),
        display_name: Set(account.display_name.clone()),
        note_source: Set(account.note_source.clone()),
        note_html: Set(account.note_html.clone()),
        fields: Set(fields_json(&account.fields)),
        avatar_ref: Set(account.avatar_ref.clone()),
        header_ref: Set(account.header_ref.clone()),
        locked: Set(account.locked),
        bot: Set(account.bot),
        discoverable: Set(account.discoverable),
        indexable: Set(account.indexable),
        actor_id: Set(account.actor_id.clone()),
        url: Set(account.url.clone()),
        inbox_url: Set(account.inbox_url.clone()),
        shared_inbox_url: Set(account.shared_inbox_url.clone()),
        outbox_url: Set(account.outbox_url.clone()),
        followers_url: Set(account.followers_url.clone()),
        following_url: Set(account.following_url.clone()),
        featured_url: Set(account.featured_url.clone()),
        public_key_pem: Set(account.public_key_pem.clone()),
        private_key_pem: Set(private_key_pem),
        moved_to_account_id: Set(account.moved_to.map(|id| id.0)),
        key_id: Set(account.key_id.clone()),
        suspended_at: Set(account.restrictions.suspended_at),
        limited_at: Set(account.restrictions.limited_at),
        sensitized_at: Set(account.restrictions.sensitized_at),
        created_at: Set(account.created_at),
        updated_at: Set(account.updated_at),
        ..Default::default()
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: AccountId) -> Result<Option<Account>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

/// The accounts matching `condition`.
async fn all_where(
    db: &impl ConnectionTrait,
    condition: SimpleExpr,
) -> Result<Vec<Account>, DbErr> {
    let rows = Entity::find().filter(condition).all(db).await?;
    Ok(rows.into_iter().map(to_domain).collect())
}

/// The account matching `condition`, if any.
async fn one_where(
    db: &impl ConnectionTrait,
    condition: SimpleExpr,
) -> Result<Option<Account>, DbErr> {
    Ok(Entity::find()
        .filter(condition)
        .one(db)
        .await?
        .map(to_domain))
}

pub async fn by_ids(db: &impl ConnectionTrait, ids: &[AccountId]) -> Result<Vec<Account>, DbErr> {
    all_where(
        db,
        Column::Id.is_in(super::padded(ids.iter().map(|id| id.0))),
    )
    .await
}

/// Accounts by handle keys (see [`handle_key`]).
pub async fn by_handles(
    db: &impl ConnectionTrait,
    handles: &[String],
) -> Result<Vec<Account>, DbErr> {
    all_where(db, Column::Handle.is_in(handles.iter().cloned())).await
}

pub async fn by_handle(db: &impl ConnectionTrait, handle: &str) -> Result<Option<Account>, DbErr> {
    one_where(db, Column::Handle.eq(handle.to_lowercase())).await
}

/// What a profile update writes.
#[derive(Debug, Clone)]
pub struct ProfileChange {
    pub display_name: String,
    pub note_source: String,
    pub note_html: String,
    pub locked: bool,
    pub bot: bool,
    pub discoverable: bool,
    pub indexable: bool,
    pub fields: Vec<ProfileField>,
    pub avatar_ref: Option<String>,
    pub header_ref: Option<String>,
}

pub async fn update_profile(
    db: &impl ConnectionTrait,
    id: AccountId,
    change: ProfileChange,
) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(id.0),
        display_name: Set(change.display_name),
        note_source: Set(change.note_source),
        note_html: Set(change.note_html),
        locked: Set(change.locked),
        bot: Set(change.bot),
        discoverable: Set(change.discoverable),
        indexable: Set(change.indexable),
        fields: Set(fields_json(&change.fields)),
        avatar_ref: Set(change.avatar_ref),
        header_ref: Set(change.header_ref),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Replaces the actor ids a local account names as its earlier selves.
pub async fn set_also_known_as(
    db: &impl ConnectionTrait,
    id: AccountId,
    actor_ids: &[String],
) -> Result<(), DbErr> {
    let json = (!actor_ids.is_empty()).then(|| serde_json::json!(actor_ids));
    Entity::update_many()
        .col_expr(Column::AlsoKnownAs, Expr::value(json))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Replaces an account's profile fields as they are (a verification noted on one).
pub async fn set_fields(
    db: &impl ConnectionTrait,
    id: AccountId,
    fields: &[ProfileField],
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Fields, Expr::value(fields_json(fields)))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets a local account that never posted (a rejected sign-up).
pub async fn delete_local(db: &impl ConnectionTrait, id: AccountId) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::Id.eq(id.0))
        .filter(Column::Domain.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Number of local accounts.
pub async fn count_local(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Entity::find()
        .filter(Column::Domain.is_null())
        .filter(Column::Handle.ne(crate::types::account::INSTANCE_ACTOR))
        .count(db)
        .await
}

pub async fn by_actor_id(
    db: &impl ConnectionTrait,
    actor_id: &str,
) -> Result<Option<Account>, DbErr> {
    one_where(db, Column::ActorId.eq(actor_id)).await
}

pub async fn by_actor_ids(
    db: &impl ConnectionTrait,
    actor_ids: &[String],
) -> Result<Vec<Account>, DbErr> {
    all_where(db, Column::ActorId.is_in(actor_ids.iter().cloned())).await
}

pub async fn by_key_id(db: &impl ConnectionTrait, key_id: &str) -> Result<Option<Account>, DbErr> {
    one_where(db, Column::KeyId.eq(key_id)).await
}

/// A local account's private key.
pub async fn private_key(
    db: &impl ConnectionTrait,
    id: AccountId,
) -> Result<Option<String>, DbErr> {
    Ok(with_private_key(db, id).await?.and_then(|(_, key)| key))
}

/// An account and, for a local one, its private key, in one read.
pub async fn with_private_key(
    db: &impl ConnectionTrait,
    id: AccountId,
) -> Result<Option<(Account, Option<String>)>, DbErr> {
    let Some(mut row) = Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    let key = row
        .private_key_pem
        .take()
        .map(|sealed| super::open(Purpose::ActorPrivateKey, &sealed))
        .transpose()?;
    Ok(Some((to_domain(row), key)))
}

/// The stored private keys of local accounts that do not begin with `prefix` (those not
/// sealed with the current key), by account.
pub async fn private_keys_not_sealed_with(
    db: &impl ConnectionTrait,
    prefix: &str,
) -> Result<Vec<(AccountId, String)>, DbErr> {
    let rows = Entity::find()
        .filter(Column::PrivateKeyPem.is_not_null())
        .filter(Column::PrivateKeyPem.not_like(format!("{prefix}%")))
        .select_only()
        .column(Column::Id)
        .column(Column::PrivateKeyPem)
        .into_tuple::<(uuid::Uuid, String)>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, key)| (AccountId(id), key))
        .collect())
}

/// Replaces an account's stored private key with `sealed`, as it is.
pub async fn set_sealed_private_key(
    db: &impl ConnectionTrait,
    id: AccountId,
    sealed: String,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::PrivateKeyPem, Expr::value(sealed))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Overwrites what a remote server says about one of its accounts. Only a remote row of
/// the same server is ever written: a local account, or one of another server, is left as
/// it is and the write fails, whatever the caller checked.
pub async fn update_remote(db: &impl ConnectionTrait, account: &Account) -> Result<(), DbErr> {
    let domain = account
        .domain
        .clone()
        .ok_or_else(|| DbErr::Custom("a remote account needs its domain".into()))?;
    let changes = ActiveModel {
        handle: Set(handle_key(&account.username, account.domain.as_deref())),
        username: Set(account.username.clone()),
        display_name: Set(account.display_name.clone()),
        note_html: Set(account.note_html.clone()),
        fields: Set(fields_json(&account.fields)),
        locked: Set(account.locked),
        bot: Set(account.bot),
        discoverable: Set(account.discoverable),
        indexable: Set(account.indexable),
        url: Set(account.url.clone()),
        inbox_url: Set(account.inbox_url.clone()),
        shared_inbox_url: Set(account.shared_inbox_url.clone()),
        outbox_url: Set(account.outbox_url.clone()),
        followers_url: Set(account.followers_url.clone()),
        following_url: Set(account.following_url.clone()),
        featured_url: Set(account.featured_url.clone()),
        public_key_pem: Set(account.public_key_pem.clone()),
        key_id: Set(account.key_id.clone()),
        avatar_ref: Set(account.avatar_ref.clone()),
        header_ref: Set(account.header_ref.clone()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let updated = Entity::update_many()
        .set(changes)
        .filter(Column::Id.eq(account.id.0))
        .filter(Column::Domain.is_not_null())
        .filter(Column::Domain.eq(domain))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DbErr::RecordNotUpdated);
    }
    Ok(())
}

/// The inboxes that reach `followee`'s remote followers: each server's shared inbox where it
/// has one, else each follower's own; no duplicates.
pub async fn remote_follower_inboxes(
    db: &impl ConnectionTrait,
    followee: AccountId,
) -> Result<Vec<String>, DbErr> {
    use rookery_entity::follows;
    use sea_orm::{QuerySelect, QueryTrait, sea_query::Func};

    let followers = follows::Entity::find()
        .select_only()
        .column(follows::Column::FollowerId)
        .filter(follows::Column::FolloweeId.eq(followee.0))
        .into_query();
    let inbox = SimpleExpr::from(Func::coalesce([
        sea_orm::sea_query::Expr::col(Column::SharedInboxUrl),
        sea_orm::sea_query::Expr::col(Column::InboxUrl),
    ]));
    Entity::find()
        .select_only()
        .column_as(inbox, "inbox")
        .distinct()
        .filter(Column::Domain.is_not_null())
        .filter(Column::Id.in_subquery(followers))
        .into_tuple::<String>()
        .all(db)
        .await
}

/// Remote accounts last refreshed before `before`, the stalest first.
pub async fn stale_remote(
    db: &impl ConnectionTrait,
    before: chrono::DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Account>, DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    Ok(Entity::find()
        .filter(Column::Domain.is_not_null())
        .filter(Column::UpdatedAt.lt(before))
        .order_by_asc(Column::UpdatedAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Records that `account` moved to `target`.
pub async fn set_moved_to(
    db: &impl ConnectionTrait,
    account: AccountId,
    target: AccountId,
) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(account.0),
        moved_to_account_id: Set(Some(target.0)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Marks a remote account as just looked at, whatever came of it.
pub async fn touch(
    db: &impl ConnectionTrait,
    account: AccountId,
    at: chrono::DateTime<Utc>,
) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(account.0),
        updated_at: Set(at),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// What remote accounts' servers publish of their counts (statuses, followers, following),
/// where they publish them.
pub async fn published_counts(
    db: &impl ConnectionTrait,
    ids: &[AccountId],
) -> Result<HashMap<AccountId, [Option<u64>; 3]>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let count = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok());
    Ok(Entity::find()
        .filter(Column::Id.is_in(ids.iter().map(|id| id.0)))
        .filter(Column::Domain.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            (
                AccountId(row.id),
                [
                    count(row.published_statuses_count),
                    count(row.published_followers_count),
                    count(row.published_following_count),
                ],
            )
        })
        .collect())
}

/// Keeps the counts a remote account's server published; None leaves a count as it was.
pub async fn set_published_counts(
    db: &impl ConnectionTrait,
    account: AccountId,
    [statuses, followers, following]: [Option<u64>; 3],
) -> Result<(), DbErr> {
    let count = |n: Option<u64>| match n {
        Some(n) => Set(Some(i64::try_from(n).unwrap_or(i64::MAX))),
        None => sea_orm::ActiveValue::NotSet,
    };
    let changes = ActiveModel {
        published_statuses_count: count(statuses),
        published_followers_count: count(followers),
        published_following_count: count(following),
        ..Default::default()
    };
    if !changes.is_changed() {
        return Ok(());
    }
    Entity::update_many()
        .set(changes)
        .filter(Column::Id.eq(account.0))
        .filter(Column::Domain.is_not_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Sets (or, with None, lifts) the restriction `action` leaves on an account; false when it
/// was already so.
pub async fn set_restriction(
    db: &impl ConnectionTrait,
    id: AccountId,
    action: AccountAction,
    since: Option<chrono::DateTime<Utc>>,
) -> Result<bool, DbErr> {
    let column = match action {
        AccountAction::Suspend => Column::SuspendedAt,
        AccountAction::Limit => Column::LimitedAt,
        AccountAction::Sensitive => Column::SensitizedAt,
        AccountAction::Warn | AccountAction::Disable => return Ok(false),
    };
    // Only where it changes: a restriction keeps the time it began.
    let changes = match since {
        Some(_) => column.is_null(),
        None => column.is_not_null(),
    };
    let result = Entity::update_many()
        .col_expr(column, Expr::value(since))
        .filter(Column::Id.eq(id.0))
        .filter(changes)
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// A subquery of the ids of suspended accounts.
pub(crate) fn suspended_ids() -> SelectStatement {
    Query::select()
        .column(Column::Id)
        .from(Entity)
        .and_where(Column::SuspendedAt.is_not_null())
        .to_owned()
}

/// A subquery of the ids of limited accounts.
pub(crate) fn limited_ids() -> SelectStatement {
    Query::select()
        .column(Column::Id)
        .from(Entity)
        .and_where(Column::LimitedAt.is_not_null())
        .to_owned()
}

/// Accounts suspended before `before` (whose data is due to be purged), oldest first.
pub async fn suspended_before(
    db: &impl ConnectionTrait,
    before: chrono::DateTime<Utc>,
    limit: u64,
) -> Result<Vec<AccountId>, DbErr> {
    Ok(Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::SuspendedAt.lt(before))
        .limit(limit)
        .into_tuple::<uuid::Uuid>()
        .all(db)
        .await?
        .into_iter()
        .map(AccountId)
        .collect())
}

/// The shared inbox of every server this instance knows an account of.
pub async fn known_shared_inboxes(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    Ok(Entity::find()
        .select_only()
        .column(Column::SharedInboxUrl)
        .distinct()
        .filter(Column::SharedInboxUrl.is_not_null())
        .into_tuple::<Option<String>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect())
}

/// Those of `ids` that are suspended.
pub async fn suspended_among(
    db: &impl ConnectionTrait,
    ids: &[AccountId],
) -> Result<std::collections::HashSet<AccountId>, DbErr> {
    let mut ids: Vec<uuid::Uuid> = ids.iter().map(|id| id.0).collect();
    ids.sort();
    ids.dedup();
    Ok(Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::Id.is_in(ids))
        .filter(Column::SuspendedAt.is_not_null())
        .into_tuple::<uuid::Uuid>()
        .all(db)
        .await?
        .into_iter()
        .map(AccountId)
        .collect())
}

/// The accounts of `domain` or of a domain under it (with or without a port).
pub(crate) fn on_domain_or_below(domain: &str) -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(Column::Domain.eq(domain))
        .add(Column::Domain.like(format!("%.{domain}")))
        .add(Column::Domain.like(format!("{domain}:%")))
        .add(Column::Domain.like(format!("%.{domain}:%")))
}

/// A subquery of the ids of the accounts [`on_domain_or_below`].
pub(crate) fn ids_on_domain_or_below(domain: &str) -> SelectStatement {
    Query::select()
        .column(Column::Id)
        .from(Entity)
        .cond_where(on_domain_or_below(domain))
        .to_owned()
}

/// Puts every account of `domain` (and below) not under it yet under `action`'s
/// restriction since `began`; with `lift`, takes it off those under it since `began`
/// (what one domain block set, not what moderators did to one account). Returns how many.
pub async fn restrict_domain(
    db: &impl ConnectionTrait,
    domain: &str,
    action: AccountAction,
    began: chrono::DateTime<Utc>,
    lift: bool,
) -> Result<u64, DbErr> {
    let column = match action {
        AccountAction::Suspend => Column::SuspendedAt,
        AccountAction::Limit => Column::LimitedAt,
        AccountAction::Sensitive => Column::SensitizedAt,
        AccountAction::Warn | AccountAction::Disable => return Ok(0),
    };
    let (value, which) = if lift {
        (None, column.eq(began))
    } else {
        (Some(began), column.is_null())
    };
    let result = Entity::update_many()
        .col_expr(column, Expr::value(value))
        .filter(on_domain_or_below(domain))
        .filter(which)
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// How many accounts of `domain` (and below) this instance knows.
pub async fn count_on_domain(db: &impl ConnectionTrait, domain: &str) -> Result<u64, DbErr> {
    Entity::find()
        .filter(on_domain_or_below(domain))
        .count(db)
        .await
}
