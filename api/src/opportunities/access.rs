//! Who may change an opportunity and who may see the author of an anonymous one.

use uuid::Uuid;

use crate::{
    accounts::Member,
    db::{self, Db},
    entities::opportunity::{self, Entity as OpportunityEntity},
    error::Result,
    interests::{self, TargetKind},
    organisations::{may_edit, require_editor},
};

/// An opportunity the member may change (403 otherwise, 404 when there is none).
pub async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<opportunity::Model> {
    let row = db::find::<OpportunityEntity, _>(db, id, "opportunity").await?;
    require_editor(db, member.id(), row.owner_id, row.organisation_id).await?;
    member.require_acts_for(row.organisation_id)?;
    Ok(row)
}

/// Whether `reader` may see who stands behind an (anonymous) opportunity: those who may edit
/// it, and members whose interest in it the owner accepted.
pub async fn reveals_owner_to(db: &Db, reader: Uuid, row: &opportunity::Model) -> Result<bool> {
    Ok(
        may_edit(db, reader, row.owner_id, row.organisation_id).await?
            || interests::has_accepted_interest(db, reader, TargetKind::Opportunity, row.id)
                .await?,
    )
}
