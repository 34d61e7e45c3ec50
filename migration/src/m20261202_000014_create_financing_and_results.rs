//! What finances a project (co-financers, pledged or received, some from accepted
//! applications) and the results it reports on: indicators with a baseline and a target,
//! and dated measurements (IATI's result / indicator / baseline / target / actual).

use crate::support::{drop_tables, index, references};
use sea_orm_migration::{prelude::*, schema::*};

use super::{
    m20261126_000001_create_accounts::Users, m20261126_000003_create_organisations::Organisations,
    m20261126_000004_create_marketplace::Projects,
    m20261202_000013_create_funding_calls::FundingApplications,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FinancingLines::Table)
                    .col(pk_uuid(FinancingLines::Id))
                    .col(uuid(FinancingLines::ProjectId))
                    .col(uuid_null(FinancingLines::OrganisationId))
                    .col(string_len(FinancingLines::FunderName, 200))
                    .col(big_integer(FinancingLines::Amount))
                    .col(string_len(FinancingLines::Currency, 3))
                    .col(string_len(FinancingLines::Status, 16))
                    .col(uuid_null(FinancingLines::ApplicationId))
                    .col(integer(FinancingLines::Version).default(1))
                    .col(timestamp_with_time_zone(FinancingLines::CreatedAt))
                    .col(timestamp_with_time_zone(FinancingLines::UpdatedAt))
                    .foreign_key(
                        references(
                            FinancingLines::Table,
                            FinancingLines::ProjectId,
                            Projects::Table,
                            Projects::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        references(
                            FinancingLines::Table,
                            FinancingLines::OrganisationId,
                            Organisations::Table,
                            Organisations::Id,
                        )
                        .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        references(
                            FinancingLines::Table,
                            FinancingLines::ApplicationId,
                            FundingApplications::Table,
                            FundingApplications::Id,
                        )
                        .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            FinancingLines::Table,
            "idx_financing_lines_project",
            [FinancingLines::ProjectId],
        )
        .await?;
        // An accepted application adds one line, once.
        manager
            .create_index(
                Index::create()
                    .name("idx_financing_lines_application")
                    .table(FinancingLines::Table)
                    .col(FinancingLines::ApplicationId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ResultIndicators::Table)
                    .col(pk_uuid(ResultIndicators::Id))
                    .col(uuid(ResultIndicators::ProjectId))
                    .col(string_len(ResultIndicators::Title, 200))
                    .col(text_null(ResultIndicators::Description))
                    .col(string_len(ResultIndicators::Unit, 50))
                    .col(double(ResultIndicators::BaselineValue))
                    .col(date_null(ResultIndicators::BaselineDate))
                    .col(double(ResultIndicators::TargetValue))
                    .col(date(ResultIndicators::DueOn))
                    .col(integer(ResultIndicators::Version).default(1))
                    .col(timestamp_with_time_zone(ResultIndicators::CreatedAt))
                    .col(timestamp_with_time_zone(ResultIndicators::UpdatedAt))
                    .foreign_key(
                        references(
                            ResultIndicators::Table,
                            ResultIndicators::ProjectId,
                            Projects::Table,
                            Projects::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            ResultIndicators::Table,
            "idx_result_indicators_project",
            [ResultIndicators::ProjectId],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(IndicatorMeasurements::Table)
                    .col(pk_uuid(IndicatorMeasurements::Id))
                    .col(uuid(IndicatorMeasurements::IndicatorId))
                    .col(date(IndicatorMeasurements::MeasuredOn))
                    .col(double(IndicatorMeasurements::Value))
                    .col(text_null(IndicatorMeasurements::Note))
                    .col(uuid(IndicatorMeasurements::AuthorId))
                    .col(timestamp_with_time_zone(IndicatorMeasurements::CreatedAt))
                    .foreign_key(
                        references(
                            IndicatorMeasurements::Table,
                            IndicatorMeasurements::IndicatorId,
                            ResultIndicators::Table,
                            ResultIndicators::Id,
                        )
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut references(
                        IndicatorMeasurements::Table,
                        IndicatorMeasurements::AuthorId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            IndicatorMeasurements::Table,
            "idx_indicator_measurements_indicator",
            [
                IndicatorMeasurements::IndicatorId.into_iden(),
                IndicatorMeasurements::MeasuredOn.into_iden(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            [
                IndicatorMeasurements::Table.into_iden(),
                ResultIndicators::Table.into_iden(),
                FinancingLines::Table.into_iden(),
            ],
        )
        .await
    }
}

#[derive(DeriveIden)]
enum FinancingLines {
    Table,
    Id,
    ProjectId,
    OrganisationId,
    FunderName,
    Amount,
    Currency,
    Status,
    ApplicationId,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ResultIndicators {
    Table,
    Id,
    ProjectId,
    Title,
    Description,
    Unit,
    BaselineValue,
    BaselineDate,
    TargetValue,
    DueOn,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IndicatorMeasurements {
    Table,
    Id,
    IndicatorId,
    MeasuredOn,
    Value,
    Note,
    AuthorId,
    CreatedAt,
}
