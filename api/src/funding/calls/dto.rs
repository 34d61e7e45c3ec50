use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::{
    entities::{funding_call, organisation},
    funding::eligibility::{CallStatus, Verdict},
    search::{Sort, listing_query, search_page},
    taxonomies::OrganisationKind,
};

/// A call for projects as its funder publishes it. Amounts are whole units of `currency`.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "funder_id": "3f6d2a9e-8b41-4c57-a0d2-5e9b7c1f4a26",
    "programme_name": "Programme de coopération de territoire à territoire",
    "programme_code": "PCTT-2027",
    "title": "Appel à projets 2027 : agriculture et eau en Afrique de l'Ouest",
    "description": "Cofinancement de projets portés par des collectivités et des associations de la diaspora avec leurs partenaires africains.",
    "currency": "EUR",
    "total_budget": 12500000,
    "max_grant": 200000,
    "max_cofinancing_rate": 50,
    "applicant_kinds": ["local_authority", "ngo", "diaspora_association"],
    "countries": ["SN", "ML", "BF"],
    "regions": [],
    "sectors": ["311", "14030"],
    "opens_on": "2027-01-15",
    "closes_on": "2027-04-30",
    "time_zone": "Europe/Paris",
    "grants_expected": 60
}))]
pub struct NewFundingCall {
    /// The funding organisation (kind `funder`, `public_agency` or `local_authority`), of
    /// which the caller is a member.
    pub funder_id: Uuid,
    #[validate(length(min = 2, max = 200))]
    #[schema(
        min_length = 2,
        max_length = 200,
        example = "Programme de coopération de territoire à territoire"
    )]
    pub programme_name: String,
    #[validate(length(min = 1, max = 50))]
    #[schema(min_length = 1, max_length = 50, example = "PCTT-2027")]
    pub programme_code: Option<String>,
    #[validate(length(min = 3, max = 200))]
    #[schema(min_length = 3, max_length = 200)]
    pub title: String,
    #[validate(length(min = 10, max = 20000))]
    #[schema(min_length = 10, max_length = 20000)]
    pub description: String,
    /// ISO 4217.
    #[schema(min_length = 3, max_length = 3, example = "EUR")]
    pub currency: String,
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64, example = 12_500_000)]
    pub total_budget: i64,
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub max_grant: Option<i64>,
    /// The largest share of a project's budget a grant may be, in percent.
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100, example = 50)]
    pub max_cofinancing_rate: Option<i32>,
    /// Who may apply: kinds of organisation.
    #[validate(length(min = 1, max = 8))]
    #[schema(min_items = 1, max_items = 8)]
    pub applicant_kinds: Vec<OrganisationKind>,
    /// ISO 3166-1 alpha-2 codes; with `regions` empty too, anywhere.
    #[validate(length(max = 60))]
    #[serde(default)]
    #[schema(max_items = 60)]
    pub countries: Vec<String>,
    /// OECD-DAC region codes naming a place.
    #[validate(length(max = 20))]
    #[serde(default)]
    #[schema(max_items = 20)]
    pub regions: Vec<String>,
    /// DAC 5-digit codes or 3-digit categories; empty for any sector.
    #[validate(length(max = 30))]
    #[serde(default)]
    #[schema(max_items = 30)]
    pub sectors: Vec<String>,
    /// Applications are taken from the start of this day...
    pub opens_on: NaiveDate,
    /// ...to the end of this one, in `time_zone`.
    pub closes_on: NaiveDate,
    /// An IANA time zone, e.g. `Europe/Paris` or `Africa/Dakar`.
    #[schema(max_length = 64, example = "Europe/Paris")]
    pub time_zone: String,
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub grants_expected: Option<i32>,
}

/// Changes to a call (its funder's editors). Absent fields are unchanged. The funder and the
/// currency stay as published: applications are made to them.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"closes_on": "2027-05-15", "grants_expected": 70}))]
pub struct FundingCallChanges {
    #[validate(length(min = 2, max = 200))]
    #[schema(min_length = 2, max_length = 200)]
    pub programme_name: Option<String>,
    /// An empty string removes the code.
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub programme_code: Option<String>,
    #[validate(length(min = 3, max = 200))]
    #[schema(min_length = 3, max_length = 200)]
    pub title: Option<String>,
    #[validate(length(min = 10, max = 20000))]
    #[schema(min_length = 10, max_length = 20000)]
    pub description: Option<String>,
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub total_budget: Option<i64>,
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub max_grant: Option<i64>,
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100)]
    pub max_cofinancing_rate: Option<i32>,
    #[validate(length(min = 1, max = 8))]
    #[schema(min_items = 1, max_items = 8)]
    pub applicant_kinds: Option<Vec<OrganisationKind>>,
    /// ISO 3166-1 alpha-2 codes; with `regions` empty too, anywhere.
    #[validate(length(max = 60))]
    #[schema(max_items = 60)]
    pub countries: Option<Vec<String>>,
    /// OECD-DAC region codes naming a place.
    #[validate(length(max = 20))]
    #[schema(max_items = 20)]
    pub regions: Option<Vec<String>>,
    /// DAC 5-digit codes or 3-digit categories; empty for any sector.
    #[validate(length(max = 30))]
    #[schema(max_items = 30)]
    pub sectors: Option<Vec<String>>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    /// An IANA time zone; the opening and closing instants move with it.
    #[schema(max_length = 64, example = "Africa/Dakar")]
    pub time_zone: Option<String>,
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub grants_expected: Option<i32>,
}

/// The funder as a call shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Funder {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
    pub country: String,
}

impl From<&organisation::Model> for Funder {
    fn from(row: &organisation::Model) -> Self {
        Self {
            id: row.id,
            name: row.name.clone(),
            kind: row.kind.as_str().to_owned(),
            country: row.country.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FundingCall {
    pub id: Uuid,
    pub funder: Funder,
    pub programme_name: String,
    pub programme_code: Option<String>,
    pub title: String,
    pub description: String,
    pub currency: String,
    pub total_budget: i64,
    pub max_grant: Option<i64>,
    pub max_cofinancing_rate: Option<i32>,
    pub applicant_kinds: Vec<String>,
    pub countries: Vec<String>,
    pub regions: Vec<String>,
    pub sectors: Vec<String>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub time_zone: String,
    /// The first instant applications are taken.
    pub opens_at: DateTime<Utc>,
    /// The first instant they are not any more (the end of `closes_on` in `time_zone`).
    pub closes_at: DateTime<Utc>,
    pub grants_expected: Option<i32>,
    /// From the dates: `forthcoming`, `open` or `closed`.
    pub status: CallStatus,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl FundingCall {
    pub fn from_row(row: &funding_call::Model, funder: Funder, now: DateTime<Utc>) -> Self {
        Self {
            id: row.id,
            funder,
            programme_name: row.programme_name.clone(),
            programme_code: row.programme_code.clone(),
            title: row.title.clone(),
            description: row.description.clone(),
            currency: row.currency.clone(),
            total_budget: row.total_budget,
            max_grant: row.max_grant,
            max_cofinancing_rate: row.max_rate,
            applicant_kinds: row.applicant_kinds.to_vec(),
            countries: row.countries.to_vec(),
            regions: row.regions.to_vec(),
            sectors: row.sectors.to_vec(),
            opens_on: row.opens_on,
            closes_on: row.closes_on,
            time_zone: row.time_zone.clone(),
            opens_at: row.opens_at,
            closes_at: row.closes_at,
            grants_expected: row.grants_expected,
            status: CallStatus::of(row, now),
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

listing_query! {
    pub struct FundingCallQuery {
        /// Default: open calls.
        pub status: Option<CallStatus>,
    }
    places(
        country "ISO 3166-1 alpha-2: calls open to this country (those open everywhere included).",
        region "An OECD-DAC region code: calls open to one of its countries.",
        sector "A 5-digit DAC code or a 3-digit category: calls open to it (and to any sector)."
    ),
    then {
        pub applicant_kind: Option<OrganisationKind>,
        /// The funding organisation's id.
        pub funder: Option<Uuid>,
        /// `closing_soon`, `newest` or `relevance`.
        pub sort: Option<Sort>,
    }
}

search_page! {
    FundingCallSearchPage of FundingCall,
    facets FundingCallFacets {
        /// `any` counts the calls open to every country.
        country,
        /// `any` counts the calls open to every sector.
        sector_category,
    }
}

/// An open call a project could apply to, with each rule met or not.
#[derive(Debug, Serialize, ToSchema)]
pub struct EligibleCall {
    pub call: FundingCall,
    /// Whether every rule about the applicant is met (amounts are checked on applying).
    pub eligible: bool,
    /// Whole days left, in the call's time zone (0: closes today).
    pub days_left: i64,
    pub rules: Vec<Verdict>,
}
