//! Decentralised cooperation: links between two local authorities (each an organisation on
//! the platform, or named with its country and level when it is not), with one row per side
//! (country, subdivision, level: what filters and facets read), one per theme (DAC codes) and
//! one per linked project, and a full-text index over `search_text`.

use crate::support::{drop_tables, index, references};
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
        use CooperationLinks as L;
        let mut links = Table::create();
        links.table(L::Table).col(pk_uuid(L::Id));
        for (organisation, name, country, level, subdivision, place, confirmed) in [
            (
                L::NorthOrganisationId,
                L::NorthName,
                L::NorthCountry,
                L::NorthLevel,
                L::NorthSubdivision,
                L::NorthPlace,
                L::NorthConfirmed,
            ),
            (
                L::SouthOrganisationId,
                L::SouthName,
                L::SouthCountry,
                L::SouthLevel,
                L::SouthSubdivision,
                L::SouthPlace,
                L::SouthConfirmed,
            ),
        ] {
            links
                .col(uuid_null(organisation.clone()))
                .col(string_len(name, 200))
                .col(string_len(country, 2))
                .col(string_len(level, 16))
                // ISO 3166-2 code of the first-level subdivision (`FR-PAC`, `SN-DK`).
                .col(string_len_null(subdivision, 6))
                // The territory's name as projects write it (`Ziguinchor`).
                .col(string_len(place, 100))
                .col(boolean(confirmed).default(false))
                .foreign_key(
                    references(
                        L::Table,
                        organisation,
                        Organisations::Table,
                        Organisations::Id,
                    )
                    .on_delete(ForeignKeyAction::SetNull),
                );
        }
        links
            .col(boolean(L::Confirmed).default(false))
            // The northern side's region when it is French: a filter of its own.
            .col(string_len_null(L::FrenchRegion, 6))
            .col(json_binary(L::Themes))
            .col(integer_null(L::Started))
            .col(string_len(L::Status, 16))
            .col(text(L::Description))
            .col(uuid(L::OwnerId))
            .col(text(L::SearchText))
            .col(text(L::SearchTitle))
            .col(integer(L::Version).default(1))
            .col(timestamp_with_time_zone(L::CreatedAt))
            .col(timestamp_with_time_zone(L::UpdatedAt))
            .foreign_key(&mut references(
                L::Table,
                L::OwnerId,
                Users::Table,
                Users::Id,
            ));
        manager.create_table(links.to_owned()).await?;
        for (name, column) in [
            ("idx_cooperation_links_north", L::NorthOrganisationId),
            ("idx_cooperation_links_south", L::SouthOrganisationId),
            ("idx_cooperation_links_status", L::Status),
        ] {
            index(manager, L::Table, name, [column]).await?;
        }

        use CooperationLinkPlaces as P;
        manager
            .create_table(
                Table::create()
                    .table(P::Table)
                    .col(uuid(P::LinkId))
                    .col(string_len(P::Side, 8))
                    .col(string_len(P::Country, 2))
                    .col(string_len_null(P::Subdivision, 6))
                    .col(string_len(P::Level, 16))
                    .primary_key(Index::create().col(P::LinkId).col(P::Side))
                    .foreign_key(
                        references(P::Table, P::LinkId, L::Table, L::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            P::Table,
            "idx_cooperation_link_places_country",
            [P::Country],
        )
        .await?;

        use CooperationLinkThemes as T;
        manager
            .create_table(
                Table::create()
                    .table(T::Table)
                    .col(uuid(T::LinkId))
                    .col(string_len(T::Code, 5))
                    .col(string_len(T::Category, 3))
                    .primary_key(Index::create().col(T::LinkId).col(T::Code))
                    .foreign_key(
                        references(T::Table, T::LinkId, L::Table, L::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            T::Table,
            "idx_cooperation_link_themes_code",
            [T::Code],
        )
        .await?;

        use CooperationLinkProjects as J;
        manager
            .create_table(
                Table::create()
                    .table(J::Table)
                    .col(uuid(J::LinkId))
                    .col(uuid(J::ProjectId))
                    .primary_key(Index::create().col(J::LinkId).col(J::ProjectId))
                    .foreign_key(
                        references(J::Table, J::LinkId, L::Table, L::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        references(J::Table, J::ProjectId, Projects::Table, Projects::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            J::Table,
            "idx_cooperation_link_projects_project",
            [J::ProjectId],
        )
        .await?;
        crate::full_text::create(manager, &["cooperation_links"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::full_text::drop(manager, &["cooperation_links"]).await?;
        drop_tables(
            manager,
            [
                CooperationLinkProjects::Table.into_iden(),
                CooperationLinkThemes::Table.into_iden(),
                CooperationLinkPlaces::Table.into_iden(),
                CooperationLinks::Table.into_iden(),
            ],
        )
        .await
    }
}

#[derive(DeriveIden, Clone)]
enum CooperationLinks {
    Table,
    Id,
    NorthOrganisationId,
    NorthName,
    NorthCountry,
    NorthLevel,
    NorthSubdivision,
    NorthPlace,
    NorthConfirmed,
    SouthOrganisationId,
    SouthName,
    SouthCountry,
    SouthLevel,
    SouthSubdivision,
    SouthPlace,
    SouthConfirmed,
    Confirmed,
    FrenchRegion,
    Themes,
    Started,
    Status,
    Description,
    OwnerId,
    SearchText,
    SearchTitle,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CooperationLinkPlaces {
    Table,
    LinkId,
    Side,
    Country,
    Subdivision,
    Level,
}

#[derive(DeriveIden)]
enum CooperationLinkThemes {
    Table,
    LinkId,
    Code,
    Category,
}

#[derive(DeriveIden)]
enum CooperationLinkProjects {
    Table,
    LinkId,
    ProjectId,
}
