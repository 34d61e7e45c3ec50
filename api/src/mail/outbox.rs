use std::time::Duration;

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Mailer;
use crate::db::Db;
use crate::entities::outbox::{self, Entity as Outbox};
use crate::integrations::webhooks::{Courier, KIND_WEBHOOK};

pub const KIND_EMAIL: &str = "email";
const BATCH: u64 = 10;
/// A claimed row not finished within this time is claimed again (its worker died).
const LEASE: chrono::TimeDelta = chrono::TimeDelta::seconds(120);
const MAX_ATTEMPTS: i32 = 8;
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// A plain-text e-mail, as stored in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// For alerts: the address that stops them in one click (RFC 8058 `List-Unsubscribe`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe: Option<String>,
}

/// Queues an e-mail; call it inside the transaction that caused it.
pub async fn enqueue<C: ConnectionTrait>(db: &C, email: &Email) -> Result<(), DbErr> {
    let payload = serde_json::to_value(email).map_err(|e| DbErr::Custom(e.to_string()))?;
    enqueue_kind(db, KIND_EMAIL, payload).await
}

/// Queues a unit of work of `kind`; call it inside the transaction that caused it.
pub async fn enqueue_kind<C: ConnectionTrait>(
    db: &C,
    kind: &str,
    payload: serde_json::Value,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let row = outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(kind.into()),
        payload: Set(payload),
        status: Set("pending".into()),
        attempts: Set(0),
        available_at: Set(now),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    };
    Outbox::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// Who carries each kind of outbox row.
pub struct Couriers {
    pub mailer: Mailer,
    pub webhooks: Courier,
}

impl Couriers {
    async fn deliver(&self, db: &Db, row: &outbox::Model) -> anyhow::Result<()> {
        match row.kind.as_str() {
            KIND_WEBHOOK => self.webhooks.deliver_queued(db, &row.payload).await,
            _ => {
                let email = serde_json::from_value::<Email>(row.payload.clone())?;
                self.mailer.send(&email).await
            }
        }
    }

    /// The wait before the next attempt after `row.attempts` failed ones; none: give up.
    fn retry_after(&self, row: &outbox::Model) -> Option<Duration> {
        match row.kind.as_str() {
            KIND_WEBHOOK => self.webhooks.retry_after(row.attempts),
            // E-mails: 2, 4, 8 ... seconds, eight attempts.
            _ => (row.attempts < MAX_ATTEMPTS)
                .then(|| Duration::from_secs(1 << row.attempts.clamp(1, 12))),
        }
    }
}

/// Starts the worker that carries queued e-mails and webhook deliveries until the process
/// ends.
pub fn spawn_worker(db: Db, couriers: Couriers) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match run_once(&db, &couriers).await {
                Ok(0) => tokio::time::sleep(POLL_INTERVAL).await,
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, "outbox worker failed; retrying");
                    tokio::time::sleep(POLL_INTERVAL * 4).await;
                }
            }
        }
    })
}

/// Claims a batch of due rows and delivers them; returns how many were claimed.
pub async fn run_once(db: &Db, couriers: &Couriers) -> Result<usize, DbErr> {
    let claimed = claim(db).await?;
    if !claimed.is_empty() {
        deliver(db, couriers, &claimed).await?;
    }
    Ok(claimed.len())
}

/// Sends a claimed batch and records each outcome. Its own span, apart from the polling
/// (twice a second), so that only batches with something to send show in the log.
#[tracing::instrument(level = "info", name = "deliver_outbox", skip_all, fields(rows = claimed.len()))]
async fn deliver(db: &Db, couriers: &Couriers, claimed: &[outbox::Model]) -> Result<(), DbErr> {
    for row in claimed {
        let result = couriers.deliver(db, row).await;
        finish(db, row, result, couriers.retry_after(row)).await?;
    }
    Ok(())
}

/// Leases due rows to this worker. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets replicas claim
/// disjoint batches concurrently; SQLite serialises writers, so the plain update is enough.
async fn claim(db: &Db) -> Result<Vec<outbox::Model>, DbErr> {
    let now = Utc::now();
    let mut due = Query::select();
    due.column(outbox::Column::Id)
        .from(Outbox)
        .and_where(outbox::Column::Status.eq("pending"))
        .and_where(outbox::Column::AvailableAt.lte(now))
        .and_where(
            outbox::Column::LockedUntil
                .is_null()
                .or(outbox::Column::LockedUntil.lt(now)),
        )
        .order_by(outbox::Column::AvailableAt, sea_orm::Order::Asc)
        .limit(BATCH);
    if db.get_database_backend() == DbBackend::Postgres {
        due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    Outbox::update_many()
        .col_expr(outbox::Column::LockedUntil, Expr::value(now + LEASE))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.in_subquery(due))
        .exec_with_returning(db)
        .await
        .map(|mut rows| {
            // RETURNING comes in no particular order; send in the order queued (ids are
            // UUIDv7, ordered by time) so that a receiver mostly hears events in order.
            rows.sort_by_key(|row| (row.available_at, row.id));
            rows
        })
}

async fn finish(
    db: &Db,
    row: &outbox::Model,
    result: anyhow::Result<()>,
    retry_after: Option<Duration>,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let mut update = outbox::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(row.id),
        ..Default::default()
    };
    match result {
        Ok(()) => {
            update.status = Set("sent".into());
            update.sent_at = Set(Some(now));
            update.locked_until = Set(None);
        }
        Err(error) => {
            tracing::warn!(id = %row.id, attempts = row.attempts, %error, "delivery failed");
            update.status = Set(if retry_after.is_none() {
                "failed"
            } else {
                "pending"
            }
            .into());
            update.last_error = Set(Some(error.to_string()));
            update.locked_until = Set(None);
            let wait = chrono::TimeDelta::from_std(retry_after.unwrap_or_default())
                .unwrap_or(chrono::TimeDelta::zero());
            update.available_at = Set(now + wait);
        }
    }
    Outbox::update(update).exec(db).await?;
    Ok(())
}
