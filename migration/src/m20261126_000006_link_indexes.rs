//! The sector and country link tables are searched as "does this item have a row with this
//! code?" (a correlated `EXISTS`). Indexes on the code alone made SQLite walk every row of
//! the code for each item (4.7 s for one filtered search at 100 000 opportunities); with the
//! item's id in the index the test is one lookup (7 ms). See `docs/benchmarks.md`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (index, table, code column, item column)
const LINK_INDEXES: [(&str, &str, &str, &str); 5] = [
    (
        "idx_opportunity_sectors_category",
        "opportunity_sectors",
        "category",
        "opportunity_id",
    ),
    (
        "idx_opportunity_sectors_code",
        "opportunity_sectors",
        "code",
        "opportunity_id",
    ),
    (
        "idx_project_sectors_category",
        "project_sectors",
        "category",
        "project_id",
    ),
    (
        "idx_project_sectors_code",
        "project_sectors",
        "code",
        "project_id",
    ),
    (
        "idx_project_countries_country",
        "project_countries",
        "country",
        "project_id",
    ),
];

/// Plain SQL, the same on SQLite and PostgreSQL. The new index gets a name of its own: on
/// SQLite, creating an index under the name of one dropped in the same migration was refused
/// as "already exists".
async fn replace(
    manager: &SchemaManager<'_>,
    old: &str,
    new: &str,
    table: &str,
    columns: &[&str],
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "CREATE INDEX {new} ON {table} ({})",
        columns.join(", ")
    ))
    .await?;
    db.execute_unprepared(&format!("DROP INDEX IF EXISTS {old}"))
        .await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, code, item) in LINK_INDEXES {
            replace(manager, name, &format!("{name}_item"), table, &[code, item]).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, code, _) in LINK_INDEXES {
            replace(manager, &format!("{name}_item"), name, table, &[code]).await?;
        }
        Ok(())
    }
}
