//! Joining an organisation takes the newcomer's consent: owners invite an address, and only the
//! person who holds it (once confirmed) accepts or declines.

use crate::support::references;
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
                    .table(OrganisationInvitations::Table)
                    .col(pk_uuid(OrganisationInvitations::Id))
                    .col(uuid(OrganisationInvitations::OrganisationId))
                    // The address as typed, normalised: it may have no account yet.
                    .col(string_len(OrganisationInvitations::Email, 254))
                    .col(string_len(OrganisationInvitations::Role, 16))
                    .col(uuid(OrganisationInvitations::InvitedBy))
                    .col(string_len(OrganisationInvitations::Status, 16))
                    .col(timestamp_with_time_zone(OrganisationInvitations::CreatedAt))
                    .col(timestamp_with_time_zone(OrganisationInvitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(
                        OrganisationInvitations::AnsweredAt,
                    ))
                    .foreign_key(
                        references(
                            OrganisationInvitations::Table,
                            OrganisationInvitations::OrganisationId,
                            Organisations::Table,
                            Organisations::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut references(
                        OrganisationInvitations::Table,
                        OrganisationInvitations::InvitedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // One pending invitation per organisation and address, decided by the database: two
        // owners inviting the same person at once refresh one row. Partial and expression
        // indexes read the same on SQLite and PostgreSQL.
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_organisation_invitations_one_pending \
             ON organisation_invitations (organisation_id, lower(email)) \
             WHERE status = 'pending'",
        )
        .await?;
        // The invitee's list: their address, pending first.
        db.execute_unprepared(
            "CREATE INDEX idx_organisation_invitations_email \
             ON organisation_invitations (email, status)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(OrganisationInvitations::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum OrganisationInvitations {
    Table,
    Id,
    OrganisationId,
    Email,
    Role,
    InvitedBy,
    Status,
    CreatedAt,
    ExpiresAt,
    AnsweredAt,
}
