use sea_orm::entity::prelude::*;

/// One side of a cooperation link as filters and facets read it.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cooperation_link_places")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub link_id: Uuid,
    /// `north` or `south`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub side: String,
    pub country: String,
    pub subdivision: Option<String>,
    pub level: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
