//! `/api/v1/projects`, `/api/v1/projects/{id}` and `/api/v1/me/projects`.

use actix_web::{delete, get, patch, post};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{
    dto::{NewProject, Project, ProjectChanges, ProjectQuery, ProjectSearchPage},
    listing::Projects,
};
use crate::{
    editing::{item_routes, mine_route},
    search::search_handler,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(search_projects).service(my_projects);
    item_services(cfg);
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

mine_route! {
    /// The caller's own projects, drafts included, newest first.
    my_projects: GET "/me/projects", tag "projects", id "listMyProjects",
    Projects => Project, "The caller's projects"
}
