use sea_orm::entity::prelude::*;

use super::lists::{Needs, Strings, Territories};

pub use crate::projects::dto::{ProjectStage, ProjectStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub stage: ProjectStage,
    pub status: ProjectStatus,
    #[sea_orm(column_type = "JsonBinary")]
    pub sectors: Strings,
    #[sea_orm(column_type = "JsonBinary")]
    pub countries: Strings,
    #[sea_orm(column_type = "JsonBinary")]
    pub territories: Territories,
    #[sea_orm(column_type = "JsonBinary")]
    pub needs: Needs,
    pub budget_amount: Option<i64>,
    pub budget_currency: Option<String>,
    pub language: String,
    pub owner_id: Uuid,
    pub organisation_id: Option<Uuid>,
    /// Folded, stemmed words of the title, summary and description, for full-text search.
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
