//! What a call for projects' writes hold of their own: a funder's editors publish and change
//! it (it is closed, never deleted), and everyone reads it with its funder.

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use uuid::Uuid;
use validator::Validate;

use super::{
    changes::{ChangedCall, changed_row},
    dto::{FundingCall, FundingCallChanges, NewFundingCall},
    listing::Calls,
    service,
};
use crate::{
    accounts::Member,
    db::{self, Db},
    editing::{Editable, Editor},
    entities::funding_call,
    error::{ApiError, Result},
    organisations::queries,
    search::{ListingKind, changes},
    taxonomies::CountryCode,
};

impl Editable for Calls {
    type Row = funding_call::Model;
    type New = NewFundingCall;
    /// Its eligible countries, parsed.
    type Ready = Vec<CountryCode>;
    type Changes = FundingCallChanges;
    type Checked = ChangedCall;
    type Shown = FundingCall;

    const COLLECTION: &'static str = "/api/v1/funding-calls";

    /// With its funder; its status (upcoming, open, closed) as of now.
    async fn shown<C: ConnectionTrait>(db: &C, row: &funding_call::Model) -> Result<FundingCall> {
        let funder = queries::find(db, row.funder_id).await?;
        Ok(FundingCall::from_row(row, (&funder).into(), Utc::now()))
    }

    /// A call is public from its publication.
    async fn check_new(editor: &Editor<'_>, new: &NewFundingCall) -> Result<Vec<CountryCode>> {
        editor.member.require_verified_email()?;
        let mut errors = ApiError::field_errors_of(new.validate());
        let countries = service::check_new(new, editor.taxonomies, &mut errors);
        ApiError::valid(errors, countries)
    }

    /// For a funder the member belongs to (403 otherwise), checked in the write's transaction.
    async fn insert(
        txn: &DatabaseTransaction,
        member: &Member,
        new: NewFundingCall,
        countries: Vec<CountryCode>,
    ) -> Result<funding_call::Model> {
        service::check_funder(txn, member.id(), new.funder_id).await?;
        service::insert(txn, member.id(), new, &countries, Utc::now()).await
    }

    async fn read(
        db: &Db,
        _reader: Option<&Member>,
        id: Uuid,
    ) -> Result<(funding_call::Model, FundingCall)> {
        let row = service::find(db, id).await?;
        let shown = Self::shown(db, &row).await?;
        Ok((row, shown))
    }

    async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<funding_call::Model> {
        let row = service::find(db, id).await?;
        service::require_funder_editor(db, member.id(), &row).await?;
        Ok(row)
    }

    async fn check(
        editor: &Editor<'_>,
        current: &funding_call::Model,
        changes: &FundingCallChanges,
    ) -> Result<ChangedCall> {
        changed_row(current, changes, editor.taxonomies)
    }

    /// Who may apply and where it is listed are rewritten when they change.
    async fn update(
        db: &Db,
        current: &funding_call::Model,
        changed: ChangedCall,
    ) -> Result<funding_call::Model> {
        let txn = db::write_transaction(db).await?;
        db::update_versioned::<funding_call::Entity, _>(&txn, changed.row, current).await?;
        let row = service::find(&txn, current.id).await?;
        if changed.links_changed {
            service::replace_link_rows(&txn, &row).await?;
        }
        changes::record(&txn, Self::KIND, current.id).await?;
        txn.commit().await?;
        Ok(row)
    }
}
