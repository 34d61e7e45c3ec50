//! Schema migrations. Each migration is portable across SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_accounts;
mod m20261126_000002_create_outbox;
mod m20261126_000003_create_organisations;
mod m20261126_000004_create_marketplace;
mod m20261126_000005_create_contacts;
mod m20261126_000006_link_indexes;
mod m20261126_000007_create_saved_searches;
mod m20261202_000008_create_changes;
mod m20261202_000009_create_throttle_events;
mod m20261202_000010_create_organisation_invitations;
mod m20261202_000011_create_cooperation_links;
mod m20261202_000012_add_diaspora_profile;
mod m20261202_000013_create_funding_calls;
mod m20261202_000014_create_financing_and_results;
mod m20261202_000015_create_integrations;
mod m20261202_000016_create_events;

mod full_text;
mod support;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_accounts::Migration),
            Box::new(m20261126_000002_create_outbox::Migration),
            Box::new(m20261126_000003_create_organisations::Migration),
            Box::new(m20261126_000004_create_marketplace::Migration),
            Box::new(m20261126_000005_create_contacts::Migration),
            Box::new(m20261126_000006_link_indexes::Migration),
            Box::new(m20261126_000007_create_saved_searches::Migration),
            Box::new(m20261202_000008_create_changes::Migration),
            Box::new(m20261202_000009_create_throttle_events::Migration),
            Box::new(m20261202_000010_create_organisation_invitations::Migration),
            Box::new(m20261202_000011_create_cooperation_links::Migration),
            Box::new(m20261202_000012_add_diaspora_profile::Migration),
            Box::new(m20261202_000013_create_funding_calls::Migration),
            Box::new(m20261202_000014_create_financing_and_results::Migration),
            Box::new(m20261202_000015_create_integrations::Migration),
            Box::new(m20261202_000016_create_events::Migration),
        ]
    }
}
