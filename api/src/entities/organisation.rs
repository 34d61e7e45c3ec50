use sea_orm::entity::prelude::*;

pub use crate::taxonomies::OrganisationKind;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub kind: OrganisationKind,
    pub country: String,
    pub city: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    /// Set only by facilitators.
    pub verified: bool,
    pub verified_at: Option<DateTimeUtc>,
    pub verified_by: Option<Uuid>,
    /// Folded, stemmed words of the name, city and description, for full-text search.
    pub search_text: String,
    /// The name's folded words, for relevance.
    pub search_title: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
