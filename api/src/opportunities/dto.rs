use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::{
    codelist::codelist,
    entities::opportunity,
    search::{Sort, listing_query, search_page},
    taxonomies::{OpportunityCategory, OrganisationKind},
};

codelist! {
    /// Whether the author offers something or looks for it.
    stored pub enum Direction {
        Offer,
        Request,
    }
}

codelist! {
    stored pub enum OpportunityStatus {
        Open,
        Filled,
        Closed,
        /// Past its expiry date; not stored, derived from `expires_at`.
        Expired,
    }
}

impl OpportunityStatus {
    /// The status of a row as everyone sees it at `now`: an open opportunity past its expiry
    /// is expired. The one place that says what "open" means.
    pub fn of(row: &opportunity::Model, now: DateTime<Utc>) -> Self {
        match row.status {
            Self::Open if row.expires_at <= now => Self::Expired,
            status => status,
        }
    }

    /// Whether an author may set a stored status to `to`: an open one is filled or closed,
    /// a filled or closed one reopened (expiry is not set, it comes with the date).
    pub fn may_become(self, to: Self) -> bool {
        self == to
            || matches!(
                (self, to),
                (Self::Open, Self::Filled | Self::Closed)
                    | (Self::Filled | Self::Closed, Self::Open)
            )
    }
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "direction": "request",
    "category": "technical_partnership",
    "title": "Partenaire technique pour une unité de séchage de mangues",
    "description": "Nous cherchons une entreprise ou une ONG qui maîtrise le séchage solaire pour former 40 productrices et dimensionner trois séchoirs.",
    "project_id": "7c2e9b14-5f3a-4d8e-b6a1-0e4d9f2c8b53",
    "organisation_id": "3f6d2a9e-8b41-4c57-a0d2-5e9b7c1f4a26",
    "sectors": ["32161"],
    "skills": ["séchage", "énergie solaire"],
    "country": "SN",
    "city": "Bignona",
    "remote": false,
    "starts_on": "2027-03-01",
    "duration_months": 6,
    "anonymous": false
}))]
pub struct NewOpportunity {
    pub direction: Direction,
    pub category: OpportunityCategory,
    #[validate(length(min = 3, max = 200))]
    #[schema(
        min_length = 3,
        max_length = 200,
        example = "Partenaire technique pour une unité de séchage de mangues"
    )]
    pub title: String,
    #[validate(length(min = 10, max = 20000))]
    #[schema(min_length = 10, max_length = 20000)]
    pub description: String,
    /// A project the caller may edit.
    pub project_id: Option<Uuid>,
    /// An organisation the caller belongs to, publishing on its behalf.
    pub organisation_id: Option<Uuid>,
    /// OECD-DAC 5-digit sector codes.
    #[validate(length(max = 10))]
    #[serde(default)]
    #[schema(max_items = 10)]
    pub sectors: Vec<String>,
    #[validate(length(max = 30))]
    #[serde(default)]
    #[schema(max_items = 30)]
    pub skills: Vec<String>,
    /// ISO 3166-1 alpha-2.
    #[schema(min_length = 2, max_length = 2, pattern = "^[A-Z]{2}$", example = "SN")]
    pub country: String,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub city: Option<String>,
    #[serde(default)]
    pub remote: bool,
    pub starts_on: Option<NaiveDate>,
    #[validate(range(min = 1, max = 120))]
    #[schema(minimum = 1, maximum = 120)]
    pub duration_months: Option<i32>,
    /// At most a year ahead; 90 days from now when absent.
    pub expires_at: Option<DateTime<Utc>>,
    /// Hide the author's identity in public reads.
    #[serde(default)]
    pub anonymous: bool,
}

/// Changes to an opportunity. Absent fields are unchanged; `null` clears a nullable one.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Technical partner for a solar mango-drying unit", "city": null, "remote": true, "status": "filled"}))]
pub struct OpportunityChanges {
    #[validate(length(min = 3, max = 200))]
    #[schema(min_length = 3, max_length = 200)]
    pub title: Option<String>,
    #[validate(length(min = 10, max = 20000))]
    #[schema(min_length = 10, max_length = 20000)]
    pub description: Option<String>,
    #[validate(length(max = 10))]
    #[schema(max_items = 10)]
    pub sectors: Option<Vec<String>>,
    #[validate(length(max = 30))]
    #[schema(max_items = 30)]
    pub skills: Option<Vec<String>>,
    #[schema(min_length = 2, max_length = 2, pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub city: Option<Option<String>>,
    pub remote: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub starts_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<i32>, minimum = 1, maximum = 120)]
    pub duration_months: Option<Option<i32>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub anonymous: Option<bool>,
    /// `open` ↔ `filled` or `closed`.
    pub status: Option<OpportunityStatus>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Opportunity {
    pub id: Uuid,
    pub direction: Direction,
    pub category: OpportunityCategory,
    pub title: String,
    pub description: String,
    /// Hidden (null) like the author when the opportunity is anonymous.
    pub project_id: Option<Uuid>,
    pub sectors: Vec<String>,
    pub skills: Vec<String>,
    pub country: String,
    pub city: Option<String>,
    pub remote: bool,
    pub starts_on: Option<NaiveDate>,
    pub duration_months: Option<i32>,
    pub expires_at: DateTime<Utc>,
    pub anonymous: bool,
    pub status: OpportunityStatus,
    /// Hidden (null) when the opportunity is anonymous and the reader is not its author.
    pub owner_id: Option<Uuid>,
    /// Hidden (null) like the author.
    pub organisation_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Opportunity {
    /// The representation for a reader; `reveal` shows an anonymous author.
    pub fn from_row(row: &opportunity::Model, reveal: bool) -> Self {
        let hide = row.anonymous && !reveal;
        let status = OpportunityStatus::of(row, Utc::now());
        Self {
            id: row.id,
            direction: row.direction,
            category: row.category,
            title: row.title.clone(),
            description: row.description.clone(),
            // A project names its owner: an anonymous opportunity's would lead back to them.
            project_id: if hide { None } else { row.project_id },
            sectors: row.sectors.to_vec(),
            skills: row.skills.to_vec(),
            country: row.country.clone(),
            city: row.city.clone(),
            remote: row.remote,
            starts_on: row.starts_on,
            duration_months: row.duration_months,
            expires_at: row.expires_at,
            anonymous: row.anonymous,
            status,
            owner_id: (!hide).then_some(row.owner_id),
            organisation_id: if hide { None } else { row.organisation_id },
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

listing_query! {
    pub struct OpportunityQuery {
        pub direction: Option<Direction>,
        pub category: Option<OpportunityCategory>,
    }
    places("ISO 3166-1 alpha-2."), then {
        pub remote: Option<bool>,
        /// Default: open and not expired.
        pub status: Option<OpportunityStatus>,
        pub organisation_kind: Option<OrganisationKind>,
        /// The opportunities an organisation publishes under its name (never its anonymous
        /// ones): what a partner's site lists with the widget.
        pub organisation: Option<Uuid>,
        pub sort: Option<Sort>,
    }
}

search_page! {
    OpportunitySearchPage of Opportunity, total "How many results match, on all pages.",
    facets OpportunityFacets { country, sector_category, category }
}

#[cfg(test)]
mod tests {
    use super::OpportunityStatus::{self, Closed, Expired, Filled, Open};

    #[test]
    fn an_author_fills_closes_and_reopens_but_never_sets_expired() {
        let allowed = |from: OpportunityStatus, to| from.may_become(to);
        assert!(allowed(Open, Filled) && allowed(Open, Closed) && allowed(Open, Open));
        assert!(allowed(Filled, Open) && allowed(Closed, Open));
        assert!(!allowed(Filled, Closed) && !allowed(Closed, Filled));
        assert!(!allowed(Open, Expired) && !allowed(Closed, Expired));
    }
}
