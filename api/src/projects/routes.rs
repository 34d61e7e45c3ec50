//! `/api/v1/projects`, `/api/v1/projects/{id}` and `/api/v1/me/projects`.

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
    access::visible,
    dto::{NewProject, Project, ProjectChanges, ProjectQuery, ProjectSearchPage, ProjectStatus},
    listing::Projects,
    service,
};
use crate::db::Db;
use crate::{
    accounts::Member,
    entities::project,
    error::{Result, responses},
    http::{
        conditional::version_etag,
        idempotency::{self, IdempotencyKey, StoredResponse},
    },
    search::{ChangeKind, changes},
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
    operation_id = "createProject",
    request_body = NewProject,
    params(IdempotencyKey),
    responses(
        (status = 201, description = "Created", body = Project,
            headers(("Location" = String, description = "The new project"), ("ETag" = String))),
        responses::BodyRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 409, response = responses::Conflict),
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
    member.require_acts_for(new.organisation_id)?;
    if new.status == Some(ProjectStatus::Published) {
        member.require_verified_email()?;
    }
    let codes = service::check_new(&new, &taxonomies)?;
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let row = service::insert(txn, member.id(), new, codes).await?;
        changes::record(txn, ChangeKind::Project, row.id).await?;
        StoredResponse::created_versioned(
            &Project::from(&row),
            format!("/api/v1/projects/{}", row.id),
            row.version,
        )
    })
    .await
}

search_handler! {
    /// Searches published projects: words, filters, sort, cursor pagination, total and facets.
    search_projects: GET "/projects", tag "projects", id "searchProjects",
    Projects, ProjectQuery => ProjectSearchPage, "A page of results"
}

/// The caller's own projects, drafts included, newest first.
#[utoipa::path(
    tag = "projects",
    operation_id = "listMyProjects",
    path = "/me/projects",
    responses(
        (status = 200, description = "The caller's projects", body = Vec<Project>),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/me/projects")]
async fn my_projects(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::mine(&db, member.id()).await?))
}

/// One project.
#[utoipa::path(
    tag = "projects",
    operation_id = "getProject",
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

editing_handlers! {
    Projects, tag "projects", path "/projects/{id}", id "The project's id";
    /// Changes a project (its author, or editors of its organisation).
    update_project: PATCH id "updateProject", ProjectChanges => Project, "The updated project";
    /// Deletes a project (its author, or editors of its organisation). Archiving keeps its
    /// history public instead.
    delete_project: DELETE id "deleteProject";
}
