//! The public event feed (`GET /api/v1/events?after=`): one row per public marketplace event,
//! numbered 1, 2, 3 ... without gaps in commit order (see `api/src/integrations/events.rs`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    // Numbered by the writer under the change log's lock, not by a sequence:
                    // a rolled-back transaction leaves no hole.
                    .col(big_integer(Events::Seq).primary_key())
                    .col(uuid(Events::Id))
                    .col(string_len(Events::EventType, 40))
                    .col(uuid(Events::SubjectId))
                    .col(json_binary(Events::Data))
                    .col(timestamp_with_time_zone(Events::OccurredAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Events::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Seq,
    Id,
    EventType,
    SubjectId,
    Data,
    OccurredAt,
}
