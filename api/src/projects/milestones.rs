//! `/api/v1/projects/{id}/milestones`: the dated history of how an idea took root. Adding one
//! with a `stage` moves the project one step forward or back.

use actix_web::{
    HttpResponse, get, post,
    web::{Data, Json, Path},
};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    access::{editable, visible},
    dto::{Milestone, NewMilestone, Project},
    service,
};
use crate::db::Db;
use crate::{
    accounts::Member,
    db,
    entities::{
        project::{self, Entity as ProjectEntity},
        project_milestone::{self, Entity as ProjectMilestone},
    },
    error::{ApiError, FieldError, Result, responses},
    search::{ChangeKind, changes},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_milestones).service(add_milestone);
}

/// A project's milestones, oldest first.
#[utoipa::path(
    tag = "projects",
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
    let rows = ProjectMilestone::find()
        .filter(project_milestone::Column::ProjectId.eq(project.id))
        .order_by_asc(project_milestone::Column::OccurredOn)
        .order_by_asc(project_milestone::Column::Id)
        .all(db.get_ref())
        .await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(Milestone::from).collect::<Vec<_>>()))
}

/// Records a milestone; with `stage`, the project moves to that stage (one step at a time).
#[utoipa::path(
    tag = "projects",
    path = "/projects/{id}/milestones",
    params(("id" = Uuid, Path, description = "The project's id")),
    request_body = NewMilestone,
    responses(
        (status = 201, description = "Recorded", body = Milestone),
        (status = 400, response = responses::BadRequest),
        (status = 401, response = responses::Unauthorized),
        (status = 403, response = responses::Forbidden),
        (status = 404, response = responses::NotFound),
        (status = 413, response = responses::PayloadTooLarge),
        (status = 415, response = responses::UnsupportedMediaType),
        (status = 422, response = responses::UnprocessableEntity),
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
    let stage_now = Project::from(&current).stage;
    let today = Utc::now().date_naive();
    let occurred_on = body.occurred_on.unwrap_or(today);
    let mut errors = Vec::new();
    if occurred_on > today {
        errors.push(FieldError::new(
            "occurred_on",
            "future",
            "a milestone has already happened",
        ));
    }
    let stage_to = body.stage.unwrap_or(stage_now);
    if stage_to != stage_now && !stage_to.is_next_to(stage_now) {
        errors.push(FieldError::new(
            "stage",
            "invalid_transition",
            format!("move one step at a time from {}", stage_now.as_str()),
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let txn = db::write_transaction(&db).await?;
    if stage_to != stage_now {
        // The version guard keeps two concurrent stage changes from both applying.
        let moved = ProjectEntity::update_many()
            .col_expr(project::Column::Stage, Expr::value(stage_to.as_str()))
            .col_expr(project::Column::Version, Expr::value(current.version + 1))
            .col_expr(project::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(project::Column::Id.eq(current.id))
            .filter(project::Column::Version.eq(current.version))
            .exec(&txn)
            .await?;
        if moved.rows_affected != 1 {
            return Err(ApiError::Conflict(
                "the project changed meanwhile; reload it".into(),
            ));
        }
    }
    let from = (stage_to != stage_now).then_some(stage_now);
    let milestone = service::record_milestone(
        &txn,
        current.id,
        from,
        stage_to,
        &body.note,
        occurred_on,
        member.id(),
    )
    .await?;
    if from.is_some() {
        changes::record(&txn, ChangeKind::Project, current.id).await?;
    }
    txn.commit().await?;
    Ok(HttpResponse::Created().json(Milestone::from(&milestone)))
}
