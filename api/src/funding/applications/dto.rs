use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::{
    codelist::codelist,
    entities::{funding_application, funding_application_event},
    funding::eligibility::Verdict,
    http::fields::parse_code,
    search::search_page,
};

codelist! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        /// Saved by the applicant, not sent: the funder does not see it.
        Draft,
        Submitted,
        UnderReview,
        Accepted,
        Rejected,
    }
}

impl ApplicationStatus {
    pub const REVIEWED: [Self; 4] = [
        Self::Submitted,
        Self::UnderReview,
        Self::Accepted,
        Self::Rejected,
    ];

    pub fn of(row: &funding_application::Model) -> Self {
        parse_code(&row.status).unwrap_or(Self::Draft)
    }

    /// The moves of an application: the applicant submits a draft; the funder takes a
    /// submitted one under review, then accepts or rejects it. The one place that says so.
    pub fn may_become(self, to: Self) -> bool {
        matches!(
            (self, to),
            (Self::Draft, Self::Submitted)
                | (Self::Submitted, Self::UnderReview)
                | (Self::UnderReview, Self::Accepted | Self::Rejected)
        )
    }
}

/// Another funder of the project, as the application states it.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanLine {
    #[validate(length(min = 1, max = 200))]
    #[schema(
        min_length = 1,
        max_length = 200,
        example = "Présidence de la République"
    )]
    pub funder_name: String,
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub amount: i64,
}

/// An application to a call, in the call's currency.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "project_id": "7c2e9b14-5f3a-4d8e-b6a1-0e4d9f2c8b53",
    "organisation_id": "3f6d2a9e-8b41-4c57-a0d2-5e9b7c1f4a26",
    "amount_requested": 150000,
    "project_budget": 400000,
    "financing_plan": [{"funder_name": "Ville de Besançon", "amount": 80000}],
    "summary": "Trois séchoirs solaires pour la coopérative de Bignona et la formation de 40 productrices.",
    "submit": false
}))]
pub struct NewApplication {
    /// A project the caller may edit.
    pub project_id: Uuid,
    /// The organisation applying, of which the caller is a member.
    pub organisation_id: Uuid,
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64, example = 150000)]
    pub amount_requested: i64,
    /// The project's total budget.
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64, example = 400000)]
    pub project_budget: i64,
    /// The project's other funders.
    #[validate(length(max = 20), nested)]
    #[serde(default)]
    #[schema(max_items = 20)]
    pub financing_plan: Vec<PlanLine>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub summary: Option<String>,
    /// Send it at once (the call's rules are then checked); otherwise it is saved as a draft.
    #[serde(default)]
    pub submit: bool,
}

/// Changes to a draft (the project's editors); absent fields are unchanged. Once submitted,
/// an application is the funder's to judge and no longer changes.
#[derive(Debug, Default, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"amount_requested": 45000, "project_budget": 120000,
    "financing_plan": [{"funder_name": "Commune de Ziguinchor", "amount": 30000},
        {"funder_name": "Crédit coopératif", "amount": 20000}],
    "summary": "Séchoirs solaires pour la coopérative de femmes de Ziguinchor : budget revu après le devis."}))]
pub struct ApplicationChanges {
    /// The organisation applying, of which the caller is a member.
    pub organisation_id: Option<Uuid>,
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub amount_requested: Option<i64>,
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub project_budget: Option<i64>,
    /// The project's other funders, all of them (the list replaces the one saved).
    #[validate(length(max = 20), nested)]
    #[schema(max_items = 20)]
    pub financing_plan: Option<Vec<PlanLine>>,
    /// An empty text removes the summary.
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub summary: Option<String>,
}

/// A funder's decision.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"status": "accepted", "amount_granted": 120000, "comment": "Dossier solide ; subvention plafonnée à 30 % du budget."}))]
pub struct Review {
    /// `under_review`, `accepted` or `rejected`.
    pub status: ApplicationStatus,
    /// Required to accept: at most the amount requested.
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub amount_granted: Option<i64>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Application {
    pub id: Uuid,
    pub call_id: Uuid,
    pub call_title: String,
    pub funder_id: Uuid,
    pub currency: String,
    pub project_id: Uuid,
    pub project_title: String,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub amount_requested: i64,
    pub project_budget: i64,
    pub financing_plan: Vec<PlanLine>,
    pub summary: Option<String>,
    pub status: ApplicationStatus,
    pub amount_granted: Option<i64>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What an application row is shown with.
#[derive(Debug, Clone)]
pub struct Names {
    pub call_title: String,
    pub funder_id: Uuid,
    pub currency: String,
    pub project_title: String,
    pub organisation_name: String,
}

impl Application {
    pub fn from_row(row: &funding_application::Model, names: Names) -> Self {
        Self {
            id: row.id,
            call_id: row.call_id,
            call_title: names.call_title,
            funder_id: names.funder_id,
            currency: names.currency,
            project_id: row.project_id,
            project_title: names.project_title,
            organisation_id: row.organisation_id,
            organisation_name: names.organisation_name,
            amount_requested: row.amount_requested,
            project_budget: row.project_budget,
            financing_plan: serde_json::from_value(row.financing_plan.clone()).unwrap_or_default(),
            summary: row.summary.clone(),
            status: ApplicationStatus::of(row),
            amount_granted: row.amount_granted,
            submitted_at: row.submitted_at,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// One step of an application's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationEvent {
    pub status: ApplicationStatus,
    pub comment: Option<String>,
    pub amount_granted: Option<i64>,
    pub at: DateTime<Utc>,
}

impl From<&funding_application_event::Model> for ApplicationEvent {
    fn from(row: &funding_application_event::Model) -> Self {
        Self {
            status: parse_code(&row.status).unwrap_or(ApplicationStatus::Draft),
            comment: row.comment.clone(),
            amount_granted: row.amount_granted,
            at: row.created_at,
        }
    }
}

/// An application with its history and how it stands against the call's rules.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationDetail {
    #[serde(flatten)]
    pub application: Application,
    pub history: Vec<ApplicationEvent>,
    pub rules: Vec<Verdict>,
}

/// Whether an application would be accepted for review now, rule by rule.
#[derive(Debug, Serialize, ToSchema)]
pub struct EligibilityReport {
    pub eligible: bool,
    pub rules: Vec<Verdict>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationQuery {
    /// Default: every status but drafts (which the funder never sees).
    pub status: Option<ApplicationStatus>,
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    #[param(max_length = 512, pattern = "^[0-9a-f]+$")]
    pub cursor: Option<String>,
}

search_page! {
    ApplicationPage of Application, facets ApplicationFacets { status }
}

#[cfg(test)]
mod tests {
    use super::ApplicationStatus::{self, Accepted, Draft, Rejected, Submitted, UnderReview};

    #[test]
    fn an_application_moves_forward_one_step_at_a_time() {
        let all = [Draft, Submitted, UnderReview, Accepted, Rejected];
        let allowed: Vec<(ApplicationStatus, ApplicationStatus)> = all
            .iter()
            .flat_map(|from| all.iter().map(move |to| (*from, *to)))
            .filter(|(from, to)| from.may_become(*to))
            .collect();
        assert_eq!(
            allowed,
            [
                (Draft, Submitted),
                (Submitted, UnderReview),
                (UnderReview, Accepted),
                (UnderReview, Rejected)
            ]
        );
    }
}
