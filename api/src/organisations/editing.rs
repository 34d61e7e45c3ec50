//! What changing an organisation holds of its own: its owners and editors change it, only its
//! owners delete it.

use uuid::Uuid;

use super::{
    dto::{Organisation, OrganisationChanges},
    listing::Organisations,
    queries::{self, MemberRole, membership},
    service,
};
use crate::{
    accounts::Member,
    db::Db,
    editing::Editable,
    entities::organisation,
    error::{ApiError, Result},
    taxonomies::Taxonomies,
};

impl Editable for Organisations {
    type Row = organisation::Model;
    type Changes = OrganisationChanges;
    type Checked = organisation::ActiveModel;
    type Shown = Organisation;

    fn version(row: &organisation::Model) -> i32 {
        row.version
    }

    fn shown(row: &organisation::Model) -> Organisation {
        Organisation::from(row)
    }

    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<organisation::Model> {
        let row = queries::find(db, id).await?;
        match membership(db, row.id, member.id()).await? {
            Some(_) => Ok(row),
            None => Err(ApiError::Forbidden),
        }
    }

    async fn deletable(db: &Db, member: &Member, id: Uuid) -> Result<organisation::Model> {
        let row = queries::find(db, id).await?;
        match membership(db, row.id, member.id()).await? {
            Some(MemberRole::Owner) => Ok(row),
            _ => Err(ApiError::Forbidden),
        }
    }

    fn check(
        _member: &Member,
        current: &organisation::Model,
        changes: &OrganisationChanges,
        taxonomies: &Taxonomies,
    ) -> Result<organisation::ActiveModel> {
        service::changes_of(current, changes, taxonomies)
    }

    async fn update(
        db: &Db,
        current: &organisation::Model,
        checked: organisation::ActiveModel,
    ) -> Result<organisation::Model> {
        service::update(db, current, checked).await
    }

    async fn delete(db: &Db, current: &organisation::Model) -> Result<()> {
        service::delete(db, current).await
    }
}
