//! `/api/v1/organisations` and `/api/v1/organisations/{id}`, and verification.

use crate::search::search_handler;
use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::{StatusCode, header::ETAG},
    patch, post,
    web::{Data, Json, Path},
};
use chrono::Utc;
use sea_orm::ActiveValue::Set;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{
        NewOrganisation, Organisation, OrganisationChanges, OrganisationPage, OrganisationQuery,
    },
    listing::{self, Organisations},
    queries::{self, MemberRole, membership},
};
use crate::db::Db;
use crate::http::conditional::IfMatch;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::{Member, Role},
    db,
    entities::organisation::{self, Entity as OrganisationEntity},
    error::{ApiError, FieldError, Result, responses},
    http::{
        conditional::{check_if_match, version_etag},
        idempotency::{self, StoredResponse},
    },
    search::{ChangeKind, changes},
    taxonomies::{Code, CodeCheck, Taxonomies},
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

fn check_website(website: &str) -> Option<FieldError> {
    let lower = website.to_ascii_lowercase();
    (!(lower.starts_with("https://") || lower.starts_with("http://")))
        .then(|| FieldError::new("website", "url", "use an http:// or https:// address"))
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
    let mut errors = ApiError::field_errors_of(body.validate());
    errors.extend(
        CodeCheck::new(&taxonomies)
            .one(Code::Country, "country", &body.country)
            .errors(),
    );
    if !errors.iter().any(|error| error.field == "website") {
        errors.extend(body.website.as_deref().and_then(check_website));
    }
    if body.name.trim().chars().count() < 2 {
        errors.push(FieldError::new("name", "length", "use 2 to 200 characters"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let fingerprint = idempotency::fingerprint(&body)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let created = queries::insert(txn, member.id(), body).await?;
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

/// Changes an organisation (its owners and editors only).
#[utoipa::path(
    tag = "organisations",
    operation_id = "updateOrganisation",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        IfMatch,
    ),
    request_body = OrganisationChanges,
    responses(
        (status = 200, description = "The updated organisation", body = Organisation, headers(("ETag" = String))),
        responses::BodyRefusals,
        responses::ItemRefusals,
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[patch("/organisations/{id}")]
async fn update_organisation(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    id: Path<Uuid>,
    body: Json<OrganisationChanges>,
) -> Result<HttpResponse> {
    let current = queries::find(db.get_ref(), *id).await?;
    if membership(db.get_ref(), current.id, member.id())
        .await?
        .is_none()
    {
        return Err(ApiError::Forbidden);
    }
    let mut row = validated_changes(&body, &taxonomies)?;
    check_if_match(&request, &version_etag(current.version))?;
    let name = body.name.as_deref().unwrap_or(&current.name);
    let city = body.city.clone().unwrap_or(current.city.clone());
    let description = body
        .description
        .clone()
        .unwrap_or(current.description.clone());
    let (search_text, search_title) =
        listing::indexed_text(name, city.as_deref(), description.as_deref());
    row.search_text = Set(search_text);
    row.search_title = Set(search_title);
    // A facilitator verified this name, kind and country: another one is unverified again.
    let renamed = body
        .name
        .as_deref()
        .is_some_and(|name| name.trim() != current.name);
    let rekinded = body.kind.is_some_and(|kind| kind != current.kind);
    let moved = body
        .country
        .as_deref()
        .is_some_and(|country| country != current.country);
    if current.verified && (renamed || rekinded || moved) {
        row.verified = Set(false);
        row.verified_at = Set(None);
        row.verified_by = Set(None);
    }
    row.version = Set(current.version + 1);
    row.updated_at = Set(Utc::now());
    let txn = db::write_transaction(&db).await?;
    db::update_versioned::<OrganisationEntity, _>(
        &txn,
        row,
        organisation::Column::Id,
        organisation::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    let row = queries::find(&txn, current.id).await?;
    changes::record(&txn, ChangeKind::Organisation, row.id).await?;
    txn.commit().await?;
    Ok(organisation_response(StatusCode::OK, &row))
}

fn validated_changes(
    changes: &OrganisationChanges,
    taxonomies: &Taxonomies,
) -> Result<organisation::ActiveModel> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    let mut row = organisation::ActiveModel::default();
    if let Some(name) = &changes.name {
        if name.trim().chars().count() < 2 {
            errors.push(FieldError::new("name", "length", "use 2 to 200 characters"));
        }
        row.name = Set(name.trim().to_owned());
    }
    if let Some(kind) = changes.kind {
        row.kind = Set(kind);
    }
    if let Some(country) = &changes.country {
        errors.extend(
            CodeCheck::new(taxonomies)
                .one(Code::Country, "country", country)
                .errors(),
        );
        row.country = Set(country.clone());
    }
    if let Some(city) = &changes.city {
        if city.as_ref().is_some_and(|city| city.chars().count() > 100) {
            errors.push(FieldError::new(
                "city",
                "length",
                "use at most 100 characters",
            ));
        }
        row.city = Set(city.clone().filter(|city| !city.trim().is_empty()));
    }
    if let Some(website) = &changes.website {
        if let Some(website) = website {
            errors.extend(check_website(website));
            if website.len() > 300 {
                errors.push(FieldError::new(
                    "website",
                    "length",
                    "use at most 300 characters",
                ));
            }
        }
        row.website = Set(website.clone());
    }
    if let Some(description) = &changes.description {
        if description
            .as_ref()
            .is_some_and(|text| text.chars().count() > 5000)
        {
            errors.push(FieldError::new(
                "description",
                "length",
                "use at most 5000 characters",
            ));
        }
        row.description = Set(description.clone());
    }
    if errors.is_empty() {
        Ok(row)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Deletes an organisation (its owners only).
#[utoipa::path(
    tag = "organisations",
    operation_id = "deleteOrganisation",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        IfMatch,
    ),
    responses(
        (status = 204, description = "Deleted"),
        responses::ItemRefusals,
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[delete("/organisations/{id}")]
async fn delete_organisation(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let current = queries::find(db.get_ref(), *id).await?;
    if membership(db.get_ref(), current.id, member.id()).await? != Some(MemberRole::Owner) {
        return Err(ApiError::Forbidden);
    }
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    // Its projects and opportunities lose it (the foreign keys set it to null): they change.
    let (projects, opportunities) = queries::published_for(&txn, current.id).await?;
    db::delete_versioned::<OrganisationEntity, _>(
        &txn,
        organisation::Column::Id,
        organisation::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    changes::record_all(&txn, ChangeKind::Project, projects).await?;
    changes::record_all(&txn, ChangeKind::Opportunity, opportunities).await?;
    changes::record(&txn, ChangeKind::Organisation, current.id).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
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
