//! A member's inbox: their notices newest first with the unread count, and marking them read.
//! The recipient is in every query: someone else's notice is simply not found.

use chrono::Utc;
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

use super::dto::{Notification, NotificationPage, NotificationQuery};
use crate::{
    db::Db,
    entities::notification::{self, Entity as NotificationEntity},
    error::{ApiError, Result},
    paging::{NewestFirst, next_cursor},
};

/// A page of `member`'s notices, newest first, and how many are still unread.
pub async fn page(db: &Db, member: Uuid, query: &NotificationQuery) -> Result<NotificationPage> {
    let page = NewestFirst::parse(query.limit, query.cursor.as_deref())?;
    let mut select = NotificationEntity::find()
        .filter(notification::Column::UserId.eq(member))
        .order_by_desc(notification::Column::Id)
        .limit(page.fetch());
    if query.unread_only == Some(true) {
        select = select.filter(notification::Column::ReadAt.is_null());
    }
    if let Some(before) = page.before {
        select = select.filter(notification::Column::Id.lt(before));
    }
    let mut rows = select.all(db).await?;
    let next_cursor = next_cursor(&mut rows, page, |row| row.id);
    let unread = NotificationEntity::find()
        .filter(notification::Column::UserId.eq(member))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?;
    Ok(NotificationPage {
        unread,
        items: rows
            .iter()
            .map(Notification::try_from)
            .collect::<Result<_>>()?,
        next_cursor,
    })
}

/// Marks one of `member`'s notices read (again is harmless) and returns it.
pub async fn mark_read(db: &Db, member: Uuid, id: Uuid) -> Result<Notification> {
    NotificationEntity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::UserId.eq(member))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    let row = NotificationEntity::find_by_id(id)
        .filter(notification::Column::UserId.eq(member))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("notification"))?;
    Notification::try_from(&row)
}

/// Marks all `member`'s notices read.
pub async fn mark_all_read(db: &Db, member: Uuid) -> Result<()> {
    NotificationEntity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(member))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
