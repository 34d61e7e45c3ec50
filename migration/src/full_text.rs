//! The one place where the two databases differ in the schema: how a table's `search_text`
//! is indexed for full-text search (a generated `tsvector` with a GIN index on PostgreSQL,
//! an external-content FTS5 table kept in step by triggers on SQLite).

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

/// Indexes the `search_text` column of each table.
pub async fn create(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for table in tables {
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => vec![
                format!(
                    "ALTER TABLE {table} ADD COLUMN search_vector tsvector \
                     GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED"
                ),
                format!("CREATE INDEX idx_{table}_search ON {table} USING GIN (search_vector)"),
            ],
            _ => vec![
                format!(
                    "CREATE VIRTUAL TABLE {table}_fts USING fts5(search_text, content='{table}', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
                ),
                format!(
                    "CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN INSERT INTO {table}_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
                ),
                format!(
                    "CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN INSERT INTO {table}_fts({table}_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END"
                ),
                format!(
                    "CREATE TRIGGER {table}_fts_update AFTER UPDATE OF search_text ON {table} BEGIN INSERT INTO {table}_fts({table}_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); INSERT INTO {table}_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
                ),
                // Rows that were there before the index.
                format!("INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')"),
            ],
        };
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
    }
    Ok(())
}

/// Removes what [`create`] made (PostgreSQL's column goes with its table or is dropped here).
pub async fn drop(manager: &SchemaManager<'_>, tables: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for table in tables {
        let statements = match manager.get_database_backend() {
            DbBackend::Postgres => vec![format!(
                "ALTER TABLE IF EXISTS {table} DROP COLUMN IF EXISTS search_vector"
            )],
            _ => ["insert", "delete", "update"]
                .iter()
                .map(|event| format!("DROP TRIGGER IF EXISTS {table}_fts_{event}"))
                .chain([format!("DROP TABLE IF EXISTS {table}_fts")])
                .collect(),
        };
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
    }
    Ok(())
}
