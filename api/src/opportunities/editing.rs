//! What an opportunity's writes hold of their own: public from its creation, an anonymous
//! author shown to few, and the checks and writes of `service` (a changed sector list is
//! written beside the row).

use sea_orm::{ConnectionTrait, DatabaseTransaction};
use uuid::Uuid;

use super::{
    access::{self, reveals_owner_to},
    dto::{NewOpportunity, Opportunity, OpportunityChanges},
    listing::Opportunities,
    service,
};
use crate::{
    accounts::Member,
    db::{self, Db},
    editing::{self, Deletable, Editable, Editor, Owned},
    entities::opportunity,
    error::Result,
    integrations::{self, Event, EventType},
};

impl Editable for Opportunities {
    type Row = opportunity::Model;
    type New = NewOpportunity;
    /// The codes of the new opportunity, parsed.
    type Ready = service::OpportunityCodes;
    type Changes = OpportunityChanges;
    /// The row's changes, and whether its sectors change (their rows are rewritten).
    type Checked = (opportunity::ActiveModel, bool);
    type Shown = Opportunity;

    const COLLECTION: &'static str = "/api/v1/opportunities";

    /// Its editors see who stands behind it, anonymous or not.
    async fn shown<C: ConnectionTrait>(_: &C, row: &opportunity::Model) -> Result<Opportunity> {
        Ok(Opportunity::from_row(row, true))
    }

    async fn check_new(
        editor: &Editor<'_>,
        new: &NewOpportunity,
    ) -> Result<service::OpportunityCodes> {
        // An opportunity is public from its creation.
        editor.member.require_verified_email()?;
        editor.member.require_acts_for(new.organisation_id)?;
        service::check_new(new, editor.taxonomies)
    }

    /// Open at once, linked to a project and an organisation the member may publish for.
    async fn insert(
        txn: &DatabaseTransaction,
        member: &Member,
        new: NewOpportunity,
        codes: service::OpportunityCodes,
    ) -> Result<opportunity::Model> {
        let kind =
            service::check_links(txn, member.id(), new.project_id, new.organisation_id).await?;
        let row = service::insert(txn, member.id(), new, codes, kind).await?;
        integrations::emit(txn, Event::opportunity(EventType::OpportunityCreated, &row)).await?;
        Ok(row)
    }

    /// The author of an anonymous one is shown to those who may edit it and to members whose
    /// interest in it was accepted.
    async fn read(
        db: &Db,
        reader: Option<&Member>,
        id: Uuid,
    ) -> Result<(opportunity::Model, Opportunity)> {
        let row = db::find::<opportunity::Entity, _>(db, id, "opportunity").await?;
        let reveal = match reader {
            Some(reader) => reveals_owner_to(db, reader.id(), &row).await?,
            None => false,
        };
        let shown = Opportunity::from_row(&row, reveal);
        Ok((row, shown))
    }

    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<opportunity::Model> {
        access::editable(db, member, id).await
    }

    async fn check(
        editor: &Editor<'_>,
        current: &opportunity::Model,
        changes: &OpportunityChanges,
    ) -> Result<Self::Checked> {
        service::changes_of(current, changes, editor.taxonomies)
    }

    async fn update(
        db: &Db,
        current: &opportunity::Model,
        (row, sectors): Self::Checked,
    ) -> Result<opportunity::Model> {
        service::update(db, current, row, sectors).await
    }
}

impl Owned for Opportunities {
    async fn mine(db: &Db, member: &Member) -> Result<Vec<Opportunity>> {
        service::mine(db, member.id()).await
    }
}

impl Deletable for Opportunities {
    async fn delete(db: &Db, current: &opportunity::Model) -> Result<()> {
        editing::delete_row::<Self, opportunity::Entity>(db, current).await
    }
}
