//! Who may see and who may change a project: the one place for both rules.

use uuid::Uuid;

use super::dto::ProjectStatus;
use crate::{
    accounts::Member,
    db::{self, Db},
    entities::project::{self, Entity as ProjectEntity},
    error::{ApiError, Result},
    organisations::{may_edit, require_editor},
};

/// Whether a reader may see a project: published, closed and archived ones are public; drafts
/// only to those who may edit them.
pub async fn may_see<C: sea_orm::ConnectionTrait>(
    db: &C,
    reader: Option<Uuid>,
    row: &project::Model,
) -> Result<bool> {
    if row.status != ProjectStatus::Draft {
        return Ok(true);
    }
    match reader {
        Some(reader) => may_edit(db, reader, row.owner_id, row.organisation_id).await,
        None => Ok(false),
    }
}

/// A project the reader may see (drafts: only those who may edit them), else 404.
pub async fn visible(db: &Db, reader: Option<&Member>, id: Uuid) -> Result<project::Model> {
    let row = db::find::<ProjectEntity, _>(db, id, "project").await?;
    if may_see(db, reader.map(Member::id), &row).await? {
        Ok(row)
    } else {
        Err(ApiError::NotFound("project"))
    }
}

/// A project the caller may edit: 404 when they may not even see it, 403 when they only see it.
pub async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<project::Model> {
    let row = visible(db, Some(member), id).await?;
    require_editor(db, member.id(), row.owner_id, row.organisation_id).await?;
    member.require_acts_for(row.organisation_id)?;
    Ok(row)
}
