//! Who is eligible to what: the applicant a project makes (its organisation's kind, its
//! countries and sectors), and a call's rules as a request to the projects listing.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::{
    calls::{
        dto::{EligibleCall, FundingCall},
        listing::funders,
    },
    eligibility::{self, Applicant, Rules},
};
use crate::{
    db::Db,
    entities::{
        funding_call::{self, Entity as FundingCallEntity},
        project,
    },
    error::Result,
    organisations::queries,
    projects::service::listed_countries_of,
    search::{
        Criteria,
        kind::{ListingRequest, PageParams},
    },
    taxonomies::{Taxonomies, TaxonomyKind, code_strings},
};

/// The applicant a project makes when `organisation` (else the project's own organisation)
/// applies for it.
/// Open calls considered for a project's "calls you could apply to", soonest closing first.
const OPEN_CALLS: u64 = 100;

/// The open calls a project could apply to, each with the rules it meets and those it does
/// not: those it may apply to first, each group soonest closing first.
pub async fn open_calls_for(
    db: &Db,
    project: &project::Model,
    now: DateTime<Utc>,
) -> Result<Vec<EligibleCall>> {
    let applicant = applicant_of(db, project, None).await?;
    let rows = FundingCallEntity::find()
        .filter(funding_call::Column::OpensAt.lte(now))
        .filter(funding_call::Column::ClosesAt.gt(now))
        .order_by_asc(funding_call::Column::ClosesAt)
        .limit(OPEN_CALLS)
        .all(db)
        .await?;
    let funders = funders(db, rows.iter().map(|row| row.funder_id)).await?;
    let mut report: Vec<EligibleCall> = rows
        .iter()
        .filter_map(|row| {
            let funder = funders.get(&row.funder_id)?.clone();
            let rules = Rules::of(row);
            let verdicts = eligibility::applicant_rules(&rules, &applicant, now);
            Some(EligibleCall {
                eligible: verdicts.iter().all(|verdict| verdict.met),
                days_left: eligibility::days_left(&rules, now),
                call: FundingCall::from_row(row, funder, now),
                rules: verdicts,
            })
        })
        .collect();
    report.sort_by_key(|entry| !entry.eligible);
    Ok(report)
}

pub async fn applicant_of<C: ConnectionTrait>(
    db: &C,
    project: &project::Model,
    organisation: Option<Uuid>,
) -> Result<Applicant> {
    let organisation_kind = match organisation.or(project.organisation_id) {
        Some(id) => Some(queries::find(db, id).await?.kind.as_str().to_owned()),
        None => None,
    };
    Ok(Applicant {
        organisation_kind,
        countries: code_strings(&listed_countries_of(project)),
        sectors: project.sectors.to_vec(),
    })
}

/// Paging through the eligible projects of a call.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EligibleProjectsQuery {
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    #[param(max_length = 512, pattern = "^[0-9a-f]+$")]
    pub cursor: Option<String>,
}

/// A call's rules on who may apply, as criteria of the projects listing.
pub struct EligibleProjects<'a> {
    criteria: Criteria,
    query: &'a EligibleProjectsQuery,
}

/// Published projects of an eligible kind of organisation, in an eligible country and sector
/// (a category stands for the codes under it).
pub fn projects_request<'a>(
    rules: &Rules,
    taxonomies: &Taxonomies,
    query: &'a EligibleProjectsQuery,
) -> EligibleProjects<'a> {
    let mut criteria = Criteria::default();
    criteria.filter("status", ["published".to_owned()]);
    criteria.filter("organisation_kind", rules.applicant_kinds.clone());
    if !rules.countries.is_empty() {
        criteria.filter("country", rules.countries.clone());
    }
    if !rules.sectors.is_empty() {
        let codes = rules.sectors.iter().flat_map(|code| {
            let under = taxonomies
                .terms(TaxonomyKind::Sectors)
                .iter()
                .filter(move |term| term.parent.as_deref() == Some(code.as_str()))
                .map(|term| term.code.clone());
            std::iter::once(code.clone()).chain(under)
        });
        criteria.filter("sector", codes);
    }
    EligibleProjects { criteria, query }
}

impl ListingRequest for EligibleProjects<'_> {
    fn criteria(&self) -> Result<Criteria> {
        Ok(self.criteria.clone())
    }

    fn page(&self) -> PageParams<'_> {
        PageParams {
            sort: None,
            limit: self.query.limit,
            cursor: self.query.cursor.as_deref(),
        }
    }
}
