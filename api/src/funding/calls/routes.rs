//! `/api/v1/funding-calls`, `/api/v1/funding-calls/{id}`, the eligible projects of a call and
//! the eligible calls of a project.

use crate::http::body::Json;
use crate::search::search_handler;
use actix_web::{
    HttpRequest, HttpResponse, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Path, Query},
};
use chrono::Utc;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    changes::changed_row,
    dto::{
        EligibleCall, FundingCall, FundingCallChanges, FundingCallQuery, FundingCallSearchPage,
        NewFundingCall,
    },
    listing::{Calls, funders},
    service,
};
use crate::db::Db;
use crate::http::conditional::IfMatch;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::Member,
    db,
    entities::funding_call::{self, Entity as FundingCallEntity},
    error::{ApiError, Result, responses},
    funding::{
        eligibility::Rules,
        eligible::{self, EligibleProjectsQuery},
    },
    http::{
        conditional::{check_if_match, version_etag},
        idempotency::{self, StoredResponse},
    },
    projects::{access::visible, dto::ProjectSearchPage, listing::Projects},
    search::{ChangeKind, Listing, changes},
    taxonomies::Taxonomies,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_call)
        .service(search_calls)
        .service(get_call)
        .service(update_call)
        .service(eligible_projects)
        .service(eligible_calls);
}

/// Publishes a call for projects for a funder the caller belongs to.
#[utoipa::path(
    tag = "funding",
    operation_id = "createFundingCall",
    request_body = NewFundingCall,
    params(IdempotencyKey),
    responses(
        (status = 201, description = "Published", body = FundingCall,
            headers(("Location" = String, description = "The new call"), ("ETag" = String))),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/funding-calls")]
async fn create_call(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    body: Json<NewFundingCall>,
) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let new = body.into_inner();
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(service::errors(&new, &taxonomies));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let funder = service::check_funder(txn, member.id(), new.funder_id).await?;
        let now = Utc::now();
        let row = service::insert(txn, member.id(), new, now).await?;
        changes::record(txn, ChangeKind::FundingCall, row.id).await?;
        StoredResponse::created_versioned(
            &FundingCall::from_row(&row, (&funder).into(), now),
            format!("/api/v1/funding-calls/{}", row.id),
            row.version,
        )
    })
    .await
}

search_handler! {
    /// Searches calls for projects: words, status, country or region, sector, applicant kind,
    /// funder; sorted by closing date with `sort=closing_soon`.
    search_calls: GET "/funding-calls", tag "funding", id "searchFundingCalls",
    Calls, FundingCallQuery => FundingCallSearchPage, "A page of calls"
}

/// A call with its funder, as everyone reads it.
pub async fn call_of(db: &Db, id: Uuid) -> Result<(funding_call::Model, FundingCall)> {
    let row = service::find(db, id).await?;
    let funder = funders(db, [row.funder_id].into_iter())
        .await?
        .remove(&row.funder_id)
        .ok_or(ApiError::NotFound("funding call"))?;
    let call = FundingCall::from_row(&row, funder, Utc::now());
    Ok((row, call))
}

/// One call for projects.
#[utoipa::path(
    tag = "funding",
    operation_id = "getFundingCall",
    params(("id" = Uuid, Path, description = "The call's id")),
    responses(
        (status = 200, description = "The call", body = FundingCall, headers(("ETag" = String))),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/funding-calls/{id}")]
async fn get_call(db: Data<Db>, id: Path<Uuid>) -> Result<HttpResponse> {
    let (row, call) = call_of(&db, *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version)))
        .json(call))
}

/// Changes a call (its funder's editors).
#[utoipa::path(
    tag = "funding",
    operation_id = "updateFundingCall",
    request_body = FundingCallChanges,
    params(
        ("id" = Uuid, Path, description = "The call's id"),
        IfMatch,
    ),
    responses(
        (status = 200, description = "Changed", body = FundingCall, headers(("ETag" = String))),
        responses::BodyRefusals,
        responses::ItemRefusals,
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[patch("/funding-calls/{id}")]
async fn update_call(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    id: Path<Uuid>,
    body: Json<FundingCallChanges>,
) -> Result<HttpResponse> {
    let current = service::find(db.get_ref(), *id).await?;
    service::require_funder_editor(db.get_ref(), member.id(), &current).await?;
    let changed = changed_row(&current, &body, &taxonomies)?;
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    db::update_versioned::<FundingCallEntity, _>(
        &txn,
        changed.row,
        funding_call::Column::Id,
        funding_call::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    if changed.links_changed {
        service::replace_link_rows(&txn, &service::find(&txn, current.id).await?).await?;
    }
    changes::record(&txn, ChangeKind::FundingCall, current.id).await?;
    txn.commit().await?;
    let (row, call) = call_of(&db, current.id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version)))
        .json(call))
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
    path = "/projects/{id}/funding-calls",
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
