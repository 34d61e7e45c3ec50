use sea_orm::entity::prelude::*;

use super::lists::Strings;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub email_verified_at: Option<DateTimeUtc>,
    pub password_hash: String,
    pub display_name: String,
    pub locale: String,
    pub role: String,
    pub suspended: bool,
    pub bio: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub skills: Strings,
    #[sea_orm(column_type = "JsonBinary")]
    pub sectors: Strings,
    #[sea_orm(column_type = "JsonBinary")]
    pub countries: Strings,
    #[sea_orm(column_type = "JsonBinary")]
    pub languages: Strings,
    pub country_of_origin: Option<String>,
    pub country_of_residence: Option<String>,
    /// ISO 3166-2 code of where the member lives in their country of residence.
    pub residence_subdivision: Option<String>,
    /// The member agrees to be counted in diaspora figures (never named).
    pub diaspora_counted: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
