//! `/api/v1/conversations` and their messages. Outsiders get 404 for everything here.

use actix_web::{
    HttpRequest, HttpResponse, get, post,
    web::{Data, Json, Path, Query},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Query as SqlQuery,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{ConversationPage, ConversationQuery, Message, MessagePage, MessageQuery, NewMessage},
    people, service,
};
use crate::db::Db;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::Member,
    entities::{
        conversation::{self, Entity as ConversationEntity},
        conversation_participant::{self, Entity as Participant},
        message::{self, Entity as MessageEntity},
    },
    error::{ApiError, Result, responses},
    http::idempotency::{self, StoredResponse},
    notifications::{self, NotificationKind},
    paging::{NewestFirst, next_cursor},
    search::query::{Cursor, Sort, checked_limit},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_conversations)
        .service(get_conversation)
        .service(list_messages)
        .service(post_message);
}

/// The caller's conversations, most recent activity first, each with its unread count.
#[utoipa::path(
    tag = "conversations",
    operation_id = "listConversations",
    params(ConversationQuery),
    responses(
        (status = 200, description = "A page of conversations", body = ConversationPage),
        responses::QueryRefusals,
        (status = 401, response = responses::Unauthorized),
    ),
    security(("bearer" = []))
)]
#[get("/conversations")]
async fn list_conversations(
    db: Data<Db>,
    member: Member,
    query: Query<ConversationQuery>,
) -> Result<HttpResponse> {
    let limit = checked_limit(query.limit)?;
    let mine = SqlQuery::select()
        .column(conversation_participant::Column::ConversationId)
        .from(Participant)
        .and_where(conversation_participant::Column::UserId.eq(member.id()))
        .to_owned();
    // Ordered by (last activity, id): a conversation that gets a message during a walk moves
    // to the top, the others keep their place.
    let mut select = ConversationEntity::find()
        .filter(conversation::Column::Id.in_subquery(mine))
        .order_by_desc(conversation::Column::LastActivityAt)
        .order_by_desc(conversation::Column::Id)
        .limit(limit + 1);
    if let Some(raw) = &query.cursor {
        let cursor = Cursor::decode(raw, Sort::Newest)?;
        let at = cursor
            .key
            .as_deref()
            .and_then(|key| DateTime::parse_from_rfc3339(key).ok())
            .map(|at| at.with_timezone(&Utc))
            .ok_or_else(|| {
                ApiError::invalid_field("cursor", "invalid", "this cursor is not one we gave")
            })?;
        select = select.filter(
            Condition::any()
                .add(conversation::Column::LastActivityAt.lt(at))
                .add(
                    Condition::all()
                        .add(conversation::Column::LastActivityAt.eq(at))
                        .add(conversation::Column::Id.lt(cursor.id)),
                ),
        );
    }
    let mut rows = select.all(db.get_ref()).await?;
    let next_cursor = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|row| {
            Cursor {
                sort: Sort::Newest,
                key: Some(row.last_activity_at.to_rfc3339()),
                id: row.id,
            }
            .encode()
        })
    } else {
        None
    };
    let items = service::views(db.get_ref(), member.id(), &rows).await?;
    Ok(HttpResponse::Ok().json(ConversationPage { items, next_cursor }))
}

/// One of the caller's conversations.
#[utoipa::path(
    tag = "conversations",
    operation_id = "getConversation",
    params(("id" = Uuid, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "The conversation", body = super::dto::Conversation),
        (status = 401, response = responses::Unauthorized),
        (status = 404, response = responses::NotFound),
    ),
    security(("bearer" = []))
)]
#[get("/conversations/{id}")]
async fn get_conversation(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    let (row, _) = service::joined(db.get_ref(), member.id(), *id).await?;
    let mut views = service::views(db.get_ref(), member.id(), &[row]).await?;
    let view = views.pop().ok_or(ApiError::NotFound("conversation"))?;
    Ok(HttpResponse::Ok().json(view))
}

/// A conversation's messages, newest first. Reading a page marks the messages up to its newest
/// read for the caller (the first page: the whole conversation).
#[utoipa::path(
    tag = "conversations",
    operation_id = "listMessages",
    params(("id" = Uuid, Path, description = "The conversation's id"), MessageQuery),
    responses(
        (status = 200, description = "A page of messages", body = MessagePage),
        responses::QueryRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 404, response = responses::NotFound),
    ),
    security(("bearer" = []))
)]
#[get("/conversations/{id}/messages")]
async fn list_messages(
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    query: Query<MessageQuery>,
) -> Result<HttpResponse> {
    let page = NewestFirst::parse(query.limit, query.cursor.as_deref())?;
    // The first page holds the newest message: whoever reads it has caught up.
    let caught_up = page.before.is_none();
    let (row, _) = service::joined(db.get_ref(), member.id(), *id).await?;
    let mut select = MessageEntity::find()
        .filter(message::Column::ConversationId.eq(row.id))
        .order_by_desc(message::Column::Id)
        .limit(page.fetch());
    if let Some(before) = page.before {
        select = select.filter(message::Column::Id.lt(before));
    }
    let mut rows = select.all(db.get_ref()).await?;
    let next_cursor = next_cursor(&mut rows, page, |row| row.id);
    if let Some(newest) = rows.first() {
        service::mark_read(db.get_ref(), row.id, member.id(), newest.id, Utc::now()).await?;
    }
    if caught_up {
        notifications::mark_read_about(
            db.get_ref(),
            member.id(),
            NotificationKind::MessageReceived,
            "conversation_id",
            row.id,
        )
        .await?;
    }
    Ok(HttpResponse::Ok().json(MessagePage {
        items: rows.iter().map(Message::from).collect(),
        next_cursor,
    }))
}

/// Writes a message in one of the caller's conversations.
#[utoipa::path(
    tag = "conversations",
    operation_id = "postMessage",
    params(
        ("id" = Uuid, Path, description = "The conversation's id"),
        IdempotencyKey,
    ),
    request_body = NewMessage,
    responses(
        (status = 201, description = "Sent", body = Message),
        responses::BodyRefusals,
        responses::ItemRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/conversations/{id}/messages")]
async fn post_message(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    body: Json<NewMessage>,
) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let new = body.into_inner();
    let mut errors = ApiError::field_errors_of(new.validate());
    if errors.is_empty() && new.body.trim().is_empty() {
        errors.push(crate::error::FieldError::new(
            "body",
            "length",
            "write something",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (row, _) = service::joined(db.get_ref(), member.id(), *id).await?;
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let author = people::one(txn, member.id()).await?;
        let message = service::post(txn, row.id, &author, new.body).await?;
        StoredResponse::created(&Message::from(&message), None, None)
    })
    .await
}
