//! Projects (with their milestones) and opportunities, with what search needs: one row per
//! sector and per country for filters and facets, and a full-text index over `search_text`
//! (FTS5 on SQLite, a `tsvector` with GIN on PostgreSQL).

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
                    .table(Projects::Table)
                    .col(pk_uuid(Projects::Id))
                    .col(string_len(Projects::Title, 200))
                    .col(string_len(Projects::Summary, 500))
                    .col(text(Projects::Description))
                    .col(string_len(Projects::Stage, 16))
                    .col(string_len(Projects::Status, 16))
                    .col(json_binary(Projects::Sectors))
                    .col(json_binary(Projects::Countries))
                    .col(json_binary(Projects::Territories))
                    .col(json_binary(Projects::Needs))
                    .col(big_integer_null(Projects::BudgetAmount))
                    .col(string_len_null(Projects::BudgetCurrency, 3))
                    .col(string_len(Projects::Language, 2))
                    .col(uuid(Projects::OwnerId))
                    .col(uuid_null(Projects::OrganisationId))
                    .col(text(Projects::SearchText))
                    .col(text(Projects::SearchTitle))
                    .col(integer(Projects::Version).default(1))
                    .col(timestamp_with_time_zone(Projects::CreatedAt))
                    .col(timestamp_with_time_zone(Projects::UpdatedAt))
                    .foreign_key(&mut references(
                        Projects::Table,
                        Projects::OwnerId,
                        Users::Table,
                        Users::Id,
                    ))
                    .foreign_key(
                        references(
                            Projects::Table,
                            Projects::OrganisationId,
                            Organisations::Table,
                            Organisations::Id,
                        )
                        .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            Projects::Table,
            "idx_projects_status_id",
            [Projects::Status.into_iden(), Projects::Id.into_iden()],
        )
        .await?;
        index(
            manager,
            Projects::Table,
            "idx_projects_owner",
            [Projects::OwnerId.into_iden()],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectMilestones::Table)
                    .col(pk_uuid(ProjectMilestones::Id))
                    .col(uuid(ProjectMilestones::ProjectId))
                    .col(string_len_null(ProjectMilestones::StageFrom, 16))
                    .col(string_len(ProjectMilestones::StageTo, 16))
                    .col(text(ProjectMilestones::Note))
                    .col(date(ProjectMilestones::OccurredOn))
                    .col(uuid(ProjectMilestones::AuthorId))
                    .col(timestamp_with_time_zone(ProjectMilestones::CreatedAt))
                    .foreign_key(
                        references(
                            ProjectMilestones::Table,
                            ProjectMilestones::ProjectId,
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
            ProjectMilestones::Table,
            "idx_project_milestones_project",
            [ProjectMilestones::ProjectId.into_iden()],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Opportunities::Table)
                    .col(pk_uuid(Opportunities::Id))
                    .col(string_len(Opportunities::Direction, 8))
                    .col(string_len(Opportunities::Category, 32))
                    .col(string_len(Opportunities::Title, 200))
                    .col(text(Opportunities::Description))
                    .col(uuid_null(Opportunities::ProjectId))
                    .col(json_binary(Opportunities::Sectors))
                    .col(json_binary(Opportunities::Skills))
                    .col(string_len(Opportunities::Country, 2))
                    .col(string_len_null(Opportunities::City, 100))
                    .col(boolean(Opportunities::Remote).default(false))
                    .col(date_null(Opportunities::StartsOn))
                    .col(integer_null(Opportunities::DurationMonths))
                    .col(timestamp_with_time_zone(Opportunities::ExpiresAt))
                    .col(boolean(Opportunities::Anonymous).default(false))
                    .col(string_len(Opportunities::Status, 16))
                    .col(uuid(Opportunities::OwnerId))
                    .col(uuid_null(Opportunities::OrganisationId))
                    .col(string_len_null(Opportunities::OrganisationKind, 32))
                    .col(text(Opportunities::SearchText))
                    .col(text(Opportunities::SearchTitle))
                    .col(integer(Opportunities::Version).default(1))
                    .col(timestamp_with_time_zone(Opportunities::CreatedAt))
                    .col(timestamp_with_time_zone(Opportunities::UpdatedAt))
                    .foreign_key(&mut references(
                        Opportunities::Table,
                        Opportunities::OwnerId,
                        Users::Table,
                        Users::Id,
                    ))
                    .foreign_key(
                        references(
                            Opportunities::Table,
                            Opportunities::ProjectId,
                            Projects::Table,
                            Projects::Id,
                        )
                        .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        references(
                            Opportunities::Table,
                            Opportunities::OrganisationId,
                            Organisations::Table,
                            Organisations::Id,
                        )
                        .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            Opportunities::Table,
            "idx_opportunities_status_id",
            [
                Opportunities::Status.into_iden(),
                Opportunities::Id.into_iden(),
            ],
        )
        .await?;
        index(
            manager,
            Opportunities::Table,
            "idx_opportunities_country",
            [Opportunities::Country.into_iden()],
        )
        .await?;
        index(
            manager,
            Opportunities::Table,
            "idx_opportunities_expires",
            [Opportunities::ExpiresAt.into_iden()],
        )
        .await?;
        index(
            manager,
            Opportunities::Table,
            "idx_opportunities_owner",
            [Opportunities::OwnerId.into_iden()],
        )
        .await?;

        for (table, owner) in [
            (ItemSectors::ProjectSectors, ItemSectors::ProjectId),
            (ItemSectors::OpportunitySectors, ItemSectors::OpportunityId),
        ] {
            let parent = if matches!(owner, ItemSectors::ProjectId) {
                Projects::Table.into_iden()
            } else {
                Opportunities::Table.into_iden()
            };
            manager
                .create_table(
                    Table::create()
                        .table(table)
                        .col(uuid(owner))
                        .col(string_len(ItemSectors::Code, 5))
                        .col(string_len(ItemSectors::Category, 3))
                        .primary_key(Index::create().col(owner).col(ItemSectors::Code))
                        .foreign_key(
                            references(table, owner, parent, Alias::new("id"))
                                .on_delete(ForeignKeyAction::Cascade),
                        )
                        .to_owned(),
                )
                .await?;
        }
        index(
            manager,
            ItemSectors::ProjectSectors,
            "idx_project_sectors_category",
            [ItemSectors::Category.into_iden()],
        )
        .await?;
        index(
            manager,
            ItemSectors::ProjectSectors,
            "idx_project_sectors_code",
            [ItemSectors::Code.into_iden()],
        )
        .await?;
        index(
            manager,
            ItemSectors::OpportunitySectors,
            "idx_opportunity_sectors_category",
            [ItemSectors::Category.into_iden()],
        )
        .await?;
        index(
            manager,
            ItemSectors::OpportunitySectors,
            "idx_opportunity_sectors_code",
            [ItemSectors::Code.into_iden()],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectCountries::Table)
                    .col(uuid(ProjectCountries::ProjectId))
                    .col(string_len(ProjectCountries::Country, 2))
                    .primary_key(
                        Index::create()
                            .col(ProjectCountries::ProjectId)
                            .col(ProjectCountries::Country),
                    )
                    .foreign_key(
                        references(
                            ProjectCountries::Table,
                            ProjectCountries::ProjectId,
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
            ProjectCountries::Table,
            "idx_project_countries_country",
            [ProjectCountries::Country.into_iden()],
        )
        .await?;

        crate::full_text::create(manager, &["projects", "opportunities"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::full_text::drop(manager, &["projects", "opportunities"]).await?;
        drop_tables(
            manager,
            [
                ProjectCountries::Table.into_iden(),
                ItemSectors::OpportunitySectors.into_iden(),
                ItemSectors::ProjectSectors.into_iden(),
                Opportunities::Table.into_iden(),
                ProjectMilestones::Table.into_iden(),
                Projects::Table.into_iden(),
            ],
        )
        .await
    }
}

#[derive(DeriveIden)]
pub enum Projects {
    Table,
    Id,
    Title,
    Summary,
    Description,
    Stage,
    Status,
    Sectors,
    Countries,
    Territories,
    Needs,
    BudgetAmount,
    BudgetCurrency,
    Language,
    OwnerId,
    OrganisationId,
    SearchText,
    SearchTitle,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProjectMilestones {
    Table,
    Id,
    ProjectId,
    StageFrom,
    StageTo,
    Note,
    OccurredOn,
    AuthorId,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Opportunities {
    Table,
    Id,
    Direction,
    Category,
    Title,
    Description,
    ProjectId,
    Sectors,
    Skills,
    Country,
    City,
    Remote,
    StartsOn,
    DurationMonths,
    ExpiresAt,
    Anonymous,
    Status,
    OwnerId,
    OrganisationId,
    OrganisationKind,
    SearchText,
    SearchTitle,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ItemSectors {
    ProjectSectors,
    OpportunitySectors,
    ProjectId,
    OpportunityId,
    Code,
    Category,
}

#[derive(DeriveIden)]
enum ProjectCountries {
    Table,
    ProjectId,
    Country,
}
