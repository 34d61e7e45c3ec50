//! Diaspora figures: where a member lives within their country of residence (an ISO 3166-2
//! subdivision) and whether they agree to be counted (off until they say so).

use sea_orm_migration::{prelude::*, schema::*};

use super::m20261126_000001_create_accounts::Users;
use crate::support::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table a column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len_null(Diaspora::ResidenceSubdivision, 6))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(boolean(Diaspora::DiasporaCounted).default(false))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            Users::Table,
            "idx_users_residence_subdivision",
            [Diaspora::ResidenceSubdivision],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_users_residence_subdivision")
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Diaspora::DiasporaCounted, Diaspora::ResidenceSubdivision] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Diaspora {
    ResidenceSubdivision,
    DiasporaCounted,
}
