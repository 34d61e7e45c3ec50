//! The database pool, for SQLite (embedded default) and PostgreSQL (production).

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait, sqlx::sqlite::SqliteJournalMode,
};

use crate::config::Config;

/// Opens the pool. SQLite runs in WAL mode so that readers never wait for a writer.
pub async fn connect(config: &Config) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(config.database_url.clone());
    options
        .max_connections(config.database_max_connections)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(5))
        });
    Database::connect(options).await
}

/// Brings the schema up to date; run at every start so a fresh file is usable at once.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a transaction that read first and wrote later would fail with
/// `SQLITE_BUSY` whenever another connection (the outbox worker, say) wrote in between,
/// instead of waiting its turn. PostgreSQL ignores the option.
pub async fn write_transaction(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Deletes the row `id` only if it is still at `version`: a stale `If-Match` that raced a
/// concurrent change becomes 412, never a lost update. Shared by every versioned resource.
pub async fn delete_versioned<E, C>(
    db: &C,
    id_column: E::Column,
    version_column: E::Column,
    id: uuid::Uuid,
    version: i32,
) -> Result<(), crate::error::ApiError>
where
    E: sea_orm::EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::{ColumnTrait, QueryFilter};
    let deleted = E::delete_many()
        .filter(id_column.eq(id))
        .filter(version_column.eq(version))
        .exec(db)
        .await?;
    if deleted.rows_affected == 1 {
        Ok(())
    } else {
        Err(crate::error::ApiError::PreconditionFailed)
    }
}
