//! Throttles password guessing, per account and per client address. Failures are rows in the
//! database, so every replica sees the same counts.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::{
    entities::login_failure::{self, Entity as LoginFailure},
    error::{ApiError, Result},
};

const WINDOW: TimeDelta = TimeDelta::minutes(15);

/// How many failures the window tolerates.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_account: usize,
    pub per_address: usize,
}

const ACCOUNT: &str = "account";
const ADDRESS: &str = "address";

/// Refuses with 429 when the account or the address has failed too often lately.
pub async fn check<C: ConnectionTrait>(
    db: &C,
    limits: Limits,
    account: &str,
    address: &str,
) -> Result<()> {
    let now = Utc::now();
    for (scope, key, limit) in [
        (ACCOUNT, account, limits.per_account),
        (ADDRESS, address, limits.per_address),
    ] {
        let failures = recent(db, scope, key, now).await?;
        if failures.len() >= limit {
            // Allowed again when enough of the oldest failures have left the window.
            let freed_at = failures[failures.len() - limit] + WINDOW;
            let retry_after_seconds = (freed_at - now).num_seconds().max(1) as u64;
            return Err(ApiError::RateLimited {
                retry_after_seconds,
            });
        }
    }
    Ok(())
}

pub async fn record_failure<C: ConnectionTrait>(
    db: &C,
    account: &str,
    address: &str,
) -> Result<()> {
    let now = Utc::now();
    LoginFailure::delete_many()
        .filter(login_failure::Column::FailedAt.lt(now - WINDOW))
        .exec(db)
        .await?;
    for (scope, key) in [(ACCOUNT, account), (ADDRESS, address)] {
        let row = login_failure::ActiveModel {
            id: Set(Uuid::now_v7()),
            scope: Set(scope.into()),
            key: Set(key.into()),
            failed_at: Set(now),
        };
        LoginFailure::insert(row).exec_without_returning(db).await?;
    }
    Ok(())
}

/// A successful login forgives the account's failures (not the address's).
pub async fn clear_account<C: ConnectionTrait>(db: &C, account: &str) -> Result<()> {
    LoginFailure::delete_many()
        .filter(login_failure::Column::Scope.eq(ACCOUNT))
        .filter(login_failure::Column::Key.eq(account))
        .exec(db)
        .await?;
    Ok(())
}

async fn recent<C: ConnectionTrait>(
    db: &C,
    scope: &str,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>> {
    Ok(LoginFailure::find()
        .filter(login_failure::Column::Scope.eq(scope))
        .filter(login_failure::Column::Key.eq(key))
        .filter(login_failure::Column::FailedAt.gte(now - WINDOW))
        .order_by_asc(login_failure::Column::FailedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|failure| failure.failed_at)
        .collect())
}
