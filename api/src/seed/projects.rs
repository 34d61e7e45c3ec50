//! Projects: drafted from a theme, at a stage reached through dated milestones, and written
//! one at a time through the project service (demo). `seed --scale` writes the same drafts in
//! bulk (`scale.rs`).

use chrono::{NaiveDate, TimeDelta, Utc};
use rand::{Rng, rngs::StdRng};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use super::{
    Org, Person, Plan, SeededProject, Summary,
    catalog::{self, Country, THEMES, Theme},
    error,
    pick::{Authorship, author, pick, sample, sample_copied, theme_country},
    reference,
};
use crate::{
    entities::{
        project::{self, Entity as Project},
        project_milestone::{self, Entity as ProjectMilestone},
    },
    projects::{
        dto::{NewProject, ProjectStage, ProjectStatus, Territory},
        service as projects,
    },
    taxonomies::OpportunityCategory,
};

/// The marker account writes the first five projects; seven in ten of the others are written
/// in the name of an organisation.
const AUTHORS: Authorship = Authorship {
    marker_first: 5,
    in_organisation: 0.7,
};

/// A further milestone: the stage moved from, the stage reached, a note and a date.
pub(super) type Milestone = (Option<ProjectStage>, ProjectStage, String, NaiveDate);

/// A project to write, with the stage history that leads to its stage.
pub(super) struct ProjectDraft {
    pub about: About,
    /// Written at the idea stage and moved on along `path` afterwards, as a real project is.
    pub new: NewProject,
    pub path: StagePath,
}

/// How a project reached its stage: an idea on `created_on`, then the further milestones.
pub(super) struct StagePath {
    pub stage: ProjectStage,
    pub created_on: NaiveDate,
    pub history: Vec<Milestone>,
}

/// Who writes a project, and what about.
#[derive(Clone, Copy)]
pub(super) struct About {
    pub owner: Uuid,
    pub organisation: Option<usize>,
    pub theme: usize,
    pub country: &'static Country,
    pub city: &'static str,
}

impl About {
    /// What later steps need to know of the project once written.
    pub fn seeded(self, id: Uuid) -> SeededProject {
        SeededProject {
            id,
            owner: self.owner,
            organisation: self.organisation,
            theme: self.theme,
            country: self.country,
            city: self.city,
        }
    }
}

impl ProjectDraft {
    /// Counts the project and its milestones (the first one and the further ones).
    pub fn count(&self, summary: &mut Summary) {
        summary.projects += 1;
        summary.published_projects +=
            usize::from(self.new.status == Some(ProjectStatus::Published));
        summary.milestones += 1 + self.path.history.len();
    }
}

/// Writes the plan's projects one by one through the project service.
pub(super) async fn seed(
    txn: &DatabaseTransaction,
    rng: &mut StdRng,
    plan: &Plan,
    people: &[Person],
    orgs: &[Org],
    summary: &mut Summary,
) -> anyhow::Result<Vec<SeededProject>> {
    let mut seeded = Vec::with_capacity(plan.projects);
    for index in 0..plan.projects {
        let draft = project_draft(rng, index, people, orgs);
        draft.count(summary);
        let owner = draft.about.owner;
        let codes = projects::codes_of(&draft.new, reference().map_err(error)?).map_err(error)?;
        let row = projects::insert(txn, owner, draft.new, codes)
            .await
            .map_err(error)?;
        move_on(txn, row.id, owner, &draft.path).await?;
        seeded.push(draft.about.seeded(row.id));
    }
    Ok(seeded)
}

/// Dates the first milestone, records the further ones and sets the stage they reach.
async fn move_on(
    txn: &DatabaseTransaction,
    id: Uuid,
    owner: Uuid,
    path: &StagePath,
) -> anyhow::Result<()> {
    ProjectMilestone::update_many()
        .col_expr(
            project_milestone::Column::OccurredOn,
            Expr::value(path.created_on),
        )
        .filter(project_milestone::Column::ProjectId.eq(id))
        .exec(txn)
        .await?;
    for (from, to, note, on) in &path.history {
        projects::record_milestone(txn, id, *from, *to, note, *on, owner)
            .await
            .map_err(error)?;
    }
    if path.stage != ProjectStage::Idea {
        Project::update_many()
            .col_expr(project::Column::Stage, Expr::value(path.stage.as_str()))
            .filter(project::Column::Id.eq(id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

pub(super) fn project_draft(
    rng: &mut StdRng,
    index: usize,
    people: &[Person],
    orgs: &[Org],
) -> ProjectDraft {
    let theme_index = rng.random_range(0..THEMES.len());
    let theme = &THEMES[theme_index];
    let (owner, organisation) = author(rng, index, people, orgs, &AUTHORS);
    let country = theme_country(rng, theme);
    let city = pick(rng, country.cities);
    let france = pick(rng, catalog::FRANCE_CITIES);
    let french = rng.random_bool(0.65);
    let (title, summary, description) = texts(rng, theme, french, city, france);
    let territories = territories(rng, theme, country, city, france);
    let (budget_amount, budget_currency) = budget(rng, country);
    let (stage, status) = stage_and_status(rng);
    let today = Utc::now().date_naive();
    let created_on = today - TimeDelta::days(rng.random_range(200..900));
    let history = history(rng, stage, created_on, today, french);
    let new = NewProject {
        title,
        summary: summary.to_owned(),
        description,
        sectors: sample(rng, theme.sectors, 2),
        countries: vec![country.code.to_owned()],
        territories,
        needs: sample_copied(rng, theme.needs, 3),
        budget_amount,
        budget_currency,
        language: Some(if french { "fr" } else { "en" }.to_owned()),
        organisation_id: organisation.map(|org| orgs[org].id),
        stage: Some(ProjectStage::Idea),
        status: Some(status),
    };
    ProjectDraft {
        about: About {
            owner,
            organisation,
            theme: theme_index,
            country,
            city,
        },
        new,
        path: StagePath {
            stage,
            created_on,
            history,
        },
    }
}

/// Title, summary and description in one language.
fn texts(
    rng: &mut StdRng,
    theme: &Theme,
    french: bool,
    city: &str,
    france: &str,
) -> (String, &'static str, String) {
    let titles = if french {
        theme.titles_fr
    } else {
        theme.titles_en
    };
    let title = pick(rng, titles)
        .replace("{place}", city)
        .replace("{france}", france);
    let summary = if french {
        theme.summary_fr
    } else {
        theme.summary_en
    };
    let lead = if french {
        format!(
            "Porteur de projet à {city}, nous voulons développer {}.",
            theme.object_fr
        )
    } else {
        format!("Based in {city}, we want to develop {}.", theme.object_en)
    };
    let description = catalog::description(rng, theme, french, &lead);
    (title, summary, description)
}

/// The project's city and, for themes that call for decentralised cooperation, often a
/// partner town in France.
fn territories(
    rng: &mut StdRng,
    theme: &Theme,
    country: &Country,
    city: &str,
    france: &str,
) -> Vec<Territory> {
    let mut territories = vec![Territory {
        country: country.code.to_owned(),
        place: city.to_owned(),
    }];
    if theme
        .needs
        .contains(&OpportunityCategory::AuthorityCooperation)
        && rng.random_bool(0.6)
    {
        territories.push(Territory {
            country: "FR".to_owned(),
            place: france.to_owned(),
        });
    }
    territories
}

/// Three projects in four have a budget, in euros or in the country's currency.
fn budget(rng: &mut StdRng, country: &Country) -> (Option<i64>, Option<String>) {
    if !rng.random_bool(0.75) {
        return (None, None);
    }
    let euros = rng.random_range(5..=500) * 1_000;
    let (currency, rate) = if rng.random_bool(0.35) {
        ("EUR", 1)
    } else {
        (country.currency, rate(country.currency))
    };
    (Some(euros * rate), Some(currency.to_owned()))
}

/// Rough units of a currency per euro, for plausible budgets.
fn rate(currency: &str) -> i64 {
    match currency {
        "XOF" | "XAF" => 656,
        "CDF" => 3_000,
        "MAD" => 11,
        "TND" => 3,
        "GNF" => 9_400,
        "MGA" => 5_000,
        "KES" => 140,
        "NGN" => 1_700,
        "GHS" => 16,
        _ => 1,
    }
}

fn stage_and_status(rng: &mut StdRng) -> (ProjectStage, ProjectStatus) {
    let stage = match rng.random_range(0..100) {
        0..40 => ProjectStage::Idea,
        40..75 => ProjectStage::Project,
        _ => ProjectStage::Venture,
    };
    let status = match rng.random_range(0..100) {
        0..85 => ProjectStatus::Published,
        85..95 => ProjectStatus::Draft,
        _ => ProjectStatus::Closed,
    };
    (stage, status)
}

/// The milestones after the first: one per stage passed on the way to `stage`, and half the
/// time a note at the stage reached.
fn history(
    rng: &mut StdRng,
    stage: ProjectStage,
    created_on: NaiveDate,
    today: NaiveDate,
    french: bool,
) -> Vec<Milestone> {
    let notes = if french {
        catalog::MILESTONES_FR
    } else {
        catalog::MILESTONES_EN
    };
    let mut history = Vec::new();
    let mut on = created_on;
    let mut at = ProjectStage::Idea;
    for next in [ProjectStage::Project, ProjectStage::Venture] {
        if next > stage {
            break;
        }
        on = (on + TimeDelta::days(rng.random_range(30..180))).min(today);
        history.push((Some(at), next, pick(rng, notes).to_owned(), on));
        at = next;
    }
    if history.len() < 3 && rng.random_bool(0.5) {
        on = (on + TimeDelta::days(rng.random_range(10..90))).min(today);
        history.push((None, stage, pick(rng, notes).to_owned(), on));
    }
    history
}
