//! `/api/v1/conversations` and their messages. Outsiders get 404 for everything here.

use crate::http::body::Json;
use actix_web::{
    HttpRequest, HttpResponse, get, post,
    web::{Data, Path, Query},
};
use chrono::Utc;
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
    error::{ApiError, Result, responses},
    http::idempotency::{self, StoredResponse},
    notifications::{self, NotificationKind},
    paging::NewestFirst,
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
    let page = service::page_of(db.get_ref(), member.id(), &query).await?;
    Ok(HttpResponse::Ok().json(page))
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
    let (rows, next_cursor) = service::messages(db.get_ref(), row.id, page).await?;
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
        responses::ItemBodyRefusals,
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
    new.validate()?;
    let (row, _) = service::joined(db.get_ref(), member.id(), *id).await?;
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let author = people::one(txn, member.id()).await?;
        let message = service::post(txn, row.id, &author, new.body).await?;
        StoredResponse::created(&Message::from(&message), None, None)
    })
    .await
}
