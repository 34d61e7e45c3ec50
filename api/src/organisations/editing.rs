//! What an organisation's writes hold of their own: whoever creates one owns it, its owners
//! and editors change it, only its owners delete it.

use sea_orm::{ConnectionTrait, DatabaseTransaction};
use uuid::Uuid;

use super::{
    dto::{NewOrganisation, Organisation, OrganisationChanges},
    listing::Organisations,
    queries::{self, MemberRole, membership},
    service,
};
use crate::{
    accounts::Member,
    db::Db,
    editing::{Deletable, Editable, Editor},
    entities::organisation,
    error::{ApiError, Result},
    taxonomies::CountryCode,
};

impl Editable for Organisations {
    type Row = organisation::Model;
    type New = NewOrganisation;
    /// Its country, parsed.
    type Ready = CountryCode;
    type Changes = OrganisationChanges;
    type Checked = organisation::ActiveModel;
    type Shown = Organisation;

    const COLLECTION: &'static str = "/api/v1/organisations";

    async fn shown<C: ConnectionTrait>(_: &C, row: &organisation::Model) -> Result<Organisation> {
        Ok(Organisation::from(row))
    }

    async fn check_new(editor: &Editor<'_>, new: &NewOrganisation) -> Result<CountryCode> {
        service::check_new(new, editor.taxonomies)
    }

    /// The member who creates it becomes its owner.
    async fn insert(
        txn: &DatabaseTransaction,
        member: &Member,
        new: NewOrganisation,
        country: CountryCode,
    ) -> Result<organisation::Model> {
        queries::insert(txn, member.id(), new, country).await
    }

    /// Every organisation is public.
    async fn read(
        db: &Db,
        _reader: Option<&Member>,
        id: Uuid,
    ) -> Result<(organisation::Model, Organisation)> {
        let row = queries::find(db, id).await?;
        let shown = Organisation::from(&row);
        Ok((row, shown))
    }

    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<organisation::Model> {
        let row = queries::find(db, id).await?;
        match membership(db, row.id, member.id()).await? {
            Some(_) => Ok(row),
            None => Err(ApiError::Forbidden),
        }
    }

    async fn check(
        editor: &Editor<'_>,
        current: &organisation::Model,
        changes: &OrganisationChanges,
    ) -> Result<organisation::ActiveModel> {
        service::changes_of(current, changes, editor.taxonomies)
    }

    async fn update(
        db: &Db,
        current: &organisation::Model,
        checked: organisation::ActiveModel,
    ) -> Result<organisation::Model> {
        service::update(db, current, checked).await
    }
}

impl Deletable for Organisations {
    async fn deletable(db: &Db, member: &Member, id: Uuid) -> Result<organisation::Model> {
        let row = queries::find(db, id).await?;
        match membership(db, row.id, member.id()).await? {
            Some(MemberRole::Owner) => Ok(row),
            _ => Err(ApiError::Forbidden),
        }
    }

    async fn delete(db: &Db, current: &organisation::Model) -> Result<()> {
        service::delete(db, current).await
    }
}
