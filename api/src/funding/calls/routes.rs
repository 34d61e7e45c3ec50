//! `/api/v1/funding-calls`, `/api/v1/funding-calls/{id}`, the eligible projects of a call and
//! the eligible calls of a project.

use crate::{editing::item_routes, search::search_handler};
use actix_web::{
    HttpResponse, get, patch, post,
    web::{Data, Path, Query},
};
use chrono::Utc;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    dto::{
        EligibleCall, FundingCall, FundingCallChanges, FundingCallQuery, FundingCallSearchPage,
        NewFundingCall,
    },
    listing::Calls,
    service,
};
use crate::db::Db;
use crate::{
    accounts::Member,
    error::{Result, responses},
    funding::{
        eligibility::Rules,
        eligible::{self, EligibleProjectsQuery},
    },
    projects::{access::visible, dto::ProjectSearchPage, listing::Projects},
    search::Listing,
    taxonomies::Taxonomies,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_calls)
        .service(eligible_projects)
        .service(eligible_calls);
    item_services(cfg);
}

item_routes! {
    Calls, tag "funding", id "The call's id";
    /// Publishes a call for projects for a funder the caller belongs to.
    create_call: POST "/funding-calls", id "createFundingCall", NewFundingCall => FundingCall,
        "Published", "The new call", refusals CreateForRefusals;
    /// One call for projects.
    get_call: GET "/funding-calls/{id}", id "getFundingCall", "The call", security(());
    /// Changes a call (its funder's editors).
    update_call: PATCH id "updateFundingCall", FundingCallChanges, "Changed";
}

search_handler! {
    /// Searches calls for projects: words, status, country or region, sector, applicant kind,
    /// funder; sorted by closing date with `sort=closing_soon`.
    search_calls: GET "/funding-calls", tag "funding", id "searchFundingCalls",
    Calls, FundingCallQuery => FundingCallSearchPage, "A page of calls"
}

/// Published projects that meet the call's rules on who may apply (kind, country, sector):
/// for funders scouting. Answered by the projects listing.
#[utoipa::path(
    tag = "funding",
    operation_id = "listEligibleProjects",
    params(("id" = Uuid, Path, description = "The call's id"), EligibleProjectsQuery),
    responses(
        (status = 200, description = "A page of eligible projects", body = ProjectSearchPage),
        responses::QueryRefusals,
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/funding-calls/{id}/eligible-projects")]
async fn eligible_projects(
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    projects: Data<Listing<Projects>>,
    id: Path<Uuid>,
    query: Query<EligibleProjectsQuery>,
) -> Result<HttpResponse> {
    let call = service::find(db.get_ref(), *id).await?;
    let request = eligible::projects_request(&Rules::of(&call), &taxonomies, &query);
    Ok(projects.answer(&db, &request).await?.respond())
}

/// The open calls a project could apply to, soonest closing first, each with the rules it
/// meets and those it does not.
#[utoipa::path(
    tag = "funding",
    operation_id = "listEligibleFundingCalls",
    params(("id" = Uuid, Path, description = "The project's id")),
    responses(
        (status = 200, description = "Open calls and their rules", body = Vec<EligibleCall>),
        (status = 404, response = responses::NotFound),
    ),
    security((), ("bearer" = []))
)]
#[get("/projects/{id}/funding-calls")]
async fn eligible_calls(
    db: Data<Db>,
    reader: Option<Member>,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let project = visible(&db, reader.as_ref(), *id).await?;
    let report = eligible::open_calls_for(&db, &project, Utc::now()).await?;
    Ok(HttpResponse::Ok().json(report))
}
