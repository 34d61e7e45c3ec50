//! What the territory dashboard counts of funding: applications sent and funds obtained per
//! applicant organisation and year. A query function only; the dashboard wires it.

use std::collections::BTreeMap;

use chrono::Datelike;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    entities::{
        funding_application::{self, Entity as ApplicationEntity},
        funding_call::{self, Entity as FundingCallEntity},
    },
    error::Result,
    funding::applications::dto::ApplicationStatus,
};

/// One organisation's applications of one year (by submission) and what they obtained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FundingYear {
    pub organisation_id: Uuid,
    pub year: i32,
    /// Submitted applications, whatever became of them (drafts do not count).
    pub applications: u32,
    pub accepted: u32,
    /// Amounts granted per currency (never converted).
    pub granted: BTreeMap<String, i64>,
}

/// The submitted applications of `organisations` and their grants, per organisation and
/// year of submission, ordered by organisation then year.
pub async fn per_organisation_and_year<C: ConnectionTrait>(
    db: &C,
    organisations: &[Uuid],
) -> Result<Vec<FundingYear>> {
    let rows = ApplicationEntity::find()
        .filter(funding_application::Column::OrganisationId.is_in(organisations.iter().copied()))
        .filter(funding_application::Column::SubmittedAt.is_not_null())
        .all(db)
        .await?;
    let currencies: BTreeMap<Uuid, String> = FundingCallEntity::find()
        .filter(funding_call::Column::Id.is_in(rows.iter().map(|row| row.call_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|call| (call.id, call.currency))
        .collect();
    let mut years: BTreeMap<(Uuid, i32), FundingYear> = BTreeMap::new();
    for row in &rows {
        let Some(submitted) = row.submitted_at else {
            continue;
        };
        let year = submitted.year();
        let entry = years
            .entry((row.organisation_id, year))
            .or_insert_with(|| FundingYear {
                organisation_id: row.organisation_id,
                year,
                applications: 0,
                accepted: 0,
                granted: BTreeMap::new(),
            });
        entry.applications += 1;
        if ApplicationStatus::of(row) == ApplicationStatus::Accepted {
            entry.accepted += 1;
            if let (Some(amount), Some(currency)) =
                (row.amount_granted, currencies.get(&row.call_id))
            {
                *entry.granted.entry(currency.clone()).or_default() += amount;
            }
        }
    }
    Ok(years.into_values().collect())
}
