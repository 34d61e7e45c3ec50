//! `/api/v1/projects/{id}/milestones`: the dated history of how an idea took root. Adding one
//! with a `stage` moves the project one step forward or back.

use crate::http::body::Json;
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
    path = "/projects/{id}/milestones",
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

/// Records a milestone; with `stage`, the project moves to that stage (one step at a time).
#[utoipa::path(
    tag = "projects",
    operation_id = "addMilestone",
    path = "/projects/{id}/milestones",
    params(("id" = Uuid, Path, description = "The project's id")),
    request_body = NewMilestone,
    responses(
        (status = 201, description = "Recorded", body = Milestone),
        responses::BodyRefusals,
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[post("/projects/{id}/milestones")]
async fn add_milestone(
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    body: Json<NewMilestone>,
) -> Result<HttpResponse> {
    body.validate()?;
    let current = editable(db.get_ref(), &member, *id).await?;
    let milestone = service::add_milestone(&db, &current, &body, member.id()).await?;
    Ok(HttpResponse::Created().json(Milestone::from(&milestone)))
}
