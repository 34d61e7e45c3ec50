//! The change log: every change to something listed (an opportunity, a project, an
//! organisation, a member's profile) appends a row in the same transaction. Each replica's
//! listing index follows it in order, so that all converge on the database within a second;
//! the sequence is gap-free in commit order (see `api/src/search/changes.rs`).
//!
//! Organisations also get the indexed text projects and opportunities have, so that the
//! three listings search alike.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Changes::Table)
                    .col(big_pk_auto(Changes::Seq))
                    .col(string_len(Changes::Kind, 24))
                    .col(uuid(Changes::ItemId))
                    .col(timestamp_with_time_zone(Changes::RecordedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_changes_recorded_at")
                    .table(Changes::Table)
                    .col(Changes::RecordedAt)
                    .to_owned(),
            )
            .await?;
        for column in [Organisations::SearchText, Organisations::SearchTitle] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisations::Table)
                        .add_column(text(column).default(""))
                        .to_owned(),
                )
                .await?;
        }
        crate::full_text::create(manager, &["organisations"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::full_text::drop(manager, &["organisations"]).await?;
        for column in [Organisations::SearchText, Organisations::SearchTitle] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisations::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Changes::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Changes {
    Table,
    Seq,
    Kind,
    ItemId,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    SearchText,
    SearchTitle,
}
