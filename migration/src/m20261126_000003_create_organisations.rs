//! Organisations, their members, and the idempotency keys of creating requests.

use crate::support::{drop_tables, references};
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
                    .table(Organisations::Table)
                    .col(pk_uuid(Organisations::Id))
                    .col(string_len(Organisations::Name, 200))
                    .col(string_len(Organisations::Kind, 32))
                    .col(string_len(Organisations::Country, 2))
                    .col(string_len_null(Organisations::City, 100))
                    .col(string_len_null(Organisations::Website, 300))
                    .col(text_null(Organisations::Description))
                    .col(boolean(Organisations::Verified).default(false))
                    .col(timestamp_with_time_zone_null(Organisations::VerifiedAt))
                    .col(uuid_null(Organisations::VerifiedBy))
                    .col(integer(Organisations::Version).default(1))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .col(timestamp_with_time_zone(Organisations::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_organisations_kind", Organisations::Kind),
            ("idx_organisations_country", Organisations::Country),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Organisations::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(OrganisationMembers::Table)
                    .col(uuid(OrganisationMembers::OrganisationId))
                    .col(uuid(OrganisationMembers::UserId))
                    .col(string_len(OrganisationMembers::Role, 16))
                    .col(timestamp_with_time_zone(OrganisationMembers::JoinedAt))
                    .primary_key(
                        Index::create()
                            .col(OrganisationMembers::OrganisationId)
                            .col(OrganisationMembers::UserId),
                    )
                    .foreign_key(
                        references(
                            OrganisationMembers::Table,
                            OrganisationMembers::OrganisationId,
                            Organisations::Table,
                            Organisations::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        references(
                            OrganisationMembers::Table,
                            OrganisationMembers::UserId,
                            Users::Table,
                            Users::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_organisation_members_user")
                    .table(OrganisationMembers::Table)
                    .col(OrganisationMembers::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(uuid(IdempotencyKeys::UserId))
                    .col(string_len(IdempotencyKeys::Key, 255))
                    .col(string_len(IdempotencyKeys::Fingerprint, 64))
                    .col(integer_null(IdempotencyKeys::Status))
                    .col(text_null(IdempotencyKeys::Body))
                    .col(string_len_null(IdempotencyKeys::Location, 300))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKeys::UserId)
                            .col(IdempotencyKeys::Key),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                IdempotencyKeys::Table.into_iden(),
                OrganisationMembers::Table.into_iden(),
                Organisations::Table.into_iden(),
            ],
        )
        .await
    }
}

#[derive(DeriveIden)]
pub enum Organisations {
    Table,
    Id,
    Name,
    Kind,
    Country,
    City,
    Website,
    Description,
    Verified,
    VerifiedAt,
    VerifiedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OrganisationMembers {
    Table,
    OrganisationId,
    UserId,
    Role,
    JoinedAt,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    UserId,
    Key,
    Fingerprint,
    Status,
    Body,
    Location,
    CreatedAt,
}
