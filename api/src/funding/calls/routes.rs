//! `/api/v1/funding-calls`, `/api/v1/funding-calls/{id}`, the eligible projects of a call and
//! the eligible calls of a project.

use actix_web::{
    HttpRequest, HttpResponse, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Json, Path, Query},
};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
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
    error::{ApiError, FieldError, Result, responses},
    funding::{
        eligibility::{self, Rules},
        eligible::{self, EligibleProjectsQuery},
    },
    http::{
        conditional::{check_if_match, version_etag},
        idempotency::{self, StoredResponse},
    },
    projects::{access::visible, dto::ProjectSearchPage, listing::Projects},
    search::{ChangeKind, Listing, changes, text::title_text},
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

/// Searches calls for projects: words, status, country or region, sector, applicant kind,
/// funder; sorted by closing date with `sort=closing_soon`.
#[utoipa::path(
    tag = "funding",
    operation_id = "searchFundingCalls",
    params(FundingCallQuery),
    responses(
        (status = 200, description = "A page of calls", body = FundingCallSearchPage),
        responses::QueryRefusals,
    ),
    security(())
)]
#[get("/funding-calls")]
async fn search_calls(
    db: Data<Db>,
    listing: Data<Listing<Calls>>,
    query: Query<FundingCallQuery>,
) -> Result<HttpResponse> {
    Ok(listing.answer(&db, &*query).await?.respond())
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
    member: Member,
    id: Path<Uuid>,
    body: Json<FundingCallChanges>,
) -> Result<HttpResponse> {
    let current = service::find(db.get_ref(), *id).await?;
    service::require_funder_editor(db.get_ref(), member.id(), &current).await?;
    let row = changed_row(&current, &body)?;
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    db::update_versioned::<FundingCallEntity, _>(
        &txn,
        row,
        funding_call::Column::Id,
        funding_call::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    changes::record(&txn, ChangeKind::FundingCall, current.id).await?;
    txn.commit().await?;
    let (row, call) = call_of(&db, current.id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version)))
        .json(call))
}

fn changed_row(
    current: &funding_call::Model,
    changes: &FundingCallChanges,
) -> Result<funding_call::ActiveModel> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    let mut row = funding_call::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    let title = changes
        .title
        .clone()
        .unwrap_or_else(|| current.title.clone());
    let description = changes
        .description
        .clone()
        .unwrap_or_else(|| current.description.clone());
    if changes.title.is_some() || changes.description.is_some() {
        row.search_text = Set(service::indexed_text(
            &current.programme_name,
            current.programme_code.as_deref(),
            &title,
            &description,
        ));
        row.search_title = Set(title_text(&title));
        row.title = Set(title.trim().to_owned());
        row.description = Set(description);
    }
    let budget = changes.total_budget.unwrap_or(current.total_budget);
    if changes
        .max_grant
        .or(current.max_grant)
        .is_some_and(|max| max > budget)
    {
        errors.push(FieldError::new(
            "max_grant",
            "range",
            "at most the call's total budget",
        ));
    }
    if let Some(budget) = changes.total_budget {
        row.total_budget = Set(budget);
    }
    if let Some(max) = changes.max_grant {
        row.max_grant = Set(Some(max));
    }
    if let Some(rate) = changes.max_cofinancing_rate {
        row.max_rate = Set(Some(rate));
    }
    if let Some(grants) = changes.grants_expected {
        row.grants_expected = Set(Some(grants));
    }
    let opens_on = changes.opens_on.unwrap_or(current.opens_on);
    let closes_on = changes.closes_on.unwrap_or(current.closes_on);
    if closes_on < opens_on {
        errors.push(FieldError::new(
            "closes_on",
            "range",
            "close on or after the opening day",
        ));
    } else if changes.opens_on.is_some() || changes.closes_on.is_some() {
        let zone = Rules::of(current).zone;
        let (opens_at, closes_at) = eligibility::window(opens_on, closes_on, zone);
        row.opens_on = Set(opens_on);
        row.closes_on = Set(closes_on);
        row.opens_at = Set(opens_at);
        row.closes_at = Set(closes_at);
    }
    if errors.is_empty() {
        Ok(row)
    } else {
        Err(ApiError::Validation(errors))
    }
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

/// How many open calls a project's report weighs at most.
const OPEN_CALLS: u64 = 100;

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
    let applicant = eligible::applicant_of(db.get_ref(), &project, None).await?;
    let now = Utc::now();
    let rows = FundingCallEntity::find()
        .filter(funding_call::Column::OpensAt.lte(now))
        .filter(funding_call::Column::ClosesAt.gt(now))
        .order_by_asc(funding_call::Column::ClosesAt)
        .limit(OPEN_CALLS)
        .all(db.get_ref())
        .await?;
    let funders = funders(&db, rows.iter().map(|row| row.funder_id)).await?;
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
    // Those the project may apply to first, each group soonest closing first.
    report.sort_by_key(|entry| !entry.eligible);
    Ok(HttpResponse::Ok().json(report))
}
