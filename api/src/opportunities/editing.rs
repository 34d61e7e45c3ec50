//! What changing an opportunity holds of its own: the checks and writes of `service`, whose
//! changed sector list is written beside the row.

use uuid::Uuid;

use super::{
    access,
    dto::{Opportunity, OpportunityChanges},
    listing::Opportunities,
    service,
};
use crate::{
    accounts::Member,
    db::Db,
    editing::{self, Editable},
    entities::opportunity,
    error::Result,
    search::ChangeKind,
    taxonomies::Taxonomies,
};

impl Editable for Opportunities {
    type Row = opportunity::Model;
    type Changes = OpportunityChanges;
    /// The row's changes and, when it changes, the new sector list.
    type Checked = (opportunity::ActiveModel, Option<Vec<String>>);
    type Shown = Opportunity;

    fn version(row: &opportunity::Model) -> i32 {
        row.version
    }

    /// Its editors see who stands behind it, anonymous or not.
    fn shown(row: &opportunity::Model) -> Opportunity {
        Opportunity::from_row(row, true)
    }

    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<opportunity::Model> {
        access::editable(db, member, id).await
    }

    fn check(
        _member: &Member,
        current: &opportunity::Model,
        changes: &OpportunityChanges,
        taxonomies: &Taxonomies,
    ) -> Result<Self::Checked> {
        service::changes_of(current, changes, taxonomies)
    }

    async fn update(
        db: &Db,
        current: &opportunity::Model,
        (row, sectors): Self::Checked,
    ) -> Result<opportunity::Model> {
        service::update(db, current, row, sectors).await
    }

    async fn delete(db: &Db, current: &opportunity::Model) -> Result<()> {
        let columns = (opportunity::Column::Id, opportunity::Column::Version);
        let read = (current.id, current.version);
        editing::delete_row::<opportunity::Entity>(db, columns, read, ChangeKind::Opportunity).await
    }
}
