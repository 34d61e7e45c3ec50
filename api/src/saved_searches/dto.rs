//! What a saved search is made of and how it reads.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{DeriveActiveEnum, EnumIter, FromJsonQueryResult, sea_query::StringLen};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::{
    entities::saved_search,
    error::FieldError,
    opportunities::dto::{Direction, OpportunityQuery},
    projects::dto::{ProjectQuery, ProjectStage},
    taxonomies::{OpportunityCategory, OrganisationKind},
};

/// Which list a saved search watches.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, EnumIter, DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(
    rs_type = "String",
    db_type = "String(StringLen::None)",
    rename_all = "snake_case"
)]
pub enum SearchKind {
    Opportunities,
    Projects,
}

/// How often to hear about new results.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, EnumIter, DeriveActiveEnum,
)]
#[serde(rename_all = "snake_case")]
#[sea_orm(
    rs_type = "String",
    db_type = "String(StringLen::None)",
    rename_all = "snake_case"
)]
pub enum Frequency {
    /// As soon as the alert worker sees them (it looks every half minute).
    Instant,
    Daily,
    Weekly,
}

impl Frequency {
    pub fn interval(self) -> TimeDelta {
        match self {
            Self::Instant => TimeDelta::zero(),
            Self::Daily => TimeDelta::days(1),
            Self::Weekly => TimeDelta::weeks(1),
        }
    }
}

/// Where to hear about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InApp,
    Email,
}

/// The channels of a saved search as stored: sorted, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Channels(pub Vec<Channel>);

impl Channels {
    pub fn of(channels: &[Channel]) -> Self {
        let mut channels = channels.to_vec();
        channels.sort();
        channels.dedup();
        Self(channels)
    }
}

/// The filters of the search pages. Opportunities take `direction`, `category` and `remote`;
/// projects take `stage` and `need`; both take the rest.
#[derive(
    Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, FromJsonQueryResult,
)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    #[schema(max_length = 200)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[schema(pattern = "^[A-Za-z]{2}$")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[schema(pattern = "^[0-9]{2,4}$")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[schema(pattern = "^[0-9]{3}([0-9]{2})?$")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation_kind: Option<OrganisationKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<OpportunityCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<ProjectStage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<OpportunityCategory>,
}

impl Criteria {
    /// Filters that belong to the other kind of list.
    pub fn misplaced(&self, kind: SearchKind) -> Vec<FieldError> {
        let present = |name: &'static str, set: bool| set.then_some(name);
        let foreign = match kind {
            SearchKind::Opportunities => vec![
                present("stage", self.stage.is_some()),
                present("need", self.need.is_some()),
            ],
            SearchKind::Projects => vec![
                present("direction", self.direction.is_some()),
                present("category", self.category.is_some()),
                present("remote", self.remote.is_some()),
            ],
        };
        foreign
            .into_iter()
            .flatten()
            .map(|name| {
                FieldError::new(
                    format!("criteria.{name}"),
                    "not_applicable",
                    "this filter belongs to the other kind of search",
                )
            })
            .collect()
    }

    pub fn opportunity_query(&self) -> OpportunityQuery {
        OpportunityQuery {
            q: self.q.clone(),
            direction: self.direction,
            category: self.category,
            country: self.country.clone(),
            region: self.region.clone(),
            sector: self.sector.clone(),
            remote: self.remote,
            organisation_kind: self.organisation_kind,
            ..Default::default()
        }
    }

    pub fn project_query(&self) -> ProjectQuery {
        ProjectQuery {
            q: self.q.clone(),
            country: self.country.clone(),
            region: self.region.clone(),
            sector: self.sector.clone(),
            stage: self.stage,
            need: self.need,
            organisation_kind: self.organisation_kind,
            ..Default::default()
        }
    }
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Stages au Sénégal",
    "kind": "opportunities",
    "criteria": {"q": "agronomie", "country": "SN", "category": "internship"},
    "frequency": "weekly",
    "channels": ["in_app", "email"]
}))]
pub struct NewSavedSearch {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    pub kind: SearchKind,
    #[serde(default, deserialize_with = "object")]
    pub criteria: Criteria,
    pub frequency: Frequency,
    /// At least one; both by default.
    #[serde(default = "both_channels")]
    #[schema(min_items = 1)]
    pub channels: Vec<Channel>,
}

/// Criteria come as a JSON object only: serde would otherwise also read a struct from an
/// array of its fields in order, which the schema does not allow.
fn object<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Criteria, D::Error> {
    let fields = serde_json::Map::deserialize(deserializer)?;
    serde_json::from_value(serde_json::Value::Object(fields)).map_err(serde::de::Error::custom)
}

fn optional_object<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Criteria>, D::Error> {
    Option::<serde_json::Map<String, serde_json::Value>>::deserialize(deserializer)?
        .map(|fields| serde_json::from_value(serde_json::Value::Object(fields)))
        .transpose()
        .map_err(serde::de::Error::custom)
}

fn both_channels() -> Vec<Channel> {
    vec![Channel::InApp, Channel::Email]
}

/// Every field is optional; the kind cannot change (save a new search instead).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"frequency": "daily", "channels": ["in_app"]}))]
pub struct SavedSearchChanges {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "optional_object")]
    pub criteria: Option<Criteria>,
    pub frequency: Option<Frequency>,
    #[schema(min_items = 1)]
    pub channels: Option<Vec<Channel>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SavedSearch {
    pub id: Uuid,
    pub name: String,
    pub kind: SearchKind,
    pub criteria: Criteria,
    pub frequency: Frequency,
    pub channels: Vec<Channel>,
    /// Results published after this time are still to be announced.
    pub seen_until: DateTime<Utc>,
    pub next_run_at: DateTime<Utc>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&saved_search::Model> for SavedSearch {
    fn from(row: &saved_search::Model) -> Self {
        Self {
            id: row.id,
            name: row.name.clone(),
            kind: row.kind,
            criteria: row.criteria.clone(),
            frequency: row.frequency,
            channels: row.channels.0.clone(),
            seen_until: row.seen_until,
            next_run_at: row.next_run_at,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// What the unsubscribe link shows and does, without logging in.
#[derive(Debug, Serialize, ToSchema)]
pub struct Unsubscription {
    /// The saved search's name.
    pub name: String,
    /// Whether it still sends e-mails.
    pub email: bool,
}
