//! The change log. Every write to something listed appends `(kind, id)` in its own
//! transaction; each replica's index reads the log in order and reloads what changed.
//!
//! The sequence must never let a reader see entry n+1 before entry n commits, or the reader
//! would move past n for good. SQLite has one writer at a time, so its rowids come in commit
//! order. On PostgreSQL, concurrent transactions take sequence values in one order and may
//! commit in another; a transaction-level advisory lock taken just before the entry is
//! written serialises the entries until each commits.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::{
    codelist::codelist,
    entities::change::{self, Entity as ChangeEntity},
    error::Result,
};

/// Any number that no other advisory lock of the application uses.
const CHANGE_LOG_LOCK: i64 = 0x6d61_7263_6f74;

codelist! {
    /// What changed.
    pub enum ChangeKind {
        Opportunity,
        Project,
        Organisation,
        CooperationLink,
        /// A member's profile (their languages count in matching).
        Member,
        FundingCall,
        FundingApplication,
        /// Many rows at once (a bulk load): every index is rebuilt.
        Everything,
    }
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: i64,
    pub kind: ChangeKind,
    pub id: Uuid,
}

/// Records that `id` changed. Call it inside the write's transaction, last: on PostgreSQL
/// it holds the log's lock until the commit (its span includes the wait for that lock).
#[tracing::instrument(level = "debug", name = "record_change", skip_all, fields(kind = kind.as_str(), %id))]
pub async fn record<C: ConnectionTrait>(txn: &C, kind: ChangeKind, id: Uuid) -> Result<()> {
    lock_log(txn).await?;
    ChangeEntity::insert(change::ActiveModel {
        seq: NotSet,
        kind: Set(kind.as_str().to_owned()),
        item_id: Set(id),
        recorded_at: Set(Utc::now()),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Serialises the writers of an ordered log until the transaction ends (PostgreSQL; SQLite
/// has one writer anyway). The public event feed is numbered under the same lock.
pub async fn lock_log<C: ConnectionTrait>(txn: &C) -> Result<()> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({CHANGE_LOG_LOCK})"))
            .await?;
    }
    Ok(())
}

/// Records that each of `ids` changed (see [`record`]).
pub async fn record_all<C: ConnectionTrait>(
    txn: &C,
    kind: ChangeKind,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<()> {
    for id in ids {
        record(txn, kind, id).await?;
    }
    Ok(())
}

/// The entries after `seq`, oldest first.
pub async fn after<C: ConnectionTrait>(db: &C, seq: i64, limit: u64) -> Result<Vec<Change>> {
    let rows = ChangeEntity::find()
        .filter(change::Column::Seq.gt(seq))
        .order_by_asc(change::Column::Seq)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Change {
            seq: row.seq,
            // An unknown kind (from a newer replica) rebuilds everything rather than miss it.
            kind: ChangeKind::from_code(&row.kind).unwrap_or(ChangeKind::Everything),
            id: row.item_id,
        })
        .collect())
}

/// The last sequence number written, 0 for none.
pub async fn last<C: ConnectionTrait>(db: &C) -> Result<i64> {
    let last: Option<i64> = ChangeEntity::find()
        .select_only()
        .column(change::Column::Seq)
        .order_by_desc(change::Column::Seq)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok(last.unwrap_or(0))
}

/// Forgets entries recorded before `before`: a replica that starts reads the database, not
/// the log, so only replicas that are running need recent entries.
pub async fn prune<C: ConnectionTrait>(db: &C, before: DateTime<Utc>) -> Result<u64> {
    Ok(ChangeEntity::delete_many()
        .filter(change::Column::RecordedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
