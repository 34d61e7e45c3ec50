//! In-app notifications: what happened to a member's interests, conversations, introductions
//! and saved searches, each with a read state. Features write them with [`notify`] inside the
//! transaction that caused them.

pub mod dto;
mod inbox;
pub mod payloads;
mod routes;

pub use dto::NotificationKind;
pub use routes::configure;

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    sea_query::Expr,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::entities::notification;

/// Tells `user_id` something. `payload` is a JSON object with at least `title` (a short text
/// in the recipient's language) and `link` (the web app path to open, such as
/// `/conversations/{id}`); further keys depend on the kind: it must fit the kind's type in
/// [`payloads`], which is what the spec promises integrators. Call it inside the transaction
/// that caused the news, so that both happen or neither does.
pub async fn notify<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    kind: NotificationKind,
    payload: Value,
) -> Result<(), DbErr> {
    if let Err(error) = dto::check_payload(kind, &payload) {
        return Err(DbErr::Custom(format!(
            "a {} notification does not fit its type: {error}",
            kind.as_str()
        )));
    }
    let row = notification::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        kind: Set(kind.as_str().into()),
        payload: Set(payload),
        read_at: Set(None),
        created_at: Set(Utc::now()),
    };
    notification::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Marks read the recipient's unread notifications of `kind` whose payload names `id` under
/// `key` (a constant of the caller's, such as `conversation_id`): reading a conversation
/// settles its "new message" notifications.
pub async fn mark_read_about<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    kind: NotificationKind,
    key: &'static str,
    id: Uuid,
) -> Result<(), DbErr> {
    debug_assert!(key.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    let about = match db.get_database_backend() {
        DbBackend::Postgres => Expr::cust_with_values(
            format!("notifications.payload ->> '{key}' = $1"),
            [id.to_string()],
        ),
        _ => Expr::cust_with_values(
            format!("json_extract(notifications.payload, '$.{key}') = ?"),
            [id.to_string()],
        ),
    };
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::Kind.eq(kind.as_str()))
        .filter(notification::Column::ReadAt.is_null())
        .filter(about)
        .exec(db)
        .await?;
    Ok(())
}

/// A payload: `title` and `link`, and the kind's own keys from `data` (an object).
pub fn payload(title: impl Into<String>, link: impl Into<String>, data: Value) -> Value {
    let mut payload = json!({"title": title.into(), "link": link.into()});
    if let (Some(all), Value::Object(data)) = (payload.as_object_mut(), data) {
        all.extend(data);
    }
    payload
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_joins_title_link_and_data() {
        let value = payload("Hello", "/x", json!({"interest_id": "1"}));
        assert_eq!(
            value,
            json!({"title": "Hello", "link": "/x", "interest_id": "1"})
        );
    }
}
