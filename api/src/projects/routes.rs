//! `/api/v1/projects`, `/api/v1/projects/{id}` and `/api/v1/me/projects`.

use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::{StatusCode, header::ETAG},
    patch, post,
    web::{Data, Json, Path, Query},
};
use chrono::Utc;
use sea_orm::{ActiveValue::Set, EntityTrait};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{NewProject, Project, ProjectChanges, ProjectQuery, ProjectSearchPage, ProjectStatus},
    listing::Projects,
    service,
};
use crate::db::Db;
use crate::{
    accounts::Member,
    db,
    entities::project::{self, Entity as ProjectEntity},
    error::{ApiError, FieldError, Result, responses},
    http::{
        conditional::{check_if_match, version_etag},
        idempotency::{self, StoredResponse},
    },
    organisations::require_editor,
    search::{ChangeKind, Listing, changes, text::title_text},
    taxonomies::Taxonomies,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_project)
        .service(search_projects)
        .service(my_projects)
        .service(get_project)
        .service(update_project)
        .service(delete_project);
}

fn project_response(status: StatusCode, row: &project::Model) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, version_etag(row.version)))
        .json(Project::from(row))
}

/// Creates a project (a draft unless `status` says `published`), at the `idea` stage unless
/// told otherwise; its first milestone records the start.
#[utoipa::path(
    tag = "projects",
    request_body = NewProject,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key and body replay the first response")),
    responses(
        (status = 201, description = "Created", body = Project,
            headers(("Location" = String, description = "The new project"), ("ETag" = String))),
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
#[post("/projects")]
async fn create_project(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    body: Json<NewProject>,
) -> Result<HttpResponse> {
    let new = body.into_inner();
    if new.status == Some(ProjectStatus::Published) {
        member.require_verified_email()?;
    }
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(service::code_errors(
        Some(&new.sectors),
        Some(&new.countries),
        Some(&new.territories),
        new.budget_currency.as_deref(),
        new.language.as_deref(),
        &taxonomies,
    ));
    if new.budget_amount.is_some() != new.budget_currency.is_some() {
        errors.push(FieldError::new(
            "budget_currency",
            "required",
            "give the amount and its currency together",
        ));
    }
    if matches!(
        new.status,
        Some(ProjectStatus::Closed | ProjectStatus::Archived)
    ) {
        errors.push(FieldError::new(
            "status",
            "invalid_transition",
            "a new project is a draft or published",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let row = service::insert(txn, member.id(), new).await?;
        changes::record(txn, ChangeKind::Project, row.id).await?;
        StoredResponse::created(
            &Project::from(&row),
            Some(format!("/api/v1/projects/{}", row.id)),
            Some(version_etag(row.version)),
        )
    })
    .await
}

/// Searches published projects: words, filters, sort, cursor pagination, total and facets.
#[utoipa::path(
    tag = "projects",
    params(ProjectQuery),
    responses(
        (status = 200, description = "A page of results", body = ProjectSearchPage),
        (status = 400, response = responses::BadRequest),
        (status = 422, response = responses::UnprocessableEntity),
    ),
    security(())
)]
#[get("/projects")]
async fn search_projects(
    db: Data<Db>,
    listing: Data<Listing<Projects>>,
    query: Query<ProjectQuery>,
) -> Result<HttpResponse> {
    Ok(listing.answer(&db, &*query).await?.respond())
}

/// The caller's own projects, drafts included, newest first.
#[utoipa::path(
    tag = "projects",
    path = "/me/projects",
    responses(
        (status = 200, description = "The caller's projects", body = Vec<Project>),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/me/projects")]
async fn my_projects(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    let (owner, id) = (project::Column::OwnerId, project::Column::Id);
    let rows = db::owned_by::<ProjectEntity>(&db, owner, id, member.id()).await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(Project::from).collect::<Vec<_>>()))
}

/// A project the reader may see (drafts: only those who may edit them), else 404.
pub async fn visible(db: &Db, reader: Option<&Member>, id: Uuid) -> Result<project::Model> {
    let row = ProjectEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("project"))?;
    if service::may_see(db, reader.map(Member::id), &row).await? {
        Ok(row)
    } else {
        Err(ApiError::NotFound("project"))
    }
}

/// A project the caller may edit: 404 when they may not even see it, 403 when they only see it.
pub async fn editable(db: &Db, member: &Member, id: Uuid) -> Result<project::Model> {
    let row = visible(db, Some(member), id).await?;
    require_editor(db, member.id(), row.owner_id, row.organisation_id).await?;
    Ok(row)
}

/// One project.
#[utoipa::path(
    tag = "projects",
    params(("id" = Uuid, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The project", body = Project, headers(("ETag" = String))),
        (status = 404, response = responses::NotFound),
    ),
    security((), ("bearer" = []))
)]
#[get("/projects/{id}")]
async fn get_project(db: Data<Db>, reader: Option<Member>, id: Path<Uuid>) -> Result<HttpResponse> {
    let row = visible(db.get_ref(), reader.as_ref(), *id).await?;
    Ok(project_response(StatusCode::OK, &row))
}

/// Changes a project (its author, or editors of its organisation).
#[utoipa::path(
    tag = "projects",
    params(
        ("id" = Uuid, Path, description = "The project's id"),
        ("If-Match" = Option<String>, Header, description = "The `ETag` last read; 412 when stale"),
    ),
    request_body = ProjectChanges,
    responses(
        (status = 200, description = "The updated project", body = Project, headers(("ETag" = String))),
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
#[patch("/projects/{id}")]
async fn update_project(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    id: Path<Uuid>,
    body: Json<ProjectChanges>,
) -> Result<HttpResponse> {
    let current = editable(db.get_ref(), &member, *id).await?;
    let changes = body.into_inner();
    if changes.status == Some(ProjectStatus::Published)
        && current.status != ProjectStatus::Published.as_str()
    {
        member.require_verified_email()?;
    }
    let row = validated_changes(&current, &changes, &taxonomies)?;
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    db::update_versioned::<ProjectEntity, _>(
        &txn,
        row,
        project::Column::Id,
        project::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    let row = ProjectEntity::find_by_id(current.id)
        .one(&txn)
        .await?
        .ok_or(ApiError::NotFound("project"))?;
    let project = Project::from(&row);
    service::replace_search_rows(
        &txn,
        row.id,
        &project.sectors,
        &project.countries,
        &project.territories,
    )
    .await?;
    changes::record(&txn, ChangeKind::Project, row.id).await?;
    txn.commit().await?;
    Ok(project_response(StatusCode::OK, &row))
}

fn validated_changes(
    current: &project::Model,
    changes: &ProjectChanges,
    taxonomies: &Taxonomies,
) -> Result<project::ActiveModel> {
    let mut errors = ApiError::field_errors_of(changes.validate());
    errors.extend(service::code_errors(
        changes.sectors.as_deref(),
        changes.countries.as_deref(),
        changes.territories.as_deref(),
        changes.budget_currency.clone().flatten().as_deref(),
        changes.language.as_deref(),
        taxonomies,
    ));
    let old = Project::from(current);
    let mut row = project::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Some(status) = changes.status {
        if !old.status.may_become(status) {
            errors.push(FieldError::new(
                "status",
                "invalid_transition",
                format!(
                    "a project cannot go from {} to {}",
                    old.status.as_str(),
                    status.as_str()
                ),
            ));
        }
        row.status = Set(status.as_str().into());
    }
    let title = changes.title.clone().unwrap_or(old.title);
    let summary = changes.summary.clone().unwrap_or(old.summary);
    let description = changes.description.clone().unwrap_or(old.description);
    let territories = changes.territories.clone().unwrap_or(old.territories);
    row.search_text = Set(service::indexed_text(
        &title,
        &summary,
        &description,
        &territories,
    ));
    row.search_title = Set(title_text(&title));
    row.title = Set(title.trim().to_owned());
    row.summary = Set(summary.trim().to_owned());
    row.description = Set(description);
    row.territories = Set(serde_json::to_value(&territories).unwrap_or_default());
    if let Some(sectors) = &changes.sectors {
        row.sectors = Set(serde_json::json!(sectors));
    }
    if let Some(countries) = &changes.countries {
        row.countries = Set(serde_json::json!(countries));
    }
    if let Some(needs) = &changes.needs {
        row.needs = Set(serde_json::to_value(needs).unwrap_or_default());
    }
    let amount = changes.budget_amount.unwrap_or(current.budget_amount);
    let currency = changes
        .budget_currency
        .clone()
        .unwrap_or(current.budget_currency.clone());
    if amount.is_some() != currency.is_some() {
        errors.push(FieldError::new(
            "budget_currency",
            "required",
            "give the amount and its currency together",
        ));
    }
    if amount.is_some_and(|amount| !(0..=1_000_000_000_000).contains(&amount)) {
        errors.push(FieldError::new("budget_amount", "range", "use 0 to 10^12"));
    }
    row.budget_amount = Set(amount);
    row.budget_currency = Set(currency);
    if let Some(language) = &changes.language {
        row.language = Set(language.clone());
    }
    if errors.is_empty() {
        Ok(row)
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Deletes a project (its author, or editors of its organisation). Archiving keeps its
/// history public instead.
#[utoipa::path(
    tag = "projects",
    params(
        ("id" = Uuid, Path, description = "The project's id"),
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
#[delete("/projects/{id}")]
async fn delete_project(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let current = editable(db.get_ref(), &member, *id).await?;
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    db::delete_versioned::<ProjectEntity, _>(
        &txn,
        project::Column::Id,
        project::Column::Version,
        current.id,
        current.version,
    )
    .await?;
    changes::record(&txn, ChangeKind::Project, current.id).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}
