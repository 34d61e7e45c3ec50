//! `/api/v1/organisations` and `/api/v1/organisations/{id}`, and verification.

use crate::{
    editing::{item_action, item_routes},
    search::search_handler,
};
use actix_web::{HttpResponse, delete, get, http::header::ETAG, patch, post};
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
    error::{ApiError, Result},
    http::conditional::version_etag,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_organisations)
        .service(verify_organisation)
        .service(unverify_organisation);
    item_services(cfg);
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

item_action! {
    /// Marks an organisation as verified (facilitators only).
    verify_organisation: post "/organisations/{id}/verification", tag "organisations",
        id "verifyOrganisation", of "The organisation's id",
        200 Organisation, "The organisation, verified", refusals ItemRefusals;
    set_verified(true)
}

item_action! {
    /// Withdraws an organisation's verification (facilitators only).
    unverify_organisation: delete "/organisations/{id}/verification", tag "organisations",
        id "unverifyOrganisation", of "The organisation's id",
        200 Organisation, "The organisation, no longer verified", refusals ItemRefusals;
    set_verified(false)
}

async fn set_verified(
    verified: bool,
    db: &Db,
    facilitator: &Member,
    id: Uuid,
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
