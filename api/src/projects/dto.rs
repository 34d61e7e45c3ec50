use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::{
    codelist::codelist,
    entities::{project, project_milestone},
    http::fields::parse_code,
    search::{Sort, listing_query, search_page},
    taxonomies::{OpportunityCategory, OrganisationKind},
};

codelist! {
    /// How far an idea has taken root.
    #[derive(PartialOrd, Ord)]
    stored pub enum ProjectStage {
        Idea,
        Project,
        Venture,
    }
}

impl ProjectStage {
    /// One step forward or back; never a leap over a stage.
    pub fn is_next_to(self, other: Self) -> bool {
        (self as i8 - other as i8).abs() == 1
    }
}

codelist! {
    stored pub enum ProjectStatus {
        Draft,
        Published,
        Closed,
        Archived,
    }
}

impl ProjectStatus {
    /// Drafts publish, published projects close or return to draft, closed ones reopen, and
    /// anything may be archived for good.
    pub fn may_become(self, next: Self) -> bool {
        use ProjectStatus::*;
        self == next
            || matches!(
                (self, next),
                (Draft, Published)
                    | (Published, Draft | Closed)
                    | (Closed, Published)
                    | (Draft | Published | Closed, Archived)
            )
    }
}

/// A place where the project acts: a country and, within it, a territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Territory {
    #[schema(min_length = 2, max_length = 2, pattern = "^[A-Z]{2}$", example = "SN")]
    pub country: String,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Ziguinchor")]
    pub place: String,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "Séchage solaire de mangues en Casamance",
    "summary": "Trois séchoirs solaires pour que les productrices de Bignona vendent des mangues séchées toute l'année.",
    "description": "La moitié des mangues de Casamance se perdent faute de transformation. Le projet équipe la coopérative de trois séchoirs et forme 40 productrices.",
    "sectors": ["32161", "31120"],
    "countries": ["SN"],
    "territories": [{"country": "SN", "place": "Bignona"}],
    "needs": ["technical_partnership", "financial_partnership"],
    "budget_amount": 26000000,
    "budget_currency": "XOF",
    "language": "fr",
    "organisation_id": "3f6d2a9e-8b41-4c57-a0d2-5e9b7c1f4a26",
    "stage": "project",
    "status": "published"
}))]
pub struct NewProject {
    #[validate(length(min = 3, max = 200))]
    #[schema(
        min_length = 3,
        max_length = 200,
        example = "Séchage solaire de mangues en Casamance"
    )]
    pub title: String,
    #[validate(length(min = 10, max = 500))]
    #[schema(min_length = 10, max_length = 500)]
    pub summary: String,
    #[validate(length(max = 20000))]
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// OECD-DAC 5-digit sector codes.
    #[validate(length(max = 10))]
    #[serde(default)]
    #[schema(max_items = 10)]
    pub sectors: Vec<String>,
    /// ISO 3166-1 alpha-2 codes.
    #[validate(length(max = 20))]
    #[serde(default)]
    #[schema(max_items = 20)]
    pub countries: Vec<String>,
    #[validate(length(max = 20), nested)]
    #[serde(default)]
    #[schema(max_items = 20)]
    pub territories: Vec<Territory>,
    /// The kinds of partner sought.
    #[validate(length(max = 8))]
    #[serde(default)]
    #[schema(max_items = 8)]
    pub needs: Vec<OpportunityCategory>,
    #[validate(range(min = 0, max = 1_000_000_000_000i64))]
    #[schema(minimum = 0, maximum = 1_000_000_000_000i64)]
    pub budget_amount: Option<i64>,
    /// ISO 4217, required with an amount.
    #[schema(
        min_length = 3,
        max_length = 3,
        pattern = "^[A-Z]{3}$",
        example = "XOF"
    )]
    pub budget_currency: Option<String>,
    /// ISO 639-1 code of the content's language; `fr` when absent.
    #[schema(min_length = 2, max_length = 2, pattern = "^[a-z]{2}$")]
    pub language: Option<String>,
    /// An organisation the caller belongs to.
    pub organisation_id: Option<Uuid>,
    /// Where the project starts; `idea` when absent.
    pub stage: Option<ProjectStage>,
    /// `draft` (the default) or `published`.
    pub status: Option<ProjectStatus>,
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"summary": "Three solar dryers so that the women growers of Bignona sell dried mango all year round.", "budget_amount": null, "budget_currency": null, "status": "closed"}))]
pub struct ProjectChanges {
    #[validate(length(min = 3, max = 200))]
    #[schema(min_length = 3, max_length = 200)]
    pub title: Option<String>,
    #[validate(length(min = 10, max = 500))]
    #[schema(min_length = 10, max_length = 500)]
    pub summary: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[validate(length(max = 10))]
    #[schema(max_items = 10)]
    pub sectors: Option<Vec<String>>,
    #[validate(length(max = 20))]
    #[schema(max_items = 20)]
    pub countries: Option<Vec<String>>,
    #[validate(length(max = 20), nested)]
    #[schema(max_items = 20)]
    pub territories: Option<Vec<Territory>>,
    #[validate(length(max = 8))]
    #[schema(max_items = 8)]
    pub needs: Option<Vec<OpportunityCategory>>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<i64>, minimum = 0, maximum = 1_000_000_000_000i64)]
    pub budget_amount: Option<Option<i64>>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<String>, min_length = 3, max_length = 3, pattern = "^[A-Z]{3}$")]
    pub budget_currency: Option<Option<String>>,
    #[schema(min_length = 2, max_length = 2, pattern = "^[a-z]{2}$")]
    pub language: Option<String>,
    /// See the allowed transitions on `ProjectStatus`. The stage changes through milestones.
    pub status: Option<ProjectStatus>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Budget {
    pub amount: i64,
    pub currency: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Project {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub stage: ProjectStage,
    pub status: ProjectStatus,
    pub sectors: Vec<String>,
    pub countries: Vec<String>,
    pub territories: Vec<Territory>,
    pub needs: Vec<OpportunityCategory>,
    pub budget: Option<Budget>,
    pub language: String,
    pub owner_id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&project::Model> for Project {
    fn from(row: &project::Model) -> Self {
        Self {
            id: row.id,
            title: row.title.clone(),
            summary: row.summary.clone(),
            description: row.description.clone(),
            stage: row.stage,
            status: row.status,
            sectors: row.sectors.to_vec(),
            countries: row.countries.to_vec(),
            territories: row.territories.to_vec(),
            needs: row.needs.to_vec(),
            budget: row
                .budget_amount
                .zip(row.budget_currency.clone())
                .map(|(amount, currency)| Budget { amount, currency }),
            language: row.language.clone(),
            owner_id: row.owner_id,
            organisation_id: row.organisation_id,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

listing_query! {
    pub struct ProjectQuery {}
    places(), then {
        pub stage: Option<ProjectStage>,
        /// A kind of partner the project seeks.
        pub need: Option<OpportunityCategory>,
        pub organisation_kind: Option<OrganisationKind>,
        /// Default `published`; drafts are never listed here.
        pub status: Option<ProjectStatus>,
        /// `relevance` or `newest`.
        pub sort: Option<Sort>,
    }
}

search_page! {
    ProjectSearchPage of Project, facets ProjectFacets { country, sector_category, stage }
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"stage": "venture", "note": "Premier lot de mangues séchées vendu à Dakar", "occurred_on": "2027-05-12"}))]
pub struct NewMilestone {
    /// The stage the project moves to; absent for a milestone that does not change it.
    pub stage: Option<ProjectStage>,
    #[validate(length(min = 1, max = 2000))]
    #[schema(
        min_length = 1,
        max_length = 2000,
        example = "Premier lot de mangues séchées vendu à Dakar"
    )]
    pub note: String,
    /// When it happened; today when absent. Never in the future.
    pub occurred_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Milestone {
    pub id: Uuid,
    pub stage_from: Option<ProjectStage>,
    pub stage_to: ProjectStage,
    pub note: String,
    pub occurred_on: NaiveDate,
    pub author_id: Uuid,
    pub created_at: DateTime<Utc>,
}

impl From<&project_milestone::Model> for Milestone {
    fn from(row: &project_milestone::Model) -> Self {
        Self {
            id: row.id,
            stage_from: row.stage_from.as_deref().and_then(parse_code),
            stage_to: parse_code(&row.stage_to).unwrap_or(ProjectStage::Idea),
            note: row.note.clone(),
            occurred_on: row.occurred_on,
            author_id: row.author_id,
            created_at: row.created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_move_one_step_at_a_time_either_way() {
        assert!(ProjectStage::Idea.is_next_to(ProjectStage::Project));
        assert!(ProjectStage::Venture.is_next_to(ProjectStage::Project));
        assert!(!ProjectStage::Idea.is_next_to(ProjectStage::Venture));
        assert!(!ProjectStage::Idea.is_next_to(ProjectStage::Idea));
    }

    #[test]
    fn archived_projects_stay_archived() {
        assert!(ProjectStatus::Draft.may_become(ProjectStatus::Published));
        assert!(ProjectStatus::Closed.may_become(ProjectStatus::Published));
        assert!(!ProjectStatus::Archived.may_become(ProjectStatus::Published));
        assert!(!ProjectStatus::Draft.may_become(ProjectStatus::Closed));
    }
}
