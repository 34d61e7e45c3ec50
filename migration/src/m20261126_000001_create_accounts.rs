//! Members, their sessions (refresh tokens), single-use e-mail tokens and failed logins.

use crate::support::{drop_tables, index, references};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_uuid(Users::Id))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(timestamp_with_time_zone_null(Users::EmailVerifiedAt))
                    .col(string_len(Users::PasswordHash, 255))
                    .col(string_len(Users::DisplayName, 100))
                    .col(string_len(Users::Locale, 2))
                    .col(string_len(Users::Role, 16))
                    .col(boolean(Users::Suspended).default(false))
                    .col(text_null(Users::Bio))
                    .col(json_binary(Users::Skills))
                    .col(json_binary(Users::Sectors))
                    .col(json_binary(Users::Countries))
                    .col(json_binary(Users::Languages))
                    .col(string_len_null(Users::CountryOfOrigin, 2))
                    .col(string_len_null(Users::CountryOfResidence, 2))
                    .col(integer(Users::Version).default(1))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(pk_uuid(RefreshTokens::Id))
                    .col(uuid(RefreshTokens::UserId))
                    .col(uuid(RefreshTokens::FamilyId))
                    .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                    .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                    .foreign_key(
                        references(
                            RefreshTokens::Table,
                            RefreshTokens::UserId,
                            Users::Table,
                            Users::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            RefreshTokens::Table,
            "idx_refresh_tokens_family",
            [RefreshTokens::FamilyId],
        )
        .await?;
        index(
            manager,
            RefreshTokens::Table,
            "idx_refresh_tokens_user",
            [RefreshTokens::UserId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailTokens::Table)
                    .col(pk_uuid(EmailTokens::Id))
                    .col(uuid(EmailTokens::UserId))
                    .col(string_len(EmailTokens::Purpose, 32))
                    .col(string_len_uniq(EmailTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(EmailTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(EmailTokens::UsedAt))
                    .col(timestamp_with_time_zone(EmailTokens::CreatedAt))
                    .foreign_key(
                        references(
                            EmailTokens::Table,
                            EmailTokens::UserId,
                            Users::Table,
                            Users::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginFailures::Table)
                    .col(pk_uuid(LoginFailures::Id))
                    .col(string_len(LoginFailures::Scope, 16))
                    .col(string_len(LoginFailures::Key, 254))
                    .col(timestamp_with_time_zone(LoginFailures::FailedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_failures_key")
                    .table(LoginFailures::Table)
                    .col(LoginFailures::Scope)
                    .col(LoginFailures::Key)
                    .col(LoginFailures::FailedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                LoginFailures::Table.into_iden(),
                EmailTokens::Table.into_iden(),
                RefreshTokens::Table.into_iden(),
                Users::Table.into_iden(),
            ],
        )
        .await
    }
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    EmailVerifiedAt,
    PasswordHash,
    DisplayName,
    Locale,
    Role,
    Suspended,
    Bio,
    Skills,
    Sectors,
    Countries,
    Languages,
    CountryOfOrigin,
    CountryOfResidence,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    FamilyId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    Scope,
    Key,
    FailedAt,
}
