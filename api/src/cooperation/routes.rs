//! `/api/v1/cooperation-links` and `/api/v1/cooperation-links/{id}` (with its confirmation).

use crate::{
    editing::{Editable, item_routes},
    search::search_handler,
};
use actix_web::{
    HttpResponse, delete, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Path},
};
use chrono::Utc;
use sea_orm::ActiveValue::Set;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    dto::{
        CooperationLink, CooperationLinkChanges, CooperationLinkQuery, CooperationLinkSearchPage,
        NewCooperationLink,
    },
    listing::CooperationLinks,
    service::{self, find},
};
use crate::db::Db;
use crate::{
    accounts::Member,
    db,
    entities::cooperation_link::{self, Entity as LinkEntity},
    error::{ApiError, Result, responses},
    http::conditional::version_etag,
    search::{ChangeKind, changes},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_links)
        .service(super::figures::link_aggregates)
        .service(confirm_link)
        .service(super::territory::territory_dashboard)
        .service(super::diaspora::territory_diaspora);
    item_services(cfg);
}

item_routes! {
    CooperationLinks, tag "cooperation", id "The link's id";
    /// Records a link between two authorities. The recorder belongs to one side's organisation
    /// (whose agreement comes with the recording) or is a facilitator; the other side confirms.
    create_link: POST "/cooperation-links", id "createCooperationLink",
        NewCooperationLink => CooperationLink, "Recorded", "The new link",
        refusals CreateForRefusals;
    /// One cooperation link.
    get_link: GET "/cooperation-links/{id}", id "getCooperationLink", "The link", security(());
    /// Changes a link's themes, start, status, description or projects (members of either
    /// side's organisation, and facilitators).
    update_link: PATCH id "updateCooperationLink", CooperationLinkChanges, "The updated link";
    /// Deletes a link (members of either side's organisation, and facilitators).
    delete_link: DELETE id "deleteCooperationLink";
}

search_handler! {
    /// Searches the atlas of cooperation links: words, filters, cursor pagination, total and
    /// facets.
    search_links: GET "/cooperation-links", tag "cooperation", id "searchCooperationLinks",
    CooperationLinks, CooperationLinkQuery => CooperationLinkSearchPage, "A page of results"
}

/// Confirms a link for the side(s) whose organisation the caller belongs to. Only a side's
/// own members speak for it: facilitators manage links but do not confirm them for others.
#[utoipa::path(
    tag = "cooperation",
    operation_id = "confirmCooperationLink",
    params(("id" = Uuid, Path, description = "The link's id")),
    responses(
        (status = 200, description = "The link, confirmed by the caller's side", body = CooperationLink, headers(("ETag" = String))),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[post("/cooperation-links/{id}/confirmation")]
async fn confirm_link(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let current = find(db.get_ref(), *id).await?;
    let speaks =
        service::sides_of(db.get_ref(), member.id(), service::organisations(&current)).await?;
    if !speaks.contains(&true) {
        return Err(ApiError::Forbidden);
    }
    let txn = db::write_transaction(&db).await?;
    let mut row = cooperation_link::ActiveModel {
        north_organisation_id: Set(current.north_organisation_id),
        south_organisation_id: Set(current.south_organisation_id),
        north_confirmed: Set(current.north_confirmed || speaks[0]),
        south_confirmed: Set(current.south_confirmed || speaks[1]),
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    row.confirmed = Set(service::is_confirmed(&row));
    db::update_versioned::<LinkEntity, _>(&txn, row, &current).await?;
    let link = CooperationLinks::shown(&txn, &find(&txn, current.id).await?).await?;
    changes::record(&txn, ChangeKind::CooperationLink, current.id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(link.version)))
        .json(link))
}
