//! Calls for projects published by funders, and the applications projects send to them with
//! the history of each application's review. A call's eligible countries and sectors get a
//! row each (with `any` for a call open to all) so that filters and facets read them like
//! those of projects; the call is searchable in full text.

use crate::{
    full_text,
    support::{drop_tables, index, references},
};
use sea_orm_migration::{prelude::*, schema::*};

use super::{
    m20261126_000001_create_accounts::Users, m20261126_000003_create_organisations::Organisations,
    m20261126_000004_create_marketplace::Projects,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FundingCalls::Table)
                    .col(pk_uuid(FundingCalls::Id))
                    .col(uuid(FundingCalls::FunderId))
                    .col(uuid(FundingCalls::OwnerId))
                    .col(string_len(FundingCalls::ProgrammeName, 200))
                    .col(string_len_null(FundingCalls::ProgrammeCode, 50))
                    .col(string_len(FundingCalls::Title, 200))
                    .col(text(FundingCalls::Description))
                    .col(string_len(FundingCalls::Currency, 3))
                    .col(big_integer(FundingCalls::TotalBudget))
                    .col(big_integer_null(FundingCalls::MaxGrant))
                    .col(integer_null(FundingCalls::MaxRate))
                    .col(json_binary(FundingCalls::ApplicantKinds))
                    .col(json_binary(FundingCalls::Countries))
                    .col(json_binary(FundingCalls::Regions))
                    .col(json_binary(FundingCalls::Sectors))
                    .col(date(FundingCalls::OpensOn))
                    .col(date(FundingCalls::ClosesOn))
                    .col(string_len(FundingCalls::TimeZone, 64))
                    // The first and the first-after-last instants, derived from the dates in
                    // the time zone: what status, sort and the index read.
                    .col(timestamp_with_time_zone(FundingCalls::OpensAt))
                    .col(timestamp_with_time_zone(FundingCalls::ClosesAt))
                    .col(integer_null(FundingCalls::GrantsExpected))
                    .col(text(FundingCalls::SearchText))
                    .col(text(FundingCalls::SearchTitle))
                    .col(integer(FundingCalls::Version).default(1))
                    .col(timestamp_with_time_zone(FundingCalls::CreatedAt))
                    .col(timestamp_with_time_zone(FundingCalls::UpdatedAt))
                    .foreign_key(
                        references(
                            FundingCalls::Table,
                            FundingCalls::FunderId,
                            Organisations::Table,
                            Organisations::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut references(
                        FundingCalls::Table,
                        FundingCalls::OwnerId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            FundingCalls::Table,
            "idx_funding_calls_funder",
            [FundingCalls::FunderId],
        )
        .await?;
        index(
            manager,
            FundingCalls::Table,
            "idx_funding_calls_closes_at",
            [FundingCalls::ClosesAt],
        )
        .await?;
        full_text::create(manager, &["funding_calls"]).await?;

        manager
            .create_table(
                Table::create()
                    .table(FundingCallCountries::Table)
                    .col(uuid(FundingCallCountries::CallId))
                    .col(string_len(FundingCallCountries::Country, 3))
                    .primary_key(
                        Index::create()
                            .col(FundingCallCountries::CallId)
                            .col(FundingCallCountries::Country),
                    )
                    .foreign_key(
                        references(
                            FundingCallCountries::Table,
                            FundingCallCountries::CallId,
                            FundingCalls::Table,
                            FundingCalls::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            FundingCallCountries::Table,
            "idx_funding_call_countries_country",
            [FundingCallCountries::Country],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(FundingCallSectors::Table)
                    .col(uuid(FundingCallSectors::CallId))
                    .col(string_len(FundingCallSectors::Code, 5))
                    .col(string_len(FundingCallSectors::Category, 3))
                    .primary_key(
                        Index::create()
                            .col(FundingCallSectors::CallId)
                            .col(FundingCallSectors::Code),
                    )
                    .foreign_key(
                        references(
                            FundingCallSectors::Table,
                            FundingCallSectors::CallId,
                            FundingCalls::Table,
                            FundingCalls::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FundingApplications::Table)
                    .col(pk_uuid(FundingApplications::Id))
                    .col(uuid(FundingApplications::CallId))
                    .col(uuid(FundingApplications::ProjectId))
                    .col(uuid(FundingApplications::OrganisationId))
                    .col(uuid(FundingApplications::AuthorId))
                    .col(big_integer(FundingApplications::AmountRequested))
                    .col(big_integer(FundingApplications::ProjectBudget))
                    .col(json_binary(FundingApplications::FinancingPlan))
                    .col(text_null(FundingApplications::Summary))
                    .col(string_len(FundingApplications::Status, 16))
                    .col(big_integer_null(FundingApplications::AmountGranted))
                    .col(timestamp_with_time_zone_null(
                        FundingApplications::SubmittedAt,
                    ))
                    .col(text(FundingApplications::SearchText))
                    .col(text(FundingApplications::SearchTitle))
                    .col(integer(FundingApplications::Version).default(1))
                    .col(timestamp_with_time_zone(FundingApplications::CreatedAt))
                    .col(timestamp_with_time_zone(FundingApplications::UpdatedAt))
                    .foreign_key(
                        references(
                            FundingApplications::Table,
                            FundingApplications::CallId,
                            FundingCalls::Table,
                            FundingCalls::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        references(
                            FundingApplications::Table,
                            FundingApplications::ProjectId,
                            Projects::Table,
                            Projects::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        references(
                            FundingApplications::Table,
                            FundingApplications::OrganisationId,
                            Organisations::Table,
                            Organisations::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut references(
                        FundingApplications::Table,
                        FundingApplications::AuthorId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // One application per project and call, decided by the database.
        manager
            .create_index(
                Index::create()
                    .name("idx_funding_applications_one_per_project")
                    .table(FundingApplications::Table)
                    .col(FundingApplications::CallId)
                    .col(FundingApplications::ProjectId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            FundingApplications::Table,
            "idx_funding_applications_organisation",
            [FundingApplications::OrganisationId],
        )
        .await?;
        index(
            manager,
            FundingApplications::Table,
            "idx_funding_applications_project",
            [FundingApplications::ProjectId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(FundingApplicationEvents::Table)
                    .col(pk_uuid(FundingApplicationEvents::Id))
                    .col(uuid(FundingApplicationEvents::ApplicationId))
                    .col(string_len(FundingApplicationEvents::Status, 16))
                    .col(text_null(FundingApplicationEvents::Comment))
                    .col(big_integer_null(FundingApplicationEvents::AmountGranted))
                    .col(uuid(FundingApplicationEvents::ActorId))
                    .col(timestamp_with_time_zone(
                        FundingApplicationEvents::CreatedAt,
                    ))
                    .foreign_key(
                        references(
                            FundingApplicationEvents::Table,
                            FundingApplicationEvents::ApplicationId,
                            FundingApplications::Table,
                            FundingApplications::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut references(
                        FundingApplicationEvents::Table,
                        FundingApplicationEvents::ActorId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            FundingApplicationEvents::Table,
            "idx_funding_application_events_application",
            [FundingApplicationEvents::ApplicationId],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        full_text::drop(manager, &["funding_calls"]).await?;
        drop_tables(
            manager,
            [
                FundingApplicationEvents::Table.into_iden(),
                FundingApplications::Table.into_iden(),
                FundingCallSectors::Table.into_iden(),
                FundingCallCountries::Table.into_iden(),
                FundingCalls::Table.into_iden(),
            ],
        )
        .await
    }
}

#[derive(DeriveIden)]
pub enum FundingCalls {
    Table,
    Id,
    FunderId,
    OwnerId,
    ProgrammeName,
    ProgrammeCode,
    Title,
    Description,
    Currency,
    TotalBudget,
    MaxGrant,
    MaxRate,
    ApplicantKinds,
    Countries,
    Regions,
    Sectors,
    OpensOn,
    ClosesOn,
    TimeZone,
    OpensAt,
    ClosesAt,
    GrantsExpected,
    SearchText,
    SearchTitle,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FundingCallCountries {
    Table,
    CallId,
    Country,
}

#[derive(DeriveIden)]
enum FundingCallSectors {
    Table,
    CallId,
    Code,
    Category,
}

#[derive(DeriveIden)]
pub enum FundingApplications {
    Table,
    Id,
    CallId,
    ProjectId,
    OrganisationId,
    AuthorId,
    AmountRequested,
    ProjectBudget,
    FinancingPlan,
    Summary,
    Status,
    AmountGranted,
    SubmittedAt,
    SearchText,
    SearchTitle,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FundingApplicationEvents {
    Table,
    Id,
    ApplicationId,
    Status,
    Comment,
    AmountGranted,
    ActorId,
    CreatedAt,
}
