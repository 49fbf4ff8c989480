//! Moderators' internal notes on accounts and reports.

use rookery_entity::moderator_notes::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::ids::{AccountId, ModeratorNoteId, ReportId};
use crate::types::{ModeratorNote, NoteSubject};

fn to_domain(model: Model) -> Option<ModeratorNote> {
    let subject = match (model.account_id, model.report_id) {
        (Some(account), _) => NoteSubject::Account(AccountId(account)),
        (None, Some(report)) => NoteSubject::Report(ReportId(report)),
        (None, None) => return None,
    };
    Some(ModeratorNote {
        id: ModeratorNoteId(model.id),
        subject,
        author: AccountId(model.author_account_id),
        text: model.text,
        created_at: model.created_at,
    })
}

pub async fn insert(db: &impl ConnectionTrait, note: &ModeratorNote) -> Result<(), DbErr> {
    let (account, report) = match note.subject {
        NoteSubject::Account(id) => (Some(id.0), None),
        NoteSubject::Report(id) => (None, Some(id.0)),
    };
    let row = ActiveModel {
        id: Set(note.id.0),
        account_id: Set(account),
        report_id: Set(report),
        author_account_id: Set(note.author.0),
        text: Set(note.text.clone()),
        created_at: Set(note.created_at),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// The notes on `subject`, oldest first (a conversation among moderators).
pub async fn on(
    db: &impl ConnectionTrait,
    subject: NoteSubject,
    limit: u64,
) -> Result<Vec<ModeratorNote>, DbErr> {
    let filter = match subject {
        NoteSubject::Account(id) => Column::AccountId.eq(id.0),
        NoteSubject::Report(id) => Column::ReportId.eq(id.0),
    };
    Ok(Entity::find()
        .filter(filter)
        .order_by_asc(Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_domain)
        .collect())
}
