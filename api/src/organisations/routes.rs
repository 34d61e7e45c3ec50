//! `/api/v1/organisations` and `/api/v1/organisations/{id}`, and verification.

use crate::{editing::item_routes, search::search_handler};
use actix_web::{
    HttpResponse, delete, get,
    http::header::ETAG,
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
};
use crate::db::Db;
use crate::{
    accounts::{Member, Role},
    error::{ApiError, Result, responses},
    http::conditional::version_etag,
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

item_routes! {
    Organisations, tag "organisations", id "The organisation's id";
    /// Creates an organisation; the caller becomes its owner.
    create_organisation: POST "/organisations", id "createOrganisation",
        NewOrganisation => Organisation, "Created", "The new organisation",
        refusals CreateRefusals;
    /// One organisation.
    get_organisation: GET "/organisations/{id}", id "getOrganisation", "The organisation",
        security(());
    /// Changes an organisation (its owners and editors only).
    update_organisation: PATCH id "updateOrganisation", OrganisationChanges,
        "The updated organisation";
    /// Deletes an organisation (its owners only).
    delete_organisation: DELETE id "deleteOrganisation";
}

search_handler! {
    /// Searches organisations: words, filters, cursor pagination, total and facets (newest first
    /// without words).
    list_organisations: GET "/organisations", tag "organisations", id "listOrganisations",
    Organisations, OrganisationQuery => OrganisationPage, "A page of organisations"
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
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version)))
        .json(Organisation::from(&row)))
}
