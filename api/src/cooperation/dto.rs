//! What the cooperation API takes and returns: links between two authorities, their search,
//! and the figures built on them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::{
    codelist::codelist,
    entities::cooperation_link,
    http::fields::parse_code,
    search::{Sort, listing_query, search_page},
};

codelist! {
    /// The level of a local authority.
    pub enum Level {
        Region,
        Department,
        Municipality,
        /// A grouping of municipalities (intercommunalité, communauté de communes...).
        Grouping,
    }
}

codelist! {
    pub enum LinkStatus {
        Active,
        Dormant,
        Ended,
    }
}

/// One side of a new link: a local authority on the platform (`organisation_id`), or one
/// named with its country when it is not.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAuthority {
    /// An organisation of kind `local_authority`; its name and country are taken from it.
    pub organisation_id: Option<Uuid>,
    /// Required without an organisation.
    #[validate(length(min = 2, max = 200))]
    #[schema(min_length = 2, max_length = 200, example = "Commune de Ziguinchor")]
    pub name: Option<String>,
    /// ISO 3166-1 alpha-2; required without an organisation.
    #[schema(min_length = 2, max_length = 2, pattern = "^[A-Z]{2}$", example = "SN")]
    pub country: Option<String>,
    pub level: Level,
    /// ISO 3166-2 code of the first-level subdivision it lies in (`FR-PAC`, `SN-ZG`).
    #[schema(min_length = 4, max_length = 6, example = "SN-ZG")]
    pub subdivision: Option<String>,
    /// The territory's name as projects write it; the organisation's city or the name when
    /// absent.
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Ziguinchor")]
    pub place: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "north": {"organisation_id": "e9a04b6c-1d7f-4a52-93e8-6c2b5f8a0d17", "level": "municipality"},
    "south": {"name": "Commune de Ziguinchor", "country": "SN", "level": "municipality", "subdivision": "SN-ZG", "place": "Ziguinchor"},
    "themes": ["14030", "31120"],
    "started": 2009,
    "status": "active",
    "description": "Accès à l'eau potable et appui aux maraîchers de Ziguinchor.",
    "project_ids": ["7c2e9b14-5f3a-4d8e-b6a1-0e4d9f2c8b53"]
}))]
pub struct NewCooperationLink {
    /// The northern side (a French authority, most often).
    #[validate(nested)]
    pub north: NewAuthority,
    /// The partner side (an African authority, most often).
    #[validate(nested)]
    pub south: NewAuthority,
    /// OECD-DAC 5-digit sector codes.
    #[validate(length(max = 10))]
    #[serde(default)]
    #[schema(max_items = 10)]
    pub themes: Vec<String>,
    /// The year the cooperation started.
    #[validate(range(min = 1950, max = 2100))]
    #[schema(minimum = 1950, maximum = 2100, example = 2009)]
    pub started: Option<i32>,
    /// `active` when absent.
    pub status: Option<LinkStatus>,
    #[validate(length(max = 5000))]
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub description: String,
    /// Published projects the cooperation supports.
    #[validate(length(max = 50))]
    #[serde(default)]
    #[schema(max_items = 50)]
    pub project_ids: Vec<Uuid>,
}

/// Changes to a link. The sides are not changed (record another link instead): a side's
/// confirmation is for the link it saw.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"status": "dormant", "description": "En pause depuis 2024, reprise prévue avec le nouveau mandat."}))]
pub struct CooperationLinkChanges {
    #[validate(length(max = 10))]
    #[schema(max_items = 10)]
    pub themes: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<i32>, minimum = 1950, maximum = 2100)]
    pub started: Option<Option<i32>>,
    pub status: Option<LinkStatus>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub description: Option<String>,
    #[validate(length(max = 50))]
    #[schema(max_items = 50)]
    pub project_ids: Option<Vec<Uuid>>,
}

/// One side of a link as everyone reads it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Authority {
    pub organisation_id: Option<Uuid>,
    pub name: String,
    pub country: String,
    pub level: Level,
    pub subdivision: Option<String>,
    pub place: String,
    /// This side's organisation agrees (always false for a side not on the platform).
    pub confirmed: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CooperationLink {
    pub id: Uuid,
    pub north: Authority,
    pub south: Authority,
    /// Both sides are on the platform and both agree.
    pub confirmed: bool,
    pub themes: Vec<String>,
    pub started: Option<i32>,
    pub status: LinkStatus,
    pub description: String,
    pub project_ids: Vec<Uuid>,
    pub owner_id: Uuid,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CooperationLink {
    pub fn from_row(row: &cooperation_link::Model, project_ids: Vec<Uuid>) -> Self {
        let level = |stored: &str| parse_code(stored).unwrap_or(Level::Municipality);
        Self {
            id: row.id,
            north: Authority {
                organisation_id: row.north_organisation_id,
                name: row.north_name.clone(),
                country: row.north_country.clone(),
                level: level(&row.north_level),
                subdivision: row.north_subdivision.clone(),
                place: row.north_place.clone(),
                confirmed: row.north_confirmed,
            },
            south: Authority {
                organisation_id: row.south_organisation_id,
                name: row.south_name.clone(),
                country: row.south_country.clone(),
                level: level(&row.south_level),
                subdivision: row.south_subdivision.clone(),
                place: row.south_place.clone(),
                confirmed: row.south_confirmed,
            },
            confirmed: row.confirmed,
            themes: row.themes.to_vec(),
            started: row.started,
            status: parse_code(&row.status).unwrap_or(LinkStatus::Active),
            description: row.description.clone(),
            project_ids,
            owner_id: row.owner_id,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

listing_query! {
    pub struct CooperationLinkQuery {
        /// ISO 3166-1 alpha-2 of either side.
        #[param(pattern = "^[A-Za-z]{2}$")]
        pub country: Option<String>,
        /// An OECD-DAC region code (`/api/v1/taxonomies/regions`): either side in it.
        #[param(pattern = "^[0-9]{2,4}$")]
        pub region: Option<String>,
        /// ISO 3166-2 subdivision of either side (`SN-ZG`).
        #[param(pattern = "^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$")]
        pub subdivision: Option<String>,
        /// A 5-digit DAC code or a 3-digit category.
        #[param(pattern = "^[0-9]{3}([0-9]{2})?$")]
        pub theme: Option<String>,
        /// The level of either side.
        pub level: Option<Level>,
        pub status: Option<LinkStatus>,
        /// The French region (ISO 3166-2, `FR-PAC`) of the northern side.
        #[param(pattern = "^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$")]
        pub french_region: Option<String>,
        pub confirmed: Option<bool>,
        /// Links where this organisation is a side.
        pub organisation: Option<Uuid>,
        pub sort: Option<Sort>,
    }
}

search_page! {
    CooperationLinkSearchPage of CooperationLink, total "How many results match, on all pages.",
    facets CooperationLinkFacets { country, subdivision, level, theme, status, french_region }
}
