//! `GET /api/v1/search`: projects, opportunities and organisations in one answer, for the
//! search box that looks everywhere.

use actix_web::{
    HttpResponse, get,
    web::{Data, Query},
};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::{
    error::{ApiError, Result, responses},
    opportunities::{
        dto::{Opportunity, OpportunityFacets, OpportunityQuery},
        routes as opportunity_routes,
    },
    organisations::{
        dto::{Organisation, OrganisationQuery},
        queries as organisation_queries,
    },
    projects::{
        dto::{Project, ProjectFacets, ProjectQuery},
        routes as project_routes,
    },
    search::listing::CountsCache,
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
    params(SearchQuery),
    responses(
        (status = 200, description = "The best matches of each kind", body = SearchResults),
        (status = 400, response = responses::BadRequest),
        (status = 422, response = responses::UnprocessableEntity),
    ),
    security(())
)]
#[get("/search")]
async fn search_everything(
    db: Data<DatabaseConnection>,
    project_counts: Data<CountsCache<ProjectFacets>>,
    opportunity_counts: Data<CountsCache<OpportunityFacets>>,
    query: Query<SearchQuery>,
) -> Result<HttpResponse> {
    let limit = query.limit.unwrap_or(DEFAULT_PER_TYPE);
    if !(1..=MAX_PER_TYPE).contains(&limit) {
        return Err(ApiError::invalid_field(
            "limit",
            "range",
            format!("use 1 to {MAX_PER_TYPE}"),
        ));
    }
    let projects = project_routes::search(
        db.get_ref(),
        &project_counts,
        &ProjectQuery {
            q: query.q.clone(),
            country: query.country.clone(),
            limit: Some(limit),
            ..Default::default()
        },
    )
    .await?;
    let opportunities = opportunity_routes::search(
        db.get_ref(),
        &opportunity_counts,
        &OpportunityQuery {
            q: query.q.clone(),
            country: query.country.clone(),
            limit: Some(limit),
            ..Default::default()
        },
    )
    .await?;
    let organisations = organisation_queries::page(
        db.get_ref(),
        &OrganisationQuery {
            kind: None,
            country: query.country.as_ref().map(|c| c.to_uppercase()),
            verified: None,
            q: query.q.clone(),
            limit: Some(limit),
            cursor: None,
        },
        None,
        limit,
    )
    .await?;
    Ok(HttpResponse::Ok().json(SearchResults {
        projects: ProjectResults {
            items: projects.items,
            total: projects.total,
        },
        opportunities: OpportunityResults {
            items: opportunities.items,
            total: opportunities.total,
        },
        organisations: OrganisationResults {
            items: organisations
                .iter()
                .take(limit as usize)
                .map(Organisation::from)
                .collect(),
        },
    }))
}
