//! `/api/v1/notifications`: the caller's notices, newest first, and marking them read.

use actix_web::{
    HttpResponse, get, post,
    web::{Data, Path, Query},
};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::dto::{Notification, NotificationPage, NotificationQuery};
use crate::db::Db;
use crate::{
    accounts::Member,
    entities::notification::{self, Entity as NotificationEntity},
    error::{ApiError, Result, responses},
    paging::{NewestFirst, next_cursor},
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
    let page = NewestFirst::parse(query.limit, query.cursor.as_deref())?;
    let mut select = NotificationEntity::find()
        .filter(notification::Column::UserId.eq(member.id()))
        .order_by_desc(notification::Column::Id)
        .limit(page.fetch());
    if query.unread_only == Some(true) {
        select = select.filter(notification::Column::ReadAt.is_null());
    }
    if let Some(before) = page.before {
        select = select.filter(notification::Column::Id.lt(before));
    }
    let mut rows = select.all(db.get_ref()).await?;
    let next_cursor = next_cursor(&mut rows, page, |row| row.id);
    let unread = NotificationEntity::find()
        .filter(notification::Column::UserId.eq(member.id()))
        .filter(notification::Column::ReadAt.is_null())
        .count(db.get_ref())
        .await?;
    Ok(HttpResponse::Ok().json(NotificationPage {
        unread,
        items: rows
            .iter()
            .map(Notification::try_from)
            .collect::<Result<_>>()?,
        next_cursor,
    }))
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
    // The recipient is in the filter: someone else's notification is simply not found.
    NotificationEntity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::Id.eq(*id))
        .filter(notification::Column::UserId.eq(member.id()))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db.get_ref())
        .await?;
    let row = NotificationEntity::find_by_id(*id)
        .filter(notification::Column::UserId.eq(member.id()))
        .one(db.get_ref())
        .await?
        .ok_or(ApiError::NotFound("notification"))?;
    Ok(HttpResponse::Ok().json(Notification::try_from(&row)?))
}

/// Marks all the caller's notifications read.
#[utoipa::path(
    tag = "notifications",
    operation_id = "markAllNotificationsRead",
    path = "/notifications/read-all",
    responses(
        (status = 204, description = "All read"),
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[post("/notifications/read-all")]
async fn mark_all_read(db: Data<Db>, member: Member) -> Result<HttpResponse> {
    NotificationEntity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(member.id()))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db.get_ref())
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
