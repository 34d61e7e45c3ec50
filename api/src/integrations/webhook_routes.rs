//! `/api/v1/organisations/{id}/webhooks`: an organisation's owners (or a key with the
//! `webhooks` scope) register addresses for events, read the delivery log, redeliver and
//! ping.

use crate::http::body::Json;
use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Path},
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use super::{
    dto::{Delivery, NewWebhook, Webhook, WebhookChanges},
    subscriptions::{self, owned},
    webhooks::{self, Courier},
};
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::Member,
    db::{self, Db},
    error::{ApiError, FieldError, Result, responses},
    http::{
        conditional::{check_if_match, version_etag},
        idempotency::{self, StoredResponse},
    },
};

/// Deliveries the log shows.
const LOG_LENGTH: u64 = 100;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_webhook)
        .service(list_webhooks)
        .service(update_webhook)
        .service(delete_webhook)
        .service(list_deliveries)
        .service(redeliver)
        .service(ping_webhook);
}

/// The SSRF guard's word on an address, as a field error.
async fn url_error(courier: &Courier, url: &str) -> Option<FieldError> {
    let checked = match url::Url::parse(url) {
        Ok(url) => courier.guard().check_resolved(&url).await,
        Err(error) => Err(error.to_string()),
    };
    checked
        .err()
        .map(|reason| FieldError::new("url", "not_public", reason))
}

/// Registers a webhook (owners only); the answer holds its signing secret.
#[utoipa::path(
    tag = "integrations",
    operation_id = "createWebhook",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        IdempotencyKey,
    ),
    request_body = NewWebhook,
    responses(
        (status = 201, description = "Registered", body = Webhook,
            headers(("Location" = String, description = "The new webhook"), ("ETag" = String))),
        responses::ItemBodyRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/webhooks")]
async fn create_webhook(
    request: HttpRequest,
    db: Data<Db>,
    courier: Data<Courier>,
    member: Member,
    id: Path<Uuid>,
    body: Json<NewWebhook>,
) -> Result<HttpResponse> {
    member.require_verified_email()?;
    let new = body.into_inner();
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(url_error(&courier, &new.url).await);
    ApiError::valid(errors, ())?;
    let organisation = *id;
    let fingerprint = idempotency::fingerprint(
        &serde_json::json!({"o": organisation, "u": new.url, "e": new.events}),
    )?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        subscriptions::require_owned_organisation(txn, &member, organisation).await?;
        let row = subscriptions::register(txn, organisation, member.id(), new).await?;
        StoredResponse::created(
            &Webhook::from_row(&row),
            Some(format!(
                "/api/v1/organisations/{organisation}/webhooks/{}",
                row.id
            )),
            Some(version_etag(row.version)),
        )
    })
    .await
}

/// The organisation's webhooks (owners only).
#[utoipa::path(
    tag = "integrations",
    operation_id = "listWebhooks",
    params(("id" = Uuid, Path, description = "The organisation's id")),
    responses(
        (status = 200, description = "The webhooks", body = Vec<Webhook>),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}/webhooks")]
async fn list_webhooks(db: Data<Db>, member: Member, id: Path<Uuid>) -> Result<HttpResponse> {
    subscriptions::require_owned_organisation(db.get_ref(), &member, *id).await?;
    let rows = subscriptions::of_organisation(db.get_ref(), *id).await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(Webhook::from_row).collect::<Vec<_>>()))
}

/// Changes a webhook's address, events or whether it is active (owners only; `If-Match`).
#[utoipa::path(
    tag = "integrations",
    operation_id = "updateWebhook",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        ("webhook_id" = Uuid, Path, description = "The webhook's id"),
        ("If-Match" = Option<String>, Header, description = "The version read (ETag)"),
    ),
    request_body = WebhookChanges,
    responses(
        (status = 200, description = "Changed", body = Webhook, headers(("ETag" = String))),
        responses::ItemBodyRefusals,
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[patch("/organisations/{id}/webhooks/{webhook_id}")]
async fn update_webhook(
    request: HttpRequest,
    db: Data<Db>,
    courier: Data<Courier>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
    body: Json<WebhookChanges>,
) -> Result<HttpResponse> {
    let (organisation, id) = path.into_inner();
    let changes = body.into_inner();
    let mut errors = ApiError::field_errors_of(changes.validate());
    if let Some(url) = &changes.url {
        errors.extend(url_error(&courier, url).await);
    }
    ApiError::valid(errors, ())?;
    let current = owned(db.get_ref(), &member, organisation, id).await?;
    check_if_match(&request, &version_etag(current.version))?;
    subscriptions::change(&db, &current, changes).await?;
    let updated = owned(db.get_ref(), &member, organisation, id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(updated.version)))
        .json(Webhook::from_row(&updated)))
}

/// Deletes a webhook and its delivery log (owners only; `If-Match`).
#[utoipa::path(
    tag = "integrations",
    operation_id = "deleteWebhook",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        ("webhook_id" = Uuid, Path, description = "The webhook's id"),
        ("If-Match" = Option<String>, Header, description = "The version read (ETag)"),
    ),
    responses(
        (status = 204, description = "Deleted"),
        responses::ItemRefusals,
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[delete("/organisations/{id}/webhooks/{webhook_id}")]
async fn delete_webhook(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
) -> Result<HttpResponse> {
    let (organisation, id) = path.into_inner();
    let current = owned(db.get_ref(), &member, organisation, id).await?;
    check_if_match(&request, &version_etag(current.version))?;
    subscriptions::delete(&db, &current).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The webhook's latest deliveries, newest first, each with its attempts (status code,
/// latency, error).
#[utoipa::path(
    tag = "integrations",
    operation_id = "listWebhookDeliveries",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        ("webhook_id" = Uuid, Path, description = "The webhook's id"),
    ),
    responses(
        (status = 200, description = "The last 100 deliveries", body = Vec<Delivery>),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[get("/organisations/{id}/webhooks/{webhook_id}/deliveries")]
async fn list_deliveries(
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
) -> Result<HttpResponse> {
    let (organisation, id) = path.into_inner();
    let hook = owned(db.get_ref(), &member, organisation, id).await?;
    Ok(HttpResponse::Ok().json(webhooks::deliveries(db.get_ref(), hook.id, LOG_LENGTH).await?))
}

/// Sends a delivery again (same `webhook-id`, fresh attempts and retries).
#[utoipa::path(
    tag = "integrations",
    operation_id = "redeliverWebhookDelivery",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        ("webhook_id" = Uuid, Path, description = "The webhook's id"),
        ("delivery_id" = Uuid, Path, description = "The delivery's id"),
    ),
    responses(
        (status = 202, description = "Queued again", body = Delivery),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver")]
async fn redeliver(
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid, Uuid)>,
) -> Result<HttpResponse> {
    let (organisation, id, delivery) = path.into_inner();
    let txn = db::write_transaction(&db).await?;
    let hook = owned(&txn, &member, organisation, id).await?;
    let delivery = webhooks::redeliver(&txn, hook.id, delivery).await?;
    txn.commit().await?;
    Ok(HttpResponse::Accepted().json(delivery))
}

/// Sends a `ping` event now and answers how the receiver took it (not retried).
#[utoipa::path(
    tag = "integrations",
    operation_id = "pingWebhook",
    params(
        ("id" = Uuid, Path, description = "The organisation's id"),
        ("webhook_id" = Uuid, Path, description = "The webhook's id"),
    ),
    responses(
        (status = 200, description = "The ping's delivery and its one attempt", body = Delivery),
        responses::ItemRefusals,
    ),
    security(("bearer" = []))
)]
#[post("/organisations/{id}/webhooks/{webhook_id}/ping")]
async fn ping_webhook(
    db: Data<Db>,
    courier: Data<Courier>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
) -> Result<HttpResponse> {
    let (organisation, id) = path.into_inner();
    let hook = owned(db.get_ref(), &member, organisation, id).await?;
    Ok(HttpResponse::Ok().json(courier.ping(db.get_ref(), &hook).await?))
}
