//! Opportunities of every category, a third of them linked to a seeded project, written one at
//! a time through the opportunity service (demo). `seed --scale` writes the same drafts in
//! bulk (`scale.rs`).

use chrono::{TimeDelta, Utc};
use rand::{Rng, rngs::StdRng, seq::IndexedRandom};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use super::{
    Org, Person, Plan, SeededProject, Summary,
    catalog::{self, AFRICA, Country, THEMES, Theme},
    error,
    pick::{Authorship, author, pick, pick_country, sample, theme_country},
    reference,
};
use crate::{
    entities::opportunity::{self, Entity as Opportunity},
    opportunities::{
        dto::{Direction, NewOpportunity, OpportunityStatus},
        service as opportunities,
    },
    taxonomies::OpportunityCategory,
};

/// The marker account writes the first ten opportunities not linked to a project; six in ten
/// of the others are written in the name of an organisation.
const AUTHORS: Authorship = Authorship {
    marker_first: 10,
    in_organisation: 0.6,
};

/// An opportunity to write.
pub(super) struct OpportunityDraft {
    pub owner: Uuid,
    pub organisation_kind: Option<crate::taxonomies::OrganisationKind>,
    pub new: NewOpportunity,
    /// `open`, `filled` or `closed`: written open, as the service does, then set.
    pub status: OpportunityStatus,
}

/// Writes the plan's opportunities one by one through the opportunity service.
pub(super) async fn seed(
    txn: &DatabaseTransaction,
    rng: &mut StdRng,
    plan: &Plan,
    people: &[Person],
    orgs: &[Org],
    seeded: &[SeededProject],
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let mut not_open: Vec<(Uuid, OpportunityStatus)> = Vec::new();
    for index in 0..plan.opportunities {
        let draft = opportunity_draft(rng, index, people, orgs, seeded);
        let codes =
            opportunities::codes_of(&draft.new, reference().map_err(error)?).map_err(error)?;
        let row =
            opportunities::insert(txn, draft.owner, draft.new, codes, draft.organisation_kind)
                .await
                .map_err(error)?;
        if draft.status != OpportunityStatus::Open {
            not_open.push((row.id, draft.status));
        }
    }
    for (id, status) in &not_open {
        Opportunity::update_many()
            .col_expr(opportunity::Column::Status, Expr::value(status.as_str()))
            .filter(opportunity::Column::Id.eq(*id))
            .exec(txn)
            .await?;
    }
    summary.opportunities = plan.opportunities;
    summary.open_opportunities = plan.opportunities - not_open.len();
    Ok(())
}

/// What an opportunity is about, who writes it and where: taken from the project it is
/// linked to, or drawn.
struct Subject {
    theme: usize,
    owner: Uuid,
    organisation: Option<usize>,
    country: &'static Country,
    city: &'static str,
    project: Option<Uuid>,
}

pub(super) fn opportunity_draft(
    rng: &mut StdRng,
    index: usize,
    people: &[Person],
    orgs: &[Org],
    seeded: &[SeededProject],
) -> OpportunityDraft {
    let category = OpportunityCategory::ALL[index % OpportunityCategory::ALL.len()];
    let subject = subject(rng, category, index, people, orgs, seeded);
    let theme = &THEMES[subject.theme];
    let offer = rng.random_bool(0.6);
    let french = rng.random_bool(0.65);
    let france = pick(rng, catalog::FRANCE_CITIES);
    let (country, city) = location(rng, category, &subject, france);
    let (title, description) = texts(rng, category, offer, french, theme, city, france);
    let today = Utc::now().date_naive();
    let duration_months = duration(rng, category);
    let status = status(rng);
    let new = NewOpportunity {
        direction: if offer {
            Direction::Offer
        } else {
            Direction::Request
        },
        category,
        title,
        description,
        project_id: subject.project,
        organisation_id: subject.organisation.map(|org| orgs[org].id),
        sectors: sample(rng, theme.sectors, 2),
        skills: sample(rng, theme.skills, 3),
        country: country.to_owned(),
        city: Some(city.to_owned()),
        remote: rng.random_bool(0.15),
        starts_on: rng
            .random_bool(0.5)
            .then(|| today + TimeDelta::days(rng.random_range(15..120))),
        duration_months,
        expires_at: Some(Utc::now() + TimeDelta::days(rng.random_range(20..330))),
        anonymous: rng.random_bool(0.1),
    };
    OpportunityDraft {
        owner: subject.owner,
        organisation_kind: subject.organisation.map(|org| orgs[org].kind),
        new,
        status,
    }
}

/// Three in ten opportunities are linked to a project and share its theme, author and place.
fn subject(
    rng: &mut StdRng,
    category: OpportunityCategory,
    index: usize,
    people: &[Person],
    orgs: &[Org],
    seeded: &[SeededProject],
) -> Subject {
    let linked = (!seeded.is_empty() && rng.random_bool(0.3))
        .then(|| &seeded[rng.random_range(0..seeded.len())]);
    if let Some(project) = linked {
        return Subject {
            theme: project.theme,
            owner: project.owner,
            organisation: project.organisation,
            country: project.country,
            city: project.city,
            project: Some(project.id),
        };
    }
    // Local authorities cooperate on public services (health, training, waste, cooperation,
    // water: indexes in `THEMES`) rather than on businesses.
    let theme = if category == OpportunityCategory::AuthorityCooperation {
        *[5usize, 6, 7, 9, 11].choose(rng).unwrap_or(&9)
    } else {
        rng.random_range(0..THEMES.len())
    };
    let country = theme_country(rng, &THEMES[theme]);
    let (owner, organisation) = author(rng, index, people, orgs, &AUTHORS);
    Subject {
        theme,
        owner,
        organisation,
        country,
        city: pick(rng, country.cities),
        project: None,
    }
}

/// The country code and city: internships are typically in France, and some jobs not linked
/// to a project elsewhere in Africa.
fn location(
    rng: &mut StdRng,
    category: OpportunityCategory,
    subject: &Subject,
    france: &'static str,
) -> (&'static str, &'static str) {
    if category == OpportunityCategory::Internship && rng.random_bool(0.8) {
        ("FR", france)
    } else if category == OpportunityCategory::Job
        && subject.project.is_none()
        && rng.random_bool(0.2)
    {
        let country = pick_country(rng, AFRICA);
        (country.code, pick(rng, country.cities))
    } else {
        (subject.country.code, subject.city)
    }
}

/// Title and description in one language.
fn texts(
    rng: &mut StdRng,
    category: OpportunityCategory,
    offer: bool,
    french: bool,
    theme: &Theme,
    city: &str,
    france: &str,
) -> (String, String) {
    let title = catalog::opportunity_title(category, offer, french, theme, city, france);
    let lead = if french {
        format!("Dans le cadre de {} à {city} :", theme.object_fr)
    } else {
        format!("As part of {} in {city}:", theme.object_en)
    };
    (title, catalog::description(rng, theme, french, &lead))
}

/// Months an engagement lasts: fixed for internships and volunteering, open for jobs, half
/// the time one to three years for partnerships.
fn duration(rng: &mut StdRng, category: OpportunityCategory) -> Option<i32> {
    match category {
        OpportunityCategory::Internship => Some(6),
        OpportunityCategory::Volunteering => Some(3),
        OpportunityCategory::Job => None,
        _ => rng.random_bool(0.5).then(|| rng.random_range(12..=36)),
    }
}

/// Nineteen in twenty are open; the others filled or closed.
fn status(rng: &mut StdRng) -> OpportunityStatus {
    match rng.random_range(0..100) {
        0..3 => OpportunityStatus::Filled,
        3..5 => OpportunityStatus::Closed,
        _ => OpportunityStatus::Open,
    }
}
