use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_searches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub owner_id: Uuid,
    pub name: String,
    /// `opportunities` or `projects`.
    pub kind: String,
    /// The search's filters: see `saved_searches::dto::Criteria`.
    #[sea_orm(column_type = "JsonBinary")]
    pub criteria: Json,
    /// `instant`, `daily` or `weekly`.
    pub frequency: String,
    /// A list of `in_app` and `email`.
    #[sea_orm(column_type = "JsonBinary")]
    pub channels: Json,
    pub unsubscribe_token: String,
    /// Items published up to this time have been looked at.
    pub seen_until: DateTimeUtc,
    /// When the alert worker looks next.
    pub next_run_at: DateTimeUtc,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
