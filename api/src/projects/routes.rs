//! `/api/v1/projects`, `/api/v1/projects/{id}` and `/api/v1/me/projects`.

use crate::{editing::item_routes, search::search_handler};
use actix_web::{HttpResponse, delete, get, patch, post, web::Data};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{
    dto::{NewProject, Project, ProjectChanges, ProjectQuery, ProjectSearchPage},
    listing::Projects,
    service,
};
use crate::db::Db;
use crate::{
    accounts::Member,
    error::{Result, responses},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_project)
        .service(search_projects)
        .service(my_projects)
        .service(get_project)
        .service(update_project)
        .service(delete_project);
}

item_routes! {
    Projects, tag "projects", id "The project's id";
    /// Creates a project (a draft unless `status` says `published`), at the `idea` stage unless
    /// told otherwise; its first milestone records the start.
    create_project: POST "/projects", id "createProject", NewProject => Project,
        "Created", "The new project", refusals CreateForRefusals;
    /// One project.
    get_project: GET "/projects/{id}", id "getProject", "The project",
        security((), ("bearer" = []));
    /// Changes a project (its author, or editors of its organisation).
    update_project: PATCH id "updateProject", ProjectChanges, "The updated project";
    /// Deletes a project (its author, or editors of its organisation). Archiving keeps its
    /// history public instead.
    delete_project: DELETE id "deleteProject";
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
