//! Saved searches: a member's search criteria, how often to hear about new results and
//! through which channels. The alert worker claims due rows (`next_run_at`) and remembers up
//! to when it has looked (`seen_until`).

use crate::support::references;
use sea_orm_migration::{prelude::*, schema::*};

use super::m20261126_000001_create_accounts::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SavedSearches::Table)
                    .col(pk_uuid(SavedSearches::Id))
                    .col(uuid(SavedSearches::OwnerId))
                    .col(string_len(SavedSearches::Name, 100))
                    .col(string_len(SavedSearches::Kind, 16))
                    .col(json_binary(SavedSearches::Criteria))
                    .col(string_len(SavedSearches::Frequency, 16))
                    .col(json_binary(SavedSearches::Channels))
                    // In e-mails, to stop them without logging in. Random and unique; it can
                    // only switch the e-mails of this search off.
                    .col(string_len(SavedSearches::UnsubscribeToken, 64).unique_key())
                    .col(timestamp_with_time_zone(SavedSearches::SeenUntil))
                    .col(timestamp_with_time_zone(SavedSearches::NextRunAt))
                    .col(integer(SavedSearches::Version))
                    .col(timestamp_with_time_zone(SavedSearches::CreatedAt))
                    .col(timestamp_with_time_zone(SavedSearches::UpdatedAt))
                    .foreign_key(
                        references(
                            SavedSearches::Table,
                            SavedSearches::OwnerId,
                            Users::Table,
                            Users::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_saved_searches_owner", SavedSearches::OwnerId),
            ("idx_saved_searches_due", SavedSearches::NextRunAt),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(SavedSearches::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SavedSearches::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SavedSearches {
    Table,
    Id,
    OwnerId,
    Name,
    Kind,
    Criteria,
    Frequency,
    Channels,
    UnsubscribeToken,
    SeenUntil,
    NextRunAt,
    Version,
    CreatedAt,
    UpdatedAt,
}
