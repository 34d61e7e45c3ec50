//! `/api/v1/projects/{id}/milestones`: the dated history of how an idea took root. Adding one
//! with a `stage` moves the project one step forward or back.

use crate::editing::item_action;
use actix_web::{
    HttpResponse, get, post,
    web::{Data, Path},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    access::{editable, visible},
    dto::{Milestone, NewMilestone},
    service,
};
use crate::db::Db;
use crate::{
    accounts::Member,
    error::{Result, responses},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_milestones).service(add_milestone);
}

/// A project's milestones, oldest first.
#[utoipa::path(
    tag = "projects",
    operation_id = "listMilestones",
    params(("id" = Uuid, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The milestones", body = Vec<Milestone>),
        (status = 404, response = responses::NotFound),
    ),
    security((), ("bearer" = []))
)]
#[get("/projects/{id}/milestones")]
async fn list_milestones(
    db: Data<Db>,
    reader: Option<Member>,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let project = visible(db.get_ref(), reader.as_ref(), *id).await?;
    let rows = service::milestones(db.get_ref(), project.id).await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(Milestone::from).collect::<Vec<_>>()))
}

item_action! {
    /// Records a milestone; with `stage`, the project moves to that stage (one step at a time).
    add_milestone: post "/projects/{id}/milestones", tag "projects", id "addMilestone",
        of "The project's id", body NewMilestone, 201 Milestone, "Recorded",
        refusals ItemBodyRefusals;
    add()
}

/// A milestone recorded by one of the project's editors.
async fn add(db: &Db, member: &Member, id: Uuid, new: NewMilestone) -> Result<HttpResponse> {
    new.validate()?;
    let current = editable(db, member, id).await?;
    let milestone = service::add_milestone(db, &current, &new, member.id()).await?;
    Ok(HttpResponse::Created().json(Milestone::from(&milestone)))
}
