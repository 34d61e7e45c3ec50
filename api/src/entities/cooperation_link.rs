use sea_orm::entity::prelude::*;

use super::lists::Strings;

/// A cooperation link between two local authorities: the northern side (`north_*`, in France
/// for most links) and its partner (`south_*`). A side is an organisation on the platform
/// (`*_organisation_id`) or only named.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cooperation_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub north_organisation_id: Option<Uuid>,
    pub north_name: String,
    pub north_country: String,
    pub north_level: String,
    pub north_subdivision: Option<String>,
    pub north_place: String,
    /// The northern organisation agrees (set by its members only).
    pub north_confirmed: bool,
    pub south_organisation_id: Option<Uuid>,
    pub south_name: String,
    pub south_country: String,
    pub south_level: String,
    pub south_subdivision: Option<String>,
    pub south_place: String,
    pub south_confirmed: bool,
    /// Both sides are on the platform and both agree (derived, never set by a request).
    pub confirmed: bool,
    /// `north_subdivision` when the northern side is French.
    pub french_region: Option<String>,
    /// DAC 5-digit codes.
    #[sea_orm(column_type = "JsonBinary")]
    pub themes: Strings,
    pub started: Option<i32>,
    /// `active`, `dormant` or `ended`.
    pub status: String,
    pub description: String,
    /// Who recorded it.
    pub owner_id: Uuid,
    pub search_text: String,
    pub search_title: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
