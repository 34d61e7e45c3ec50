//! What every migration repeats, written once: plain indexes, foreign keys and dropping tables.

use sea_orm_migration::prelude::*;

/// Creates the index `name` on `table` over `columns`, in that order.
pub async fn index<T, C>(
    manager: &SchemaManager<'_>,
    table: T,
    name: &str,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr>
where
    T: IntoIden,
    C: IntoIden,
{
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(column.into_iden());
    }
    manager.create_index(statement.to_owned()).await
}

/// A foreign key from `table.column` to `target.target_column`; chain `on_delete` when the
/// row should follow its target.
pub fn references<T, C, U, D>(
    table: T,
    column: C,
    target: U,
    target_column: D,
) -> ForeignKeyCreateStatement
where
    T: IntoIden,
    C: IntoIden,
    U: IntoIden,
    D: IntoIden,
{
    ForeignKey::create()
        .from(table, column)
        .to(target, target_column)
        .to_owned()
}

/// Drops `tables` in the order given (dependents first).
pub async fn drop_tables(
    manager: &SchemaManager<'_>,
    tables: impl IntoIterator<Item = DynIden>,
) -> Result<(), DbErr> {
    for table in tables {
        manager
            .drop_table(Table::drop().table(table).to_owned())
            .await?;
    }
    Ok(())
}
