//! Throttles: password guesses and e-mails, counted as events in the database so that every
//! replica sees the same counts.
//!
//! Checking a count and recording the event it allows are one atomic step: the event is
//! *reserved* before the work it stands for (before a password is checked, before a mail is
//! queued), under SQLite's single writer or, on PostgreSQL, an advisory lock per key. A burst
//! of concurrent requests therefore never gets more tries than the limit (without it, 50
//! concurrent wrong passwords were all checked). A login that succeeds cancels its reservation.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Statement,
};
use uuid::Uuid;

use crate::{
    db::{self, Db},
    entities::throttle_event::{self, Entity as ThrottleEvent},
    error::{ApiError, Result},
};

/// One limit: at most `most` events of `scope` for `key` in any `window`.
#[derive(Debug, Clone)]
pub struct Limit {
    scope: &'static str,
    key: String,
    most: usize,
    window: TimeDelta,
}

impl Limit {
    pub fn new(
        scope: &'static str,
        key: impl Into<String>,
        most: usize,
        window: TimeDelta,
    ) -> Self {
        Self {
            scope,
            key: key.into(),
            most,
            window,
        }
    }
}

/// Events reserved under some limits.
#[must_use = "a reservation stays counted unless it is cancelled"]
pub struct Reservation(Vec<Uuid>);

impl Reservation {
    /// Takes the events back: what they stood for did not count (a login that succeeded).
    pub async fn cancel(self, db: &Db) -> Result<()> {
        ThrottleEvent::delete_many()
            .filter(throttle_event::Column::Id.is_in(self.0))
            .exec(db)
            .await?;
        Ok(())
    }
}

/// Records one event under every limit, or none and 429 (with when to come back) when any is
/// reached.
pub async fn reserve(db: &Db, limits: &[Limit]) -> Result<Reservation> {
    let txn = db::write_transaction(db).await?;
    let now = Utc::now();
    let mut locked: Vec<&Limit> = limits.iter().collect();
    // Always the same order: two requests never wait for each other's locks.
    locked.sort_by(|a, b| (a.scope, &a.key).cmp(&(b.scope, &b.key)));
    for limit in &locked {
        lock(&txn, limit).await?;
    }
    for limit in limits {
        // Events that left the window count no more: each key keeps only its recent ones.
        ThrottleEvent::delete_many()
            .filter(throttle_event::Column::Scope.eq(limit.scope))
            .filter(throttle_event::Column::Key.eq(&limit.key))
            .filter(throttle_event::Column::At.lt(now - limit.window))
            .exec(&txn)
            .await?;
        let recent = recent(&txn, limit, now).await?;
        if recent.len() >= limit.most {
            // Allowed again when enough of the oldest events have left the window.
            let freed_at = recent[recent.len() - limit.most] + limit.window;
            let retry_after_seconds = (freed_at - now).num_seconds().max(1) as u64;
            txn.rollback().await?;
            return Err(ApiError::RateLimited {
                retry_after_seconds,
            });
        }
    }
    let ids: Vec<Uuid> = limits.iter().map(|_| Uuid::now_v7()).collect();
    let rows = limits
        .iter()
        .zip(&ids)
        .map(|(limit, id)| throttle_event::ActiveModel {
            id: Set(*id),
            scope: Set(limit.scope.into()),
            key: Set(limit.key.clone()),
            at: Set(now),
        });
    ThrottleEvent::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    txn.commit().await?;
    Ok(Reservation(ids))
}

/// Forgets the events of `scope` for `key` (a login that succeeded forgives the failures of
/// its account from its address; a password reset, every failure of the account).
pub async fn forgive(db: &Db, scope: &'static str, key: &str) -> Result<()> {
    ThrottleEvent::delete_many()
        .filter(throttle_event::Column::Scope.eq(scope))
        .filter(throttle_event::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

/// On PostgreSQL, one transaction at a time per key until it commits; SQLite's write
/// transaction already holds the only write lock.
async fn lock(txn: &DatabaseTransaction, limit: &Limit) -> Result<()> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1)::bigint)",
            [format!("throttle {} {}", limit.scope, limit.key).into()],
        ))
        .await?;
    }
    Ok(())
}

async fn recent(
    txn: &DatabaseTransaction,
    limit: &Limit,
    now: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>> {
    Ok(ThrottleEvent::find()
        .select_only()
        .column(throttle_event::Column::At)
        .filter(throttle_event::Column::Scope.eq(limit.scope))
        .filter(throttle_event::Column::Key.eq(&limit.key))
        .filter(throttle_event::Column::At.gte(now - limit.window))
        .order_by_asc(throttle_event::Column::At)
        .into_tuple()
        .all(txn)
        .await?)
}
