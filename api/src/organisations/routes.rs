//! `/api/v1/organisations` and `/api/v1/organisations/{id}`, and verification.

use crate::http::body::Json;
use crate::{editing::editing_handlers, search::search_handler};
use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::{StatusCode, header::ETAG},
    patch, post,
    web::{Data, Path},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    dto::{
        NewOrganisation, Organisation, OrganisationChanges, OrganisationPage, OrganisationQuery,
    },
    listing::Organisations,
    queries::{self, membership},
    service,
};
use crate::db::Db;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::{Member, Role},
    entities::organisation::{self},
    error::{ApiError, Result, responses},
    http::{
        conditional::version_etag,
        idempotency::{self, StoredResponse},
    },
    search::{ChangeKind, changes},
    taxonomies::Taxonomies,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_organisation)
        .service(list_organisations)
        .service(get_organisation)
        .service(update_organisation)
        .service(delete_organisation)
        .service(verify_organisation)
        .service(unverify_organisation);
}

fn organisation_response(status: StatusCode, row: &organisation::Model) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, version_etag(row.version)))
        .json(Organisation::from(row))
}

/// Creates an organisation; the caller becomes its owner.
#[utoipa::path(
    tag = "organisations",
    operation_id = "createOrganisation",
    request_body = NewOrganisation,
    params(IdempotencyKey),
    responses(
        (status = 201, description = "Created", body = Organisation,
            headers(("Location" = String, description = "The new organisation"), ("ETag" = String))),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/organisations")]
async fn create_organisation(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    body: Json<NewOrganisation>,
) -> Result<HttpResponse> {
    let body = body.into_inner();
    let country = service::check_new(&body, &taxonomies)?;
    let fingerprint = idempotency::fingerprint(&body)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let created = queries::insert(txn, member.id(), body, country).await?;
        changes::record(txn, ChangeKind::Organisation, created.id).await?;
        StoredResponse::created_versioned(
            &Organisation::from(&created),
            format!("/api/v1/organisations/{}", created.id),
            created.version,
        )
    })
    .await
}

search_handler! {
    /// Searches organisations: words, filters, cursor pagination, total and facets (newest first
    /// without words).
    list_organisations: GET "/organisations", tag "organisations", id "listOrganisations",
    Organisations, OrganisationQuery => OrganisationPage, "A page of organisations"
}

/// One organisation.
#[utoipa::path(
    tag = "organisations",
    operation_id = "getOrganisation",
    params(("id" = Uuid, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The organisation", body = Organisation, headers(("ETag" = String))),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/organisations/{id}")]
async fn get_organisation(db: Data<Db>, id: Path<Uuid>) -> Result<HttpResponse> {
    let row = queries::find(db.get_ref(), *id).await?;
    Ok(organisation_response(StatusCode::OK, &row))
}

editing_handlers! {
    Organisations, tag "organisations", path "/organisations/{id}", id "The organisation's id";
    /// Changes an organisation (its owners and editors only).
    update_organisation: PATCH id "updateOrganisation", OrganisationChanges => Organisation,
        "The updated organisation";
    /// Deletes an organisation (its owners only).
    delete_organisation: DELETE id "deleteOrganisation";
}

/// Marks an organisation as verified (facilitators only).
#[utoipa::path(
    tag = "organisations",
    operation_id = "verifyOrganisation",
    path = "/organisations/{id}/verification",
    params(("id" = Uuid, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The organisation, verified", body = Organisation),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/verification")]
async fn verify_organisation(
    db: Data<Db>,
    facilitator: Member,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    set_verified(&db, &facilitator, *id, true).await
}

/// Withdraws an organisation's verification (facilitators only).
#[utoipa::path(
    tag = "organisations",
    operation_id = "unverifyOrganisation",
    path = "/organisations/{id}/verification",
    params(("id" = Uuid, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The organisation, no longer verified", body = Organisation),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[delete("/organisations/{id}/verification")]
async fn unverify_organisation(
    db: Data<Db>,
    facilitator: Member,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    set_verified(&db, &facilitator, *id, false).await
}

async fn set_verified(
    db: &Db,
    facilitator: &Member,
    id: Uuid,
    verified: bool,
) -> Result<HttpResponse> {
    facilitator.require(Role::Facilitator)?;
    let current = queries::find(db, id).await?;
    // Nobody vouches for their own organisation.
    if verified && membership(db, id, facilitator.id()).await?.is_some() {
        return Err(ApiError::Forbidden);
    }
    let row = queries::set_verified(db, &current, verified.then(|| facilitator.id())).await?;
    Ok(organisation_response(StatusCode::OK, &row))
}
