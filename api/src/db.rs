//! The database, for SQLite (embedded default) and PostgreSQL (production).
//!
//! On SQLite there is one writer at a time whatever the pool, so writes get a connection of
//! their own and reads a pool of their own (WAL lets readers go on while the writer writes):
//! however many readers wait, a publish never waits behind them. On PostgreSQL one pool, sized
//! by the configuration, serves both. A request that cannot get a connection in time is
//! answered 503 with `Retry-After` (see `crate::error`), never 500.

use crate::entities::{Versioned, VersionedTable};
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait, sqlx::sqlite::SqliteJournalMode,
};

use crate::config::Config;

/// Reads and writes, each to the connections made for them.
#[derive(Debug, Clone)]
pub struct Db {
    reader: DatabaseConnection,
    writer: DatabaseConnection,
}

impl Db {
    /// Opens the connections and brings the schema up to date (at every start, so that a
    /// fresh file is usable at once).
    pub async fn open(config: &Config) -> Result<Self, DbErr> {
        let sqlite = config.database_url.starts_with("sqlite:");
        let writer = connect(config, sqlite.then_some(1)).await?;
        Migrator::up(&writer, None).await?;
        let reader = if sqlite {
            connect(config, None).await?
        } else {
            writer.clone()
        };
        Ok(Self { reader, writer })
    }

    /// A connection of its own, for work that must not queue behind requests (building
    /// the listing indexes).
    pub async fn dedicated(config: &Config) -> Result<Self, DbErr> {
        let connection = connect(config, Some(1)).await?;
        Ok(Self {
            reader: connection.clone(),
            writer: connection,
        })
    }

    pub fn writer(&self) -> &DatabaseConnection {
        &self.writer
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.reader.ping().await
    }

    /// Where a statement goes: reads to the readers, anything else to the writer.
    fn route(&self, statement: &str) -> &DatabaseConnection {
        let verb = statement.trim_start().get(..6).unwrap_or_default();
        if verb.eq_ignore_ascii_case("select") {
            &self.reader
        } else {
            &self.writer
        }
    }
}

/// A pool of `size` connections, else of the configured size.
pub async fn connect(config: &Config, size: Option<u32>) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(config.database_url.clone());
    options
        .max_connections(size.unwrap_or(config.database_max_connections))
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_millis(config.database_acquire_timeout_ms))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(5))
        });
    // A slow first connection (a loaded machine, a database still starting) is not a failure:
    // opening gets the connect timeout, not the short patience a request has for the pool.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        match Database::connect(options.clone()).await {
            Err(error) if std::time::Instant::now() < deadline => {
                tracing::warn!(%error, "the database is slow to open; trying again");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            opened => return opened,
        }
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Db {
    fn get_database_backend(&self) -> DbBackend {
        self.writer.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.writer.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.writer.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.route(&stmt.sql).query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.route(&stmt.sql).query_all_raw(stmt).await
    }
}

/// Starts a transaction that will write, on the writer. On SQLite it takes the write lock
/// at once (`BEGIN IMMEDIATE`): a transaction that read first and wrote later would fail with
/// `SQLITE_BUSY` whenever another connection (the outbox worker, say) wrote in between,
/// instead of waiting its turn. PostgreSQL ignores the option. Its span is the wait for the
/// writer (the connection, and on SQLite the write lock).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn write_transaction(db: &Db) -> Result<DatabaseTransaction, DbErr> {
    db.writer
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
}

/// Applies `changes` to the row `read` only if it is still at the version read: a stale
/// `If-Match` that raced a concurrent change becomes 412, never a lost update. Shared by every
/// versioned resource (the caller sets the new version in `changes`).
#[tracing::instrument(
    level = "debug",
    skip_all,
    fields(table = E::default().table_name(), id = %read.id(), version = read.version())
)]
pub async fn update_versioned<E: VersionedTable, C: ConnectionTrait>(
    db: &C,
    changes: E::ActiveModel,
    read: &E::Model,
) -> Result<(), crate::error::ApiError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let updated = E::update_many()
        .set(changes)
        .filter(E::ID.eq(read.id()))
        .filter(E::VERSION.eq(read.version()))
        .exec(db)
        .await?;
    exactly_one(updated.rows_affected)
}

/// The row a versioned change aimed at was changed, or someone changed it first (412).
fn exactly_one(rows_affected: u64) -> Result<(), crate::error::ApiError> {
    if rows_affected == 1 {
        Ok(())
    } else {
        Err(crate::error::ApiError::PreconditionFailed)
    }
}

/// Deletes the row `read` only if it is still at the version read: a stale `If-Match` that
/// raced a concurrent change becomes 412, never a lost update. Shared by every versioned
/// resource.
#[tracing::instrument(
    level = "debug",
    skip_all,
    fields(table = E::default().table_name(), id = %read.id(), version = read.version())
)]
pub async fn delete_versioned<E: VersionedTable, C: ConnectionTrait>(
    db: &C,
    read: &E::Model,
) -> Result<(), crate::error::ApiError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let deleted = E::delete_many()
        .filter(E::ID.eq(read.id()))
        .filter(E::VERSION.eq(read.version()))
        .exec(db)
        .await?;
    exactly_one(deleted.rows_affected)
}

/// Inserts rows in one statement; no rows, no statement (an empty `INSERT` is an error).
pub async fn insert_rows<A, C>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    A: sea_orm::ActiveModelTrait,
    C: ConnectionTrait,
{
    if rows.is_empty() {
        return Ok(());
    }
    use sea_orm::EntityTrait;
    <A::Entity as EntityTrait>::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// How many of their own items a member's lists show at most.
pub const OWN_ITEMS: u64 = 500;

/// A member's own rows of a kind (drafts and closed ones too), newest first.
pub async fn owned_by<E>(
    db: &Db,
    owner_column: E::Column,
    id_column: E::Column,
    owner: uuid::Uuid,
) -> Result<Vec<E::Model>, DbErr>
where
    E: sea_orm::EntityTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    E::find()
        .filter(owner_column.eq(owner))
        .order_by_desc(id_column)
        .limit(OWN_ITEMS)
        .all(db)
        .await
}

/// The row of `E` with this id, or a 404 that names `what` (`project`, `opportunity`...).
pub async fn find<E, C>(
    db: &C,
    id: uuid::Uuid,
    what: &'static str,
) -> Result<E::Model, crate::error::ApiError>
where
    E: sea_orm::EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<uuid::Uuid>,
    C: ConnectionTrait,
{
    E::find_by_id(id)
        .one(db)
        .await?
        .ok_or(crate::error::ApiError::NotFound(what))
}
