//! `/api/v1/saved-searches` and the unsubscribe link of their e-mails.

use crate::http::body::Json;
use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::{StatusCode, header::ETAG},
    patch, post,
    web::{Data, Path},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    dto::{Channel, NewSavedSearch, SavedSearch, SavedSearchChanges, Unsubscription},
    service,
};
use crate::db::Db;
use crate::http::conditional::IfMatch;
use crate::{
    accounts::Member,
    db,
    entities::saved_search::{self, Entity as SavedSearchEntity},
    error::{Result, responses},
    http::conditional::{check_if_match, version_etag},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_saved_search)
        .service(list_saved_searches)
        .service(get_saved_search)
        .service(update_saved_search)
        .service(delete_saved_search)
        .service(read_unsubscription)
        .service(unsubscribe);
}

fn response(status: StatusCode, row: &saved_search::Model) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, version_etag(row.version)))
        .json(SavedSearch::from(row))
}

/// Saves a search; new results published from now on are announced.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "createSavedSearch",
    request_body = NewSavedSearch,
    responses(
        (status = 201, description = "Saved", body = SavedSearch, headers(("ETag" = String))),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/saved-searches")]
async fn create_saved_search(
    db: Data<Db>,
    member: Member,
    body: Json<NewSavedSearch>,
) -> Result<HttpResponse> {
    let new = body.into_inner();
    service::check_new(&new)?;
    let row = service::insert(&db, member.id(), new).await?;
    Ok(response(StatusCode::CREATED, &row))
}

/// The caller's saved searches, newest first.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "listSavedSearches",
    responses(
        (status = 200, description = "The caller's saved searches", body = Vec<SavedSearch>),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/saved-searches")]
async fn list_saved_searches(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    let rows = service::mine(&db, member.id()).await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(SavedSearch::from).collect::<Vec<_>>()))
}

/// One saved search of the caller's.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "getSavedSearch",
    params(("id" = Uuid, Path, description = "The saved search's id")),
    responses(
        (status = 200, description = "The saved search", body = SavedSearch, headers(("ETag" = String))),
        (status = 401, response = responses::Unauthorized),
        (status = 404, response = responses::NotFound),
    ),
    security(("bearer" = []))
)]
#[get("/saved-searches/{id}")]
async fn get_saved_search(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    let row = service::own(&db, member.id(), *id).await?;
    Ok(response(StatusCode::OK, &row))
}

/// Changes a saved search's name, criteria, frequency or channels.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "updateSavedSearch",
    params(
        ("id" = Uuid, Path, description = "The saved search's id"),
        IfMatch,
    ),
    request_body = SavedSearchChanges,
    responses(
        (status = 200, description = "The updated saved search", body = SavedSearch, headers(("ETag" = String))),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 404, response = responses::NotFound),
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[patch("/saved-searches/{id}")]
async fn update_saved_search(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    body: Json<SavedSearchChanges>,
) -> Result<HttpResponse> {
    let changes = body.into_inner();
    let current = service::own(&db, member.id(), *id).await?;
    // The body is checked before `If-Match`: a bad request is a 422 whatever the version.
    service::check_changes(current.kind, &changes)?;
    check_if_match(&request, &version_etag(current.version))?;
    let row = service::update(&db, &current, changes).await?;
    Ok(response(StatusCode::OK, &row))
}

/// Deletes a saved search; its alerts stop.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "deleteSavedSearch",
    params(
        ("id" = Uuid, Path, description = "The saved search's id"),
        IfMatch,
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, response = responses::Unauthorized),
        (status = 404, response = responses::NotFound),
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[delete("/saved-searches/{id}")]
async fn delete_saved_search(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let current = service::own(&db, member.id(), *id).await?;
    check_if_match(&request, &version_etag(current.version))?;
    db::delete_versioned::<SavedSearchEntity, _>(db.get_ref(), &current).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What an unsubscribe link is about, for the page it opens (no login).
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "getUnsubscription",
    params(("token" = String, Path, description = "The token of the e-mail's link")),
    responses(
        (status = 200, description = "The saved search the link stops", body = Unsubscription),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/unsubscribe/{token}")]
async fn read_unsubscription(db: Data<Db>, token: Path<String>) -> Result<HttpResponse> {
    let row = service::by_token(&db, &token).await?;
    Ok(HttpResponse::Ok().json(Unsubscription {
        name: row.name.clone(),
        email: row.channels.0.contains(&Channel::Email),
    }))
}

/// Stops the e-mails of one saved search, without logging in: the link of every alert e-mail,
/// and the target of its `List-Unsubscribe-Post` one-click header (RFC 8058). In-app alerts
/// continue; with no channel left, the search stays saved and silent.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "unsubscribe",
    params(("token" = String, Path, description = "The token of the e-mail's link")),
    responses(
        (status = 200, description = "E-mails stopped", body = Unsubscription),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[post("/unsubscribe/{token}")]
async fn unsubscribe(db: Data<Db>, token: Path<String>) -> Result<HttpResponse> {
    let row = service::by_token(&db, &token).await?;
    service::stop_emails(&db, &row).await?;
    Ok(HttpResponse::Ok().json(Unsubscription {
        name: row.name,
        email: false,
    }))
}
