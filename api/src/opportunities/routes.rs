//! `/api/v1/opportunities`, `/api/v1/opportunities/{id}` and `/api/v1/me/opportunities`.

use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Json, Path, Query},
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{
        NewOpportunity, Opportunity, OpportunityChanges, OpportunityQuery, OpportunitySearchPage,
        OpportunityStatus,
    },
    listing::Opportunities,
    service::{self, MAX_LIFETIME},
};
use crate::db::Db;
use crate::{
    accounts::Member,
    db,
    entities::opportunity::{self, Entity as OpportunityEntity},
    error::{ApiError, FieldError, Result, responses},
    http::{
        conditional::{check_if_match, version_etag},
        fields::parse_code,
        idempotency::{self, StoredResponse},
    },
    interests::{self, TargetKind},
    organisations::{may_edit, require_editor},
    search::{ChangeKind, Listing, changes, text::title_text},
    taxonomies::Taxonomies,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_opportunity)
        .service(search_opportunities)
        .service(my_opportunities)
        .service(get_opportunity)
        .service(update_opportunity)
        .service(delete_opportunity);
}

fn expiry_error(expires_at: DateTime<Utc>) -> Option<FieldError> {
    let now = Utc::now();
    (expires_at <= now || expires_at > now + MAX_LIFETIME)
        .then(|| FieldError::new("expires_at", "range", "choose a date in the coming year"))
}

/// Publishes an opportunity (open at once).
#[utoipa::path(
    tag = "opportunities",
    request_body = NewOpportunity,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key and body replay the first response")),
    responses(
        (status = 201, description = "Published", body = Opportunity,
            headers(("Location" = String, description = "The new opportunity"), ("ETag" = String))),
        (status = 400, response = responses::BadRequest),
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 409, response = responses::Conflict),
        (status = 413, response = responses::PayloadTooLarge),
        (status = 415, response = responses::UnsupportedMediaType),
        (status = 422, response = responses::UnprocessableEntity),
    ),
    security(("bearer" = []))
)]
#[post("/opportunities")]
async fn create_opportunity(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    body: Json<NewOpportunity>,
) -> Result<HttpResponse> {
    // An opportunity is public from its creation.
    member.require_verified_email()?;
    let new = body.into_inner();
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(service::code_errors(
        Some(&new.sectors),
        Some(&new.country),
        &taxonomies,
    ));
    errors.extend(new.expires_at.and_then(expiry_error));
    errors.extend(service::skills_error(&new.skills));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let kind =
            service::check_links(txn, member.id(), new.project_id, new.organisation_id).await?;
        let row = service::insert(txn, member.id(), new, kind).await?;
        changes::record(txn, ChangeKind::Opportunity, row.id).await?;
        StoredResponse::created(
            &Opportunity::from_row(&row, true),
            Some(format!("/api/v1/opportunities/{}", row.id)),
            Some(version_etag(row.version)),
        )
    })
    .await
}

/// Searches open opportunities: words, filters, sort, cursor pagination, total and facets.
#[utoipa::path(
    tag = "opportunities",
    params(OpportunityQuery),
    responses(
        (status = 200, description = "A page of results", body = OpportunitySearchPage),
        (status = 400, response = responses::BadRequest),
        (status = 422, response = responses::UnprocessableEntity),
    ),
    security(())
)]
#[get("/opportunities")]
async fn search_opportunities(
    db: Data<Db>,
    listing: Data<Listing<Opportunities>>,
    query: Query<OpportunityQuery>,
) -> Result<HttpResponse> {
    Ok(listing.answer(&db, &*query).await?.respond())
}

/// The caller's own opportunities, whatever their status, newest first.
#[utoipa::path(
    tag = "opportunities",
    path = "/me/opportunities",
    responses(
        (status = 200, description = "The caller's opportunities", body = Vec<Opportunity>),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/me/opportunities")]
async fn my_opportunities(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    let (owner, id) = (opportunity::Column::OwnerId, opportunity::Column::Id);
    let rows = db::owned_by::<OpportunityEntity>(&db, owner, id, member.id()).await?;
    let mine = rows.iter().map(|row| Opportunity::from_row(row, true));
    Ok(HttpResponse::Ok().json(mine.collect::<Vec<_>>()))
}

/// An opportunity the member may change (403 otherwise, 404 when there is none).
async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<opportunity::Model> {
    let row = find(db, id).await?;
    require_editor(db, member.id(), row.owner_id, row.organisation_id).await?;
    Ok(row)
}

async fn find(db: &Db, id: Uuid) -> Result<opportunity::Model> {
    OpportunityEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("opportunity"))
}

/// One opportunity. The author of an anonymous one is shown to those who may edit it and to
/// members whose interest in it was accepted.
#[utoipa::path(
    tag = "opportunities",
    params(("id" = Uuid, Path, description = "The opportunity's id")),
    responses(
        (status = 200, description = "The opportunity", body = Opportunity, headers(("ETag" = String))),
        (status = 404, response = responses::NotFound),
    ),
    security((), ("bearer" = []))
)]
#[get("/opportunities/{id}")]
async fn get_opportunity(
    db: Data<Db>,
    reader: Option<Member>,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let row = find(db.get_ref(), *id).await?;
    let reveal = match &reader {
        Some(reader) => reveals_owner_to(db.get_ref(), reader.id(), &row).await?,
        None => false,
    };
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version)))
        .json(Opportunity::from_row(&row, reveal)))
}

/// Whether `reader` may see who stands behind an (anonymous) opportunity: those who may edit
/// it, and members whose interest in it the owner accepted.
async fn reveals_owner_to(db: &Db, reader: Uuid, row: &opportunity::Model) -> Result<bool> {
    Ok(
        may_edit(db, reader, row.owner_id, row.organisation_id).await?
            || interests::has_accepted_interest(db, reader, TargetKind::Opportunity, row.id)
                .await?,
    )
}

/// Changes an opportunity (its author, or editors of its organisation).
#[utoipa::path(
    tag = "opportunities",
    params(
        ("id" = Uuid, Path, description = "The opportunity's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale"),
    ),
    request_body = OpportunityChanges,
    responses(
        (status = 200, description = "The updated opportunity", body = Opportunity, headers(("ETag" = String))),
        (status = 400, response = responses::BadRequest),
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 404, response = responses::NotFound),
        (status = 412, response = responses::PreconditionFailed),
        (status = 413, response = responses::PayloadTooLarge),
        (status = 415, response = responses::UnsupportedMediaType),
        (status = 422, response = responses::UnprocessableEntity),
    ),
    security(("bearer" = []))
)]
#[patch("/opportunities/{id}")]
async fn update_opportunity(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    id: Path<Uuid>,
    body: Json<OpportunityChanges>,
) -> Result<HttpResponse> {
    let current = editable(db.get_ref(), &member, *id).await?;
    let changes = body.into_inner();
    let (row, sectors) = validated_changes(&current, &changes, &taxonomies)?;
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    db::update_versioned::<OpportunityEntity, _>(
        &txn,
        row,
        opportunity::Column::Id,
        opportunity::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    if let Some(sectors) = sectors {
        service::replace_sectors(&txn, current.id, &sectors).await?;
    }
    let row = OpportunityEntity::find_by_id(current.id)
        .one(&txn)
        .await?
        .ok_or(ApiError::NotFound("opportunity"))?;
    changes::record(&txn, ChangeKind::Opportunity, row.id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version)))
        .json(Opportunity::from_row(&row, true)))
}

fn validated_changes(
    current: &opportunity::Model,
    changes: &OpportunityChanges,
    taxonomies: &Taxonomies,
) -> Result<(opportunity::ActiveModel, Option<Vec<String>>)> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    errors.extend(service::code_errors(
        changes.sectors.as_deref(),
        changes.country.as_deref(),
        taxonomies,
    ));
    let mut row = opportunity::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Some(sectors) = &changes.sectors {
        row.sectors = Set(serde_json::json!(sectors));
    }
    // The same checks as a new opportunity's: a change may not slip past them.
    errors.extend(changes.skills.as_deref().and_then(service::skills_error));
    if changes
        .city
        .as_ref()
        .is_some_and(|city| city.as_ref().is_some_and(|city| city.chars().count() > 100))
    {
        errors.push(FieldError::new(
            "city",
            "length",
            "use at most 100 characters",
        ));
    }
    if let Some(country) = &changes.country {
        row.country = Set(country.clone());
    }
    if let Some(expires_at) = changes.expires_at {
        errors.extend(expiry_error(expires_at));
        row.expires_at = Set(expires_at);
    }
    if let Some(status) = changes.status {
        let from = current.status.as_str();
        let stored = parse_code(from).unwrap_or(OpportunityStatus::Closed);
        if !stored.may_become(status) {
            errors.push(FieldError::new(
                "status",
                "invalid_transition",
                format!(
                    "an opportunity cannot go from {from} to {}",
                    status.as_str()
                ),
            ));
        }
        row.status = Set(status.as_str().into());
    }
    let title = changes
        .title
        .clone()
        .unwrap_or_else(|| current.title.clone());
    let description = changes
        .description
        .clone()
        .unwrap_or_else(|| current.description.clone());
    let skills = match &changes.skills {
        Some(skills) => service::clean_skills(skills),
        None => crate::accounts::dto::strings(&current.skills),
    };
    let city = match &changes.city {
        Some(city) => city.clone().filter(|c| !c.trim().is_empty()),
        None => current.city.clone(),
    };
    if changes.title.is_some()
        || changes.description.is_some()
        || changes.skills.is_some()
        || changes.city.is_some()
    {
        row.search_text = Set(service::indexed_text(
            &title,
            &description,
            &skills,
            city.as_deref(),
        ));
    }
    if changes.title.is_some() {
        row.search_title = Set(title_text(&title));
        row.title = Set(title.trim().to_owned());
    }
    if changes.description.is_some() {
        row.description = Set(description);
    }
    if changes.skills.is_some() {
        row.skills = Set(serde_json::json!(skills));
    }
    if changes.city.is_some() {
        row.city = Set(city);
    }
    if let Some(remote) = changes.remote {
        row.remote = Set(remote);
    }
    if let Some(starts_on) = changes.starts_on {
        row.starts_on = Set(starts_on);
    }
    if let Some(duration) = changes.duration_months {
        if duration.is_some_and(|d| !(1..=120).contains(&d)) {
            errors.push(FieldError::new(
                "duration_months",
                "range",
                "use 1 to 120 months",
            ));
        }
        row.duration_months = Set(duration);
    }
    if let Some(anonymous) = changes.anonymous {
        row.anonymous = Set(anonymous);
    }
    if errors.is_empty() {
        Ok((row, changes.sectors.clone()))
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Deletes an opportunity (its author, or editors of its organisation).
#[utoipa::path(
    tag = "opportunities",
    params(
        ("id" = Uuid, Path, description = "The opportunity's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 404, response = responses::NotFound),
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[delete("/opportunities/{id}")]
async fn delete_opportunity(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let current = editable(db.get_ref(), &member, *id).await?;
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    db::delete_versioned::<OpportunityEntity, _>(
        &txn,
        opportunity::Column::Id,
        opportunity::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    changes::record(&txn, ChangeKind::Opportunity, current.id).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
