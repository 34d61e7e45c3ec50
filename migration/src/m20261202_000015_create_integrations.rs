//! Integrations: API keys an organisation's owners give to partner systems, the webhooks they
//! register, and every delivery to them with its attempts (the log owners read and redeliver
//! from).

use crate::support::{drop_tables, index, references};
use sea_orm_migration::{prelude::*, schema::*};

use super::{
    m20261126_000001_create_accounts::Users, m20261126_000003_create_organisations::Organisations,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiKeys::Table)
                    .col(pk_uuid(ApiKeys::Id))
                    .col(uuid(ApiKeys::OrganisationId))
                    .col(uuid(ApiKeys::CreatedBy))
                    .col(string_len(ApiKeys::Name, 100))
                    // The visible start of the key, unique: it finds the row to check the hash of.
                    .col(string_len_uniq(ApiKeys::Prefix, 32))
                    .col(string_len(ApiKeys::SecretHash, 64))
                    .col(json_binary(ApiKeys::Scopes))
                    .col(json_binary(ApiKeys::CorsOrigins))
                    .col(integer(ApiKeys::RequestsPerMinute))
                    .col(timestamp_with_time_zone_null(ApiKeys::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ApiKeys::RevokedAt))
                    .col(timestamp_with_time_zone_null(ApiKeys::LastUsedAt))
                    .col(timestamp_with_time_zone(ApiKeys::CreatedAt))
                    .foreign_key(
                        references(
                            ApiKeys::Table,
                            ApiKeys::OrganisationId,
                            Organisations::Table,
                            Organisations::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        references(ApiKeys::Table, ApiKeys::CreatedBy, Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            ApiKeys::Table,
            "idx_api_keys_organisation",
            [ApiKeys::OrganisationId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Webhooks::Table)
                    .col(pk_uuid(Webhooks::Id))
                    .col(uuid(Webhooks::OrganisationId))
                    .col(uuid(Webhooks::CreatedBy))
                    .col(string_len(Webhooks::Url, 2048))
                    .col(json_binary(Webhooks::Events))
                    // Kept readable: every delivery is signed with it (Standard Webhooks).
                    .col(string_len(Webhooks::Secret, 64))
                    .col(boolean(Webhooks::Active))
                    .col(integer(Webhooks::Version))
                    .col(timestamp_with_time_zone(Webhooks::CreatedAt))
                    .col(timestamp_with_time_zone(Webhooks::UpdatedAt))
                    .foreign_key(
                        references(
                            Webhooks::Table,
                            Webhooks::OrganisationId,
                            Organisations::Table,
                            Organisations::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        references(
                            Webhooks::Table,
                            Webhooks::CreatedBy,
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
            Webhooks::Table,
            "idx_webhooks_organisation",
            [Webhooks::OrganisationId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookDeliveries::Table)
                    .col(pk_uuid(WebhookDeliveries::Id))
                    .col(uuid(WebhookDeliveries::WebhookId))
                    // `webhook-id`: the same on every attempt and redelivery, so that the
                    // receiver can drop what it already has.
                    .col(string_len(WebhookDeliveries::MessageId, 64))
                    .col(string_len(WebhookDeliveries::EventType, 40))
                    .col(json_binary(WebhookDeliveries::Payload))
                    .col(string_len(WebhookDeliveries::Status, 16))
                    .col(integer(WebhookDeliveries::Attempts))
                    .col(integer_null(WebhookDeliveries::LastStatusCode))
                    .col(integer_null(WebhookDeliveries::LastLatencyMs))
                    .col(text_null(WebhookDeliveries::LastError))
                    .col(timestamp_with_time_zone(WebhookDeliveries::CreatedAt))
                    .col(timestamp_with_time_zone_null(
                        WebhookDeliveries::DeliveredAt,
                    ))
                    .foreign_key(
                        references(
                            WebhookDeliveries::Table,
                            WebhookDeliveries::WebhookId,
                            Webhooks::Table,
                            Webhooks::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            WebhookDeliveries::Table,
            "idx_webhook_deliveries_webhook",
            [WebhookDeliveries::WebhookId, WebhookDeliveries::CreatedAt],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookAttempts::Table)
                    .col(pk_uuid(WebhookAttempts::Id))
                    .col(uuid(WebhookAttempts::DeliveryId))
                    .col(timestamp_with_time_zone(WebhookAttempts::AttemptedAt))
                    .col(integer_null(WebhookAttempts::StatusCode))
                    .col(integer(WebhookAttempts::LatencyMs))
                    .col(text_null(WebhookAttempts::Error))
                    .foreign_key(
                        references(
                            WebhookAttempts::Table,
                            WebhookAttempts::DeliveryId,
                            WebhookDeliveries::Table,
                            WebhookDeliveries::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            WebhookAttempts::Table,
            "idx_webhook_attempts_delivery",
            [WebhookAttempts::DeliveryId, WebhookAttempts::AttemptedAt],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                WebhookAttempts::Table.into_iden(),
                WebhookDeliveries::Table.into_iden(),
                Webhooks::Table.into_iden(),
                ApiKeys::Table.into_iden(),
            ],
        )
        .await
    }
}

#[derive(DeriveIden)]
enum ApiKeys {
    Table,
    Id,
    OrganisationId,
    CreatedBy,
    Name,
    Prefix,
    SecretHash,
    Scopes,
    CorsOrigins,
    RequestsPerMinute,
    ExpiresAt,
    RevokedAt,
    LastUsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Webhooks {
    Table,
    Id,
    OrganisationId,
    CreatedBy,
    Url,
    Events,
    Secret,
    Active,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    WebhookId,
    MessageId,
    EventType,
    Payload,
    Status,
    Attempts,
    LastStatusCode,
    LastLatencyMs,
    LastError,
    CreatedAt,
    DeliveredAt,
}

#[derive(DeriveIden)]
enum WebhookAttempts {
    Table,
    Id,
    DeliveryId,
    AttemptedAt,
    StatusCode,
    LatencyMs,
    Error,
}
