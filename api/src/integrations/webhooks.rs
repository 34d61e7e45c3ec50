//! Webhook deliveries: queued with the event's transaction, sent by the outbox worker (so two
//! replicas never send one delivery at once: the outbox claim is `FOR UPDATE SKIP LOCKED`),
//! signed per Standard Webhooks, retried with a growing delay for three days, and logged
//! attempt by attempt.

use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use serde_json::Value;
use uuid::Uuid;

use super::{
    dto::{Delivery, DeliveryAttempt, DeliveryStatus},
    events::Event,
    guard::Guard,
    signing,
};
use crate::{
    config::Config,
    entities::{
        webhook::{self, Entity as Webhooks},
        webhook_attempt::{self, Entity as Attempts},
        webhook_delivery::{self, Entity as Deliveries},
    },
    error::{ApiError, Result},
    mail::outbox,
};

/// The outbox kind of a webhook delivery.
pub const KIND_WEBHOOK: &str = "webhook";

/// Waits after the 1st, 2nd ... failed attempt: about three days in all, then the delivery
/// is given up (the Standard Webhooks recommendation, stretched to three days).
const RETRY_SCHEDULE: [Duration; 9] = [
    Duration::from_secs(5),
    Duration::from_secs(5 * 60),
    Duration::from_secs(30 * 60),
    Duration::from_secs(2 * 3600),
    Duration::from_secs(5 * 3600),
    Duration::from_secs(10 * 3600),
    Duration::from_secs(14 * 3600),
    Duration::from_secs(20 * 3600),
    Duration::from_secs(20 * 3600),
];

/// Sends webhook deliveries for the outbox worker.
#[derive(Clone)]
pub struct Courier {
    client: reqwest::Client,
    guard: Guard,
    retry_scale: f64,
}

impl Courier {
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let guard = Guard::new(config.webhook_allowed_networks.clone());
        Ok(Self {
            client: guard.client()?,
            guard,
            retry_scale: config.webhook_retry_scale,
        })
    }

    pub fn guard(&self) -> &Guard {
        &self.guard
    }

    /// The wait before the attempt after `attempts` failed ones; none once given up.
    pub fn retry_after(&self, attempts: i32) -> Option<Duration> {
        let index = usize::try_from(attempts.max(1) - 1).ok()?;
        RETRY_SCHEDULE
            .get(index)
            .map(|wait| wait.mul_f64(self.retry_scale.max(0.0)))
    }

    /// Makes one attempt of the delivery named in an outbox row's payload and logs it.
    /// An error asks the outbox to try again later.
    pub async fn deliver_queued<C: ConnectionTrait>(
        &self,
        db: &C,
        payload: &Value,
    ) -> anyhow::Result<()> {
        let id: Uuid = serde_json::from_value(payload["delivery"].clone())?;
        let Some(delivery) = Deliveries::find_by_id(id).one(db).await? else {
            return Ok(()); // its webhook was deleted
        };
        let Some(hook) = Webhooks::find_by_id(delivery.webhook_id).one(db).await? else {
            return Ok(());
        };
        // Each outbox row is one series of attempts (the first, or a redelivery): it is sent
        // even if an earlier series was taken, since a redelivery asks for exactly that.
        if !hook.active {
            return Ok(());
        }
        let outcome = self
            .attempt(db, &hook, &delivery, Retries::Scheduled)
            .await?;
        outcome.map_err(anyhow::Error::msg)
    }

    /// Posts the delivery once, records the attempt and the delivery's state; returns whether
    /// the receiver took it (2xx).
    async fn attempt<C: ConnectionTrait>(
        &self,
        db: &C,
        hook: &webhook::Model,
        delivery: &webhook_delivery::Model,
        retries: Retries,
    ) -> Result<std::result::Result<(), String>> {
        let body =
            serde_json::to_vec(&delivery.payload).map_err(|e| ApiError::Internal(e.into()))?;
        let timestamp = Utc::now().timestamp();
        let started = Instant::now();
        let sent = match url::Url::parse(&hook.url)
            .map_err(|e| e.to_string())
            .and_then(|url| self.guard.check_url(&url).map(|()| url))
        {
            Ok(url) => self
                .client
                .post(url)
                .header("content-type", "application/json")
                .header("webhook-id", &delivery.message_id)
                .header("webhook-timestamp", timestamp.to_string())
                .header(
                    "webhook-signature",
                    signing::sign(&hook.secret, &delivery.message_id, timestamp, &body),
                )
                .body(body)
                .send()
                .await
                .map_err(|error| describe(&error)),
            Err(reason) => Err(reason),
        };
        let latency = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
        let (status_code, outcome) = match sent {
            Ok(response) if response.status().is_success() => (Some(response.status()), Ok(())),
            Ok(response) => (
                Some(response.status()),
                Err(format!(
                    "the receiver answered {}",
                    response.status().as_u16()
                )),
            ),
            Err(reason) => (None, Err(reason)),
        };
        let now = Utc::now();
        Attempts::insert(webhook_attempt::ActiveModel {
            id: Set(Uuid::now_v7()),
            delivery_id: Set(delivery.id),
            attempted_at: Set(now),
            status_code: Set(status_code.map(|s| i32::from(s.as_u16()))),
            latency_ms: Set(latency),
            error: Set(outcome.clone().err()),
        })
        .exec_without_returning(db)
        .await?;
        let attempts = delivery.attempts + 1;
        let status = match &outcome {
            Ok(()) => DeliveryStatus::Delivered,
            Err(_) if retries == Retries::None || self.retry_after(attempts).is_none() => {
                DeliveryStatus::Failed
            }
            Err(_) => DeliveryStatus::Pending,
        };
        Deliveries::update(webhook_delivery::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(delivery.id),
            status: Set(status.as_str().into()),
            attempts: Set(attempts),
            last_status_code: Set(status_code.map(|s| i32::from(s.as_u16()))),
            last_latency_ms: Set(Some(latency)),
            last_error: Set(outcome.clone().err()),
            delivered_at: Set(outcome.is_ok().then_some(now)),
            ..Default::default()
        })
        .exec(db)
        .await?;
        Ok(outcome)
    }

    /// Sends a `ping` to the webhook now (not retried) and returns the delivery.
    pub async fn ping<C: ConnectionTrait>(
        &self,
        db: &C,
        hook: &webhook::Model,
    ) -> Result<Delivery> {
        let id = Uuid::now_v7();
        let payload = super::events::envelope(
            id,
            "ping",
            Utc::now(),
            &serde_json::json!({"webhook_id": hook.id}),
        );
        let delivery = insert_delivery(db, hook.id, id, "ping", payload).await?;
        // The outcome is in the attempt the answer shows.
        let _outcome = self.attempt(db, hook, &delivery, Retries::None).await?;
        delivery_view(db, delivery.id).await
    }
}

/// Whether a failed attempt is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retries {
    Scheduled,
    /// A ping answers at once and is not retried.
    None,
}

/// Why a request failed, without the noise of the error chain's first line.
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}

async fn insert_delivery<C: ConnectionTrait>(
    db: &C,
    webhook: Uuid,
    message: Uuid,
    event_type: &str,
    payload: Value,
) -> Result<webhook_delivery::Model> {
    let row = webhook_delivery::ActiveModel {
        id: Set(Uuid::now_v7()),
        webhook_id: Set(webhook),
        message_id: Set(format!("msg_{}", message.simple())),
        event_type: Set(event_type.into()),
        payload: Set(payload),
        status: Set(DeliveryStatus::Pending.as_str().into()),
        attempts: Set(0),
        last_status_code: Set(None),
        last_latency_ms: Set(None),
        last_error: Set(None),
        created_at: Set(Utc::now()),
        delivered_at: Set(None),
    };
    Ok(Deliveries::insert(row).exec_with_returning(db).await?)
}

/// Queues `event` (with its envelope `body`) for every active webhook that listens for it:
/// any organisation's for a public event, the organisation concerned's for a private one.
pub async fn queue<C: ConnectionTrait>(txn: &C, event: &Event, body: &Value) -> Result<()> {
    let mut hooks = Webhooks::find().filter(webhook::Column::Active.eq(true));
    if !event.event_type.is_public() {
        if event.organisations.is_empty() {
            return Ok(());
        }
        hooks = hooks.filter(webhook::Column::OrganisationId.is_in(event.organisations.clone()));
    }
    let message = body["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(Uuid::now_v7);
    for hook in hooks.all(txn).await? {
        let listens = serde_json::from_value::<Vec<super::events::EventType>>(hook.events.clone())
            .unwrap_or_default()
            .contains(&event.event_type);
        if listens {
            let delivery =
                insert_delivery(txn, hook.id, message, event.event_type.code(), body.clone())
                    .await?;
            enqueue(txn, delivery.id).await?;
        }
    }
    Ok(())
}

async fn enqueue<C: ConnectionTrait>(txn: &C, delivery: Uuid) -> Result<()> {
    outbox::enqueue_kind(txn, KIND_WEBHOOK, serde_json::json!({"delivery": delivery})).await?;
    Ok(())
}

/// Queues a delivery again, as a new series of attempts with the same `webhook-id`.
pub async fn redeliver<C: ConnectionTrait>(
    txn: &C,
    webhook: Uuid,
    delivery: Uuid,
) -> Result<Delivery> {
    let updated = Deliveries::update_many()
        .col_expr(
            webhook_delivery::Column::Status,
            Expr::value(DeliveryStatus::Pending.as_str()),
        )
        .col_expr(webhook_delivery::Column::Attempts, Expr::value(0))
        .col_expr(
            webhook_delivery::Column::DeliveredAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(webhook_delivery::Column::Id.eq(delivery))
        .filter(webhook_delivery::Column::WebhookId.eq(webhook))
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(ApiError::NotFound("delivery"));
    }
    enqueue(txn, delivery).await?;
    delivery_view(txn, delivery).await
}

/// The latest deliveries of a webhook with their attempts, newest first.
pub async fn deliveries<C: ConnectionTrait>(
    db: &C,
    webhook: Uuid,
    limit: u64,
) -> Result<Vec<Delivery>> {
    use sea_orm::QuerySelect;
    let rows = Deliveries::find()
        .filter(webhook_delivery::Column::WebhookId.eq(webhook))
        .order_by_desc(webhook_delivery::Column::CreatedAt)
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let attempts = Attempts::find()
        .filter(webhook_attempt::Column::DeliveryId.is_in(ids))
        .order_by_asc(webhook_attempt::Column::AttemptedAt)
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .map(|row| {
            let mine = attempts
                .iter()
                .filter(|attempt| attempt.delivery_id == row.id)
                .map(DeliveryAttempt::from_row)
                .collect();
            Delivery::from_rows(row, mine)
        })
        .collect())
}

async fn delivery_view<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Delivery> {
    let row = Deliveries::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("delivery"))?;
    let attempts = Attempts::find()
        .filter(webhook_attempt::Column::DeliveryId.eq(id))
        .order_by_asc(webhook_attempt::Column::AttemptedAt)
        .all(db)
        .await?;
    Ok(Delivery::from_rows(
        &row,
        attempts.iter().map(DeliveryAttempt::from_row).collect(),
    ))
}
