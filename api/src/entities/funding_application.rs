use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "funding_applications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub call_id: Uuid,
    pub project_id: Uuid,
    pub organisation_id: Uuid,
    pub author_id: Uuid,
    pub amount_requested: i64,
    pub project_budget: i64,
    #[sea_orm(column_type = "JsonBinary")]
    pub financing_plan: Json,
    pub summary: Option<String>,
    pub status: String,
    pub amount_granted: Option<i64>,
    pub submitted_at: Option<DateTimeUtc>,
    pub search_text: String,
    pub search_title: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
