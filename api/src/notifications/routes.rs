//! `/api/v1/notifications`: the caller's notices, newest first, and marking them read.

use actix_web::{
    HttpResponse, get, post,
    web::{Data, Path, Query},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    dto::{Notification, NotificationPage, NotificationQuery},
    inbox,
};
use crate::db::Db;
use crate::{
    accounts::Member,
    error::{Result, responses},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_notifications)
        .service(mark_all_read)
        .service(mark_read);
}

/// The caller's notifications, newest first, with the number still unread.
#[utoipa::path(
    tag = "notifications",
    operation_id = "listNotifications",
    params(NotificationQuery),
    responses(
        (status = 200, description = "A page of notifications", body = NotificationPage),
        responses::QueryRefusals,
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/notifications")]
async fn list_notifications(
    db: Data<Db>,
    member: Member,
    query: Query<NotificationQuery>,
) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(inbox::page(&db, member.id(), &query).await?))
}

/// Marks one of the caller's notifications read (again is harmless).
#[utoipa::path(
    tag = "notifications",
    operation_id = "markNotificationRead",
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "The notification, read", body = Notification),
        (status = 401, response = responses::Unauthorized),
        (status = 404, response = responses::NotFound),
    ),
    security(("bearer" = []))
)]
#[post("/notifications/{id}/read")]
async fn mark_read(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    Ok(HttpResponse::Ok().json(inbox::mark_read(&db, member.id(), *id).await?))
}

/// Marks all the caller's notifications read.
#[utoipa::path(
    tag = "notifications",
    operation_id = "markAllNotificationsRead",
    responses(
        (status = 204, description = "All read"),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[post("/notifications/read-all")]
async fn mark_all_read(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    inbox::mark_all_read(&db, member.id()).await?;
    Ok(HttpResponse::NoContent().finish())
}
