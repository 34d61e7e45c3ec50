//! `GET /api/v1/search`: projects, opportunities and organisations in one answer, for the
//! search box that looks everywhere.

use actix_web::{
    HttpResponse, get,
    web::{Data, Query},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::db::Db;
use crate::{
    error::{ApiError, Result, responses},
    http::raw_json::RawObject,
    opportunities::{
        dto::{Opportunity, OpportunityQuery},
        listing::Opportunities,
    },
    organisations::{
        dto::{Organisation, OrganisationQuery},
        listing::Organisations,
    },
    projects::{
        dto::{Project, ProjectQuery},
        listing::Projects,
    },
    search::listing::Listing,
};

const DEFAULT_PER_TYPE: u64 = 5;
const MAX_PER_TYPE: u64 = 20;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_everything);
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find (French or English; accents and case do not matter).
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[param(pattern = "^[A-Za-z]{2}$")]
    pub country: Option<String>,
    /// How many of each kind, 1 to 20 (default 5).
    #[param(minimum = 1, maximum = 20)]
    pub limit: Option<u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectResults {
    pub items: Vec<Project>,
    pub total: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OpportunityResults {
    pub items: Vec<Opportunity>,
    pub total: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationResults {
    pub items: Vec<Organisation>,
    pub total: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub projects: ProjectResults,
    pub opportunities: OpportunityResults,
    pub organisations: OrganisationResults,
}

/// Searches published projects, open opportunities and organisations at once; the best
/// matches of each kind, with the totals to link to the full lists.
#[utoipa::path(
    tag = "search",
    operation_id = "searchEverything",
    params(SearchQuery),
    responses(
        (status = 200, description = "The best matches of each kind", body = SearchResults),
        responses::QueryRefusals,
    ),
    security(())
)]
#[get("/search")]
async fn search_everything(
    db: Data<Db>,
    project_listing: Data<Listing<Projects>>,
    opportunity_listing: Data<Listing<Opportunities>>,
    organisation_listing: Data<Listing<Organisations>>,
    query: Query<SearchQuery>,
) -> Result<HttpResponse> {
    let limit = Some(query.checked_limit()?);
    let (q, country) = (&query.q, &query.country);
    let projects = ProjectQuery {
        q: q.clone(),
        country: country.clone(),
        limit,
        ..Default::default()
    };
    let opportunities = OpportunityQuery {
        q: q.clone(),
        country: country.clone(),
        limit,
        ..Default::default()
    };
    let organisations = OrganisationQuery {
        q: q.clone(),
        country: country.clone(),
        limit,
        ..Default::default()
    };
    Ok(RawObject::new()
        .raw(
            "projects",
            &section(project_listing.answer(&db, &projects).await?),
        )
        .raw(
            "opportunities",
            &section(opportunity_listing.answer(&db, &opportunities).await?),
        )
        .raw(
            "organisations",
            &section(organisation_listing.answer(&db, &organisations).await?),
        )
        .respond())
}

/// One kind's part of the answer: its first items and how many there are.
fn section<F>(found: super::Page<F>) -> Vec<u8> {
    RawObject::new()
        .raw_array("items", &found.items)
        .value("total", &found.total)
        .finish()
}

impl SearchQuery {
    /// The number of items per kind asked for, 1 to 20.
    fn checked_limit(&self) -> Result<u64> {
        let limit = self.limit.unwrap_or(DEFAULT_PER_TYPE);
        if (1..=MAX_PER_TYPE).contains(&limit) {
            Ok(limit)
        } else {
            Err(ApiError::invalid_field(
                "limit",
                "range",
                format!("use 1 to {MAX_PER_TYPE}"),
            ))
        }
    }
}
