use sea_orm::entity::prelude::*;

use super::lists::Strings;

pub use crate::{
    opportunities::dto::{Direction, OpportunityStatus},
    taxonomies::{OpportunityCategory, OrganisationKind},
};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "opportunities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub direction: Direction,
    pub category: OpportunityCategory,
    pub title: String,
    pub description: String,
    pub project_id: Option<Uuid>,
    #[sea_orm(column_type = "JsonBinary")]
    pub sectors: Strings,
    #[sea_orm(column_type = "JsonBinary")]
    pub skills: Strings,
    pub country: String,
    pub city: Option<String>,
    pub remote: bool,
    pub starts_on: Option<Date>,
    pub duration_months: Option<i32>,
    pub expires_at: DateTimeUtc,
    /// The owner is hidden in public reads.
    pub anonymous: bool,
    pub status: OpportunityStatus,
    pub owner_id: Uuid,
    pub organisation_id: Option<Uuid>,
    /// The organisation's kind, copied for the filter (organisations rarely change kind).
    pub organisation_kind: Option<OrganisationKind>,
    pub search_text: String,
    /// The title's folded words, for a relevance that does not drift as rows are added.
    pub search_title: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
