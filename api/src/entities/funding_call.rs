use sea_orm::entity::prelude::*;

use super::lists::Strings;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "funding_calls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub funder_id: Uuid,
    pub owner_id: Uuid,
    pub programme_name: String,
    pub programme_code: Option<String>,
    pub title: String,
    pub description: String,
    pub currency: String,
    pub total_budget: i64,
    pub max_grant: Option<i64>,
    /// The largest share of the project's budget the grant may be, in percent.
    pub max_rate: Option<i32>,
    #[sea_orm(column_type = "JsonBinary")]
    pub applicant_kinds: Strings,
    #[sea_orm(column_type = "JsonBinary")]
    pub countries: Strings,
    #[sea_orm(column_type = "JsonBinary")]
    pub regions: Strings,
    #[sea_orm(column_type = "JsonBinary")]
    pub sectors: Strings,
    pub opens_on: Date,
    pub closes_on: Date,
    pub time_zone: String,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    pub grants_expected: Option<i32>,
    pub search_text: String,
    pub search_title: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
