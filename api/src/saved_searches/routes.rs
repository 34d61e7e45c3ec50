//! `/api/v1/saved-searches` and the unsubscribe link of their e-mails.

use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::{StatusCode, header::ETAG},
    patch, post,
    web::{Data, Json, Path},
};
use chrono::Utc;
use rand::distr::{Alphanumeric, SampleString};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::dto::{
    Channel, Channels, Criteria, NewSavedSearch, SavedSearch, SavedSearchChanges, SearchKind,
    Unsubscription,
};
use crate::db::Db;
use crate::http::conditional::IfMatch;
use crate::{
    accounts::Member,
    db,
    entities::saved_search::{self, Entity as SavedSearchEntity},
    error::{ApiError, FieldError, Result, responses},
    http::conditional::{check_if_match, version_etag},
    opportunities::listing as opportunities,
    projects::listing as projects,
};

/// Enough for every need of one member; more is a script.
const MAX_PER_MEMBER: u64 = 50;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_saved_search)
        .service(list_saved_searches)
        .service(get_saved_search)
        .service(update_saved_search)
        .service(delete_saved_search)
        .service(read_unsubscription)
        .service(unsubscribe);
}

/// The same checks as the search pages, with the fields named `criteria.*`.
fn criteria_errors(kind: SearchKind, criteria: &Criteria) -> Vec<FieldError> {
    let mut errors = criteria.misplaced(kind);
    let checked = match kind {
        SearchKind::Opportunities => opportunities::check_query(&criteria.opportunity_query()),
        SearchKind::Projects => projects::check_query(&criteria.project_query()),
    };
    if let Err(ApiError::Validation(found)) = checked {
        errors.extend(found.into_iter().map(|mut error| {
            error.field = format!("criteria.{}", error.field);
            error
        }));
    }
    errors
}

fn channels_error(channels: &[Channel]) -> Option<FieldError> {
    channels
        .is_empty()
        .then(|| FieldError::new("channels", "length", "choose at least one channel"))
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
    path = "/saved-searches",
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
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(criteria_errors(new.kind, &new.criteria));
    errors.extend(channels_error(&new.channels));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let txn = db::write_transaction(&db).await?;
    let saved = SavedSearchEntity::find()
        .filter(saved_search::Column::OwnerId.eq(member.id()))
        .count(&txn)
        .await?;
    if saved >= MAX_PER_MEMBER {
        return Err(ApiError::Conflict(format!(
            "a member keeps at most {MAX_PER_MEMBER} saved searches; delete one first"
        )));
    }
    let now = Utc::now();
    let row = saved_search::ActiveModel {
        id: Set(Uuid::now_v7()),
        owner_id: Set(member.id()),
        name: Set(new.name.trim().to_owned()),
        kind: Set(new.kind),
        criteria: Set(new.criteria.clone()),
        frequency: Set(new.frequency),
        channels: Set(Channels::of(&new.channels)),
        unsubscribe_token: Set(Alphanumeric.sample_string(&mut rand::rng(), 48)),
        seen_until: Set(now),
        next_run_at: Set(now + new.frequency.interval()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(response(StatusCode::CREATED, &row))
}

/// The caller's saved searches, newest first.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "listSavedSearches",
    path = "/saved-searches",
    responses(
        (status = 200, description = "The caller's saved searches", body = Vec<SavedSearch>),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/saved-searches")]
async fn list_saved_searches(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    let rows = SavedSearchEntity::find()
        .filter(saved_search::Column::OwnerId.eq(member.id()))
        .order_by_desc(saved_search::Column::Id)
        .all(db.get_ref())
        .await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(SavedSearch::from).collect::<Vec<_>>()))
}

/// One of the caller's saved searches; someone else's is not found.
async fn own(db: &Db, member: &Member, id: Uuid) -> Result<saved_search::Model> {
    SavedSearchEntity::find_by_id(id)
        .filter(saved_search::Column::OwnerId.eq(member.id()))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("saved search"))
}

/// One saved search of the caller's.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "getSavedSearch",
    path = "/saved-searches/{id}",
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
    let row = own(db.get_ref(), &member, *id).await?;
    Ok(response(StatusCode::OK, &row))
}

/// Changes a saved search's name, criteria, frequency or channels.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "updateSavedSearch",
    path = "/saved-searches/{id}",
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
    let current = own(db.get_ref(), &member, *id).await?;
    // The body is checked before `If-Match`: a bad request is a 422 whatever the version.
    let kind = current.kind;
    let mut errors = ApiError::field_errors_of(changes.validate());
    if let Some(criteria) = &changes.criteria {
        errors.extend(criteria_errors(kind, criteria));
    }
    if let Some(channels) = &changes.channels {
        errors.extend(channels_error(channels));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    check_if_match(&request, &version_etag(current.version))?;
    let now = Utc::now();
    let mut row: saved_search::ActiveModel = current.clone().into();
    if let Some(name) = changes.name {
        row.name = Set(name.trim().to_owned());
    }
    if let Some(criteria) = &changes.criteria {
        row.criteria = Set(criteria.clone());
    }
    if let Some(frequency) = changes.frequency {
        row.frequency = Set(frequency);
        row.next_run_at = Set(current.seen_until + frequency.interval());
    }
    if let Some(channels) = &changes.channels {
        row.channels = Set(Channels::of(channels));
    }
    row.version = Set(current.version + 1);
    row.updated_at = Set(now);
    // Only if nobody changed it since it was read: a lost race is a 412 like a stale ETag.
    let updated = SavedSearchEntity::update_many()
        .set(row)
        .filter(saved_search::Column::Id.eq(current.id))
        .filter(saved_search::Column::Version.eq(current.version))
        .exec(db.get_ref())
        .await?;
    if updated.rows_affected == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    let row = own(db.get_ref(), &member, current.id).await?;
    Ok(response(StatusCode::OK, &row))
}

/// Deletes a saved search; its alerts stop.
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "deleteSavedSearch",
    path = "/saved-searches/{id}",
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
    let current = own(db.get_ref(), &member, *id).await?;
    check_if_match(&request, &version_etag(current.version))?;
    db::delete_versioned::<SavedSearchEntity, _>(
        db.get_ref(),
        saved_search::Column::Id,
        saved_search::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn by_token(db: &Db, token: &str) -> Result<saved_search::Model> {
    SavedSearchEntity::find()
        .filter(saved_search::Column::UnsubscribeToken.eq(token))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("unsubscribe link"))
}

/// What an unsubscribe link is about, for the page it opens (no login).
#[utoipa::path(
    tag = "saved-searches",
    operation_id = "getUnsubscription",
    path = "/unsubscribe/{token}",
    params(("token" = String, Path, description = "The token of the e-mail's link")),
    responses(
        (status = 200, description = "The saved search the link stops", body = Unsubscription),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/unsubscribe/{token}")]
async fn read_unsubscription(db: Data<Db>, token: Path<String>) -> Result<HttpResponse> {
    let row = by_token(db.get_ref(), &token).await?;
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
    path = "/unsubscribe/{token}",
    params(("token" = String, Path, description = "The token of the e-mail's link")),
    responses(
        (status = 200, description = "E-mails stopped", body = Unsubscription),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[post("/unsubscribe/{token}")]
async fn unsubscribe(db: Data<Db>, token: Path<String>) -> Result<HttpResponse> {
    let row = by_token(db.get_ref(), &token).await?;
    let channels: Vec<Channel> = row
        .channels
        .0
        .clone()
        .into_iter()
        .filter(|channel| *channel != Channel::Email)
        .collect();
    let mut changed: saved_search::ActiveModel = row.clone().into();
    changed.channels = Set(Channels::of(&channels));
    changed.version = Set(row.version + 1);
    changed.updated_at = Set(Utc::now());
    changed.update(db.get_ref()).await?;
    Ok(HttpResponse::Ok().json(Unsubscription {
        name: row.name,
        email: false,
    }))
}
