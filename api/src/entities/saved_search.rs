use sea_orm::entity::prelude::*;

pub use crate::saved_searches::dto::{Channels, Criteria, Frequency, SearchKind};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_searches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub owner_id: Uuid,
    pub name: String,
    pub kind: SearchKind,
    /// The search's filters: see `saved_searches::dto::Criteria`.
    #[sea_orm(column_type = "JsonBinary")]
    pub criteria: Criteria,
    pub frequency: Frequency,
    #[sea_orm(column_type = "JsonBinary")]
    pub channels: Channels,
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
