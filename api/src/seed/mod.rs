//! Demo and benchmark data: `marcottage seed --demo` fills a realistic marketplace, `marcottage
//! seed --scale N` a large one for load tests. Both are deterministic (a fixed-seed generator)
//! and idempotent (a known account marks data already loaded), and both write through the
//! services the API uses, so that search rows and indexes are the same as for real content.
//!
//! Demo accounts (all with e-mail verified, password [`DEMO_PASSWORD`]):
//! - `demo-owner@marcottage.example`, a member who owns organisations, projects and opportunities;
//! - `admin@demo.marcottage.example`, an administrator;
//! - `facilitatrice@demo.marcottage.example` and `facilitateur@demo.marcottage.example`,
//!   facilitators;
//! - members named `firstname.lastname@demo.marcottage.example`.

mod catalog;

use std::{collections::HashSet, fmt};

use anyhow::Context;
use chrono::{NaiveDate, TimeDelta, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

use self::catalog::{AFRICA, Country, THEMES, Theme, pick};
use crate::db::Db;
use crate::{
    accounts::{
        Role, admin,
        users::{self, NewMember},
    },
    db,
    entities::{
        opportunity::{self, Entity as Opportunity},
        organisation, organisation_member,
        project::{self, Entity as Project},
        project_milestone::{self, Entity as ProjectMilestone},
        user::{self, Entity as User},
    },
    opportunities::{
        dto::{Direction, NewOpportunity, OpportunityStatus},
        service as opportunities,
    },
    organisations::{self, MemberRole},
    projects::{
        dto::{NewProject, ProjectStage, ProjectStatus, Territory},
        service as projects,
    },
    search,
    taxonomies::{Lang, OpportunityCategory, OrganisationKind},
};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "marcottage demo 2026";
/// The account whose presence means the demo is loaded.
pub const DEMO_OWNER: &str = "demo-owner@marcottage.example";
pub const DEMO_ADMIN: &str = "admin@demo.marcottage.example";
pub const DEMO_FACILITATORS: [&str; 2] = [
    "facilitatrice@demo.marcottage.example",
    "facilitateur@demo.marcottage.example",
];
/// The account whose presence means the benchmark data is loaded.
pub const SCALE_OWNER: &str = "bench-owner@marcottage.example";

const SEED: u64 = 2026;
/// Rows per multi-row INSERT in bulk mode (about 26 parameters each, well under SQLite's and
/// PostgreSQL's limits).
const BATCH: usize = 400;
/// Opportunities per transaction in bulk mode.
const PER_TRANSACTION: usize = 20_000;

/// How much to generate, and how.
struct Plan {
    marker: &'static str,
    domain: &'static str,
    members: usize,
    organisations: usize,
    projects: usize,
    opportunities: usize,
    /// Multi-row inserts (benchmarks) rather than one service call per item (demo).
    bulk: bool,
    staff: bool,
}

/// What a seed wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub members: usize,
    pub organisations: usize,
    pub projects: usize,
    pub published_projects: usize,
    pub milestones: usize,
    pub opportunities: usize,
    pub open_opportunities: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} members, {} organisations, {} projects ({} published, {} milestones), {} opportunities ({} open)",
            self.members,
            self.organisations,
            self.projects,
            self.published_projects,
            self.milestones,
            self.opportunities,
            self.open_opportunities
        )
    }
}

/// Loads the demo marketplace; `None` when it is already there.
pub async fn demo(db: &Db) -> anyhow::Result<Option<Summary>> {
    let plan = Plan {
        marker: DEMO_OWNER,
        domain: "demo.marcottage.example",
        members: 72,
        organisations: 48,
        projects: 230,
        opportunities: 700,
        bulk: false,
        staff: true,
    };
    run(db, &plan).await
}

/// Loads `count` opportunities, a third as many projects and a few hundred members and
/// organisations; `None` when benchmark data is already there.
pub async fn scale(db: &Db, count: usize) -> anyhow::Result<Option<Summary>> {
    let plan = Plan {
        marker: SCALE_OWNER,
        domain: "bench.marcottage.example",
        members: (count / 250).clamp(60, 400),
        organisations: (count / 500).clamp(40, 200),
        projects: count / 3,
        opportunities: count,
        bulk: true,
        staff: false,
    };
    run(db, &plan).await
}

struct Person {
    id: Uuid,
}

struct Org {
    id: Uuid,
    kind: OrganisationKind,
    members: Vec<Uuid>,
}

struct SeededProject {
    id: Uuid,
    owner: Uuid,
    organisation: Option<usize>,
    theme: usize,
    country: &'static Country,
    city: &'static str,
}

async fn run(db: &Db, plan: &Plan) -> anyhow::Result<Option<Summary>> {
    if users::find_by_email(db, plan.marker)
        .await
        .map_err(error)?
        .is_some()
    {
        return Ok(None);
    }
    let mut rng = StdRng::seed_from_u64(SEED);
    // argon2 is slow on purpose: hash the shared password once.
    let password_hash = admin::hash_password(DEMO_PASSWORD).await?;
    let mut summary = Summary::default();

    let txn = db::write_transaction(db).await?;
    let people = members(&txn, &mut rng, plan, &password_hash, &mut summary).await?;
    let orgs = organisations(&txn, &mut rng, plan, &people, &mut summary).await?;
    let seeded = if plan.bulk {
        txn.commit().await?;
        let txn = db::write_transaction(db).await?;
        let seeded = bulk_projects(&txn, &mut rng, plan, &people, &orgs, &mut summary).await?;
        txn.commit().await?;
        bulk_opportunities(db, &mut rng, plan, &people, &orgs, &seeded, &mut summary).await?;
        seeded
    } else {
        let seeded = demo_projects(&txn, &mut rng, plan, &people, &orgs, &mut summary).await?;
        demo_opportunities(&txn, &mut rng, plan, &people, &orgs, &seeded, &mut summary).await?;
        txn.commit().await?;
        seeded
    };
    tracing::debug!(projects = seeded.len(), "seeded");
    // Running replicas rebuild their listing indexes rather than follow row by row.
    let txn = db::write_transaction(db).await?;
    search::record(&txn, search::ChangeKind::Everything, Uuid::nil())
        .await
        .map_err(error)?;
    txn.commit().await?;
    Ok(Some(summary))
}

fn error(e: crate::error::ApiError) -> anyhow::Error {
    anyhow::anyhow!(e.to_string())
}

async fn members(
    txn: &DatabaseTransaction,
    rng: &mut StdRng,
    plan: &Plan,
    password_hash: &str,
    summary: &mut Summary,
) -> anyhow::Result<Vec<Person>> {
    let mut accounts: Vec<(String, String, Role)> = vec![(
        plan.marker.to_owned(),
        "Équipe Marcottage".to_owned(),
        Role::Member,
    )];
    if plan.staff {
        accounts.push((
            DEMO_ADMIN.to_owned(),
            "Administration Marcottage".to_owned(),
            Role::Admin,
        ));
        accounts.push((
            DEMO_FACILITATORS[0].to_owned(),
            "Mariama Facilitatrice".to_owned(),
            Role::Facilitator,
        ));
        accounts.push((
            DEMO_FACILITATORS[1].to_owned(),
            "Olivier Facilitateur".to_owned(),
            Role::Facilitator,
        ));
    }
    let mut taken: HashSet<String> = accounts.iter().map(|(email, ..)| email.clone()).collect();
    for _ in 0..plan.members {
        let first = pick(rng, catalog::FIRST_NAMES);
        let last = pick(rng, catalog::LAST_NAMES);
        let mailbox = catalog::mailbox(first, last);
        let mut email = format!("{mailbox}@{}", plan.domain);
        let mut n = 2;
        while taken.contains(&email) {
            email = format!("{mailbox}{n}@{}", plan.domain);
            n += 1;
        }
        taken.insert(email.clone());
        accounts.push((email, format!("{first} {last}"), Role::Member));
    }

    let now = Utc::now();
    let mut people = Vec::with_capacity(accounts.len());
    for (email, name, role) in accounts {
        let locale = if rng.random_bool(0.75) {
            Lang::Fr
        } else {
            Lang::En
        };
        let member = NewMember {
            email: &email,
            password_hash: password_hash.to_owned(),
            display_name: &name,
            locale,
            role,
        };
        let row = users::create(txn, member)
            .await
            .map_err(error)?
            .with_context(|| format!("{email} already has an account"))?;
        // A profile: many members are of the diaspora, born in Africa and living in Europe.
        let origin = pick_country(rng, AFRICA);
        let diaspora = rng.random_bool(0.6);
        let residence = if !diaspora {
            origin.code
        } else if rng.random_bool(0.85) {
            "FR"
        } else {
            "BE"
        };
        let theme = &THEMES[rng.random_range(0..THEMES.len())];
        let skills = sample(rng, theme.skills, 3);
        let sectors = sample(rng, theme.sectors, 2);
        let mut countries = vec![origin.code.to_owned()];
        countries.extend(sample(rng, theme.countries, 2));
        countries.sort();
        countries.dedup();
        let mut languages = vec!["fr"];
        if rng.random_bool(0.5) {
            languages.push("en");
        }
        languages.push(pick(rng, &catalog::LANGUAGES[2..]));
        let bio = if diaspora {
            format!(
                "Originaire de {} et installé·e en {}, je veux contribuer à {}.",
                origin.name_fr,
                if residence == "FR" {
                    "France"
                } else {
                    "Belgique"
                },
                theme.object_fr
            )
        } else {
            format!(
                "Basé·e au {}, je travaille sur {}.",
                origin.name_fr, theme.object_fr
            )
        };
        User::update_many()
            .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
            .col_expr(user::Column::Bio, Expr::value(bio))
            .col_expr(user::Column::Skills, Expr::value(serde_json::json!(skills)))
            .col_expr(
                user::Column::Sectors,
                Expr::value(serde_json::json!(sectors)),
            )
            .col_expr(
                user::Column::Countries,
                Expr::value(serde_json::json!(countries)),
            )
            .col_expr(
                user::Column::Languages,
                Expr::value(serde_json::json!(languages)),
            )
            .col_expr(user::Column::CountryOfOrigin, Expr::value(origin.code))
            .col_expr(user::Column::CountryOfResidence, Expr::value(residence))
            .filter(user::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
        people.push(Person { id: row.id });
    }
    summary.members = people.len();
    Ok(people)
}

async fn organisations(
    txn: &DatabaseTransaction,
    rng: &mut StdRng,
    plan: &Plan,
    people: &[Person],
    summary: &mut Summary,
) -> anyhow::Result<Vec<Org>> {
    let now = Utc::now();
    // Staff verify; without staff, the owner account stands in.
    let verifier = people
        .get(if plan.staff { 2 } else { 0 })
        .map(|person| person.id);
    let mut orgs = Vec::with_capacity(plan.organisations);
    let mut rows = Vec::new();
    let mut memberships = Vec::new();
    for index in 0..plan.organisations {
        let kind = OrganisationKind::ALL[index % OrganisationKind::ALL.len()];
        let african = pick_country(rng, AFRICA);
        let france = pick(rng, catalog::FRANCE_CITIES);
        let in_france = match kind {
            OrganisationKind::DiasporaAssociation => true,
            OrganisationKind::Funder => rng.random_bool(0.7),
            OrganisationKind::LocalAuthority => index % 2 == 0,
            _ => rng.random_bool(0.15),
        };
        let (country, city) = if in_france {
            if kind == OrganisationKind::DiasporaAssociation && rng.random_bool(0.2) {
                ("BE", pick(rng, catalog::BELGIUM_CITIES))
            } else {
                ("FR", france)
            }
        } else {
            (african.code, pick(rng, african.cities))
        };
        let name_city = if kind == OrganisationKind::DiasporaAssociation {
            pick(rng, african.cities)
        } else {
            city
        };
        let name = catalog::organisation_name(rng, kind, african, name_city, city);
        let verified = rng.random_bool(0.4);
        let id = Uuid::now_v7();
        let website = rng.random_bool(0.5).then(|| {
            format!(
                "https://{}.example",
                catalog::mailbox(&name, "org").replace('.', "-")
            )
        });
        let description = format!(
            "{name} agit à {city} et avec ses partenaires en {} pour le développement économique local.",
            african.name_fr
        );
        let (search_text, search_title) =
            organisations::listing::indexed_text(&name, Some(city), Some(&description));
        rows.push(organisation::ActiveModel {
            id: Set(id),
            name: Set(name.clone()),
            kind: Set(kind),
            country: Set(country.to_owned()),
            city: Set(Some(city.to_owned())),
            website: Set(website),
            description: Set(Some(description)),
            search_text: Set(search_text),
            search_title: Set(search_title),
            verified: Set(verified),
            verified_at: Set(verified.then_some(now)),
            verified_by: Set(if verified { verifier } else { None }),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        });
        // The marker account owns the first organisations; others take turns.
        let owner = if index < 3 {
            people[0].id
        } else {
            people[rng.random_range(0..people.len())].id
        };
        let mut members = vec![owner];
        for _ in 0..rng.random_range(0..=2) {
            let editor = people[rng.random_range(0..people.len())].id;
            if !members.contains(&editor) {
                members.push(editor);
            }
        }
        for (position, member) in members.iter().enumerate() {
            let role = if position == 0 {
                MemberRole::Owner
            } else {
                MemberRole::Editor
            };
            memberships.push(organisation_member::ActiveModel {
                organisation_id: Set(id),
                user_id: Set(*member),
                role: Set(role.as_str().into()),
                joined_at: Set(now),
            });
        }
        orgs.push(Org { id, kind, members });
    }
    for chunk in chunks(rows, BATCH) {
        organisation::Entity::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
    for chunk in chunks(memberships, BATCH) {
        organisation_member::Entity::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
    summary.organisations = orgs.len();
    Ok(orgs)
}

/// A project to write, with the stage history that leads to its stage.
struct ProjectDraft {
    owner: Uuid,
    organisation: Option<usize>,
    theme: usize,
    country: &'static Country,
    city: &'static str,
    new: NewProject,
    stage: ProjectStage,
    created_on: NaiveDate,
    /// Further milestones: the stage moved from, the stage reached, a note and a date.
    history: Vec<(Option<ProjectStage>, ProjectStage, String, NaiveDate)>,
}

fn project_draft(rng: &mut StdRng, index: usize, people: &[Person], orgs: &[Org]) -> ProjectDraft {
    let theme_index = rng.random_range(0..THEMES.len());
    let theme = &THEMES[theme_index];
    let (owner, organisation) = if index < 5 && orgs.len() >= 3 {
        (people[0].id, Some(index % 3))
    } else if rng.random_bool(0.7) && !orgs.is_empty() {
        let org = rng.random_range(0..orgs.len());
        (pick_id(rng, &orgs[org].members), Some(org))
    } else {
        (people[rng.random_range(0..people.len())].id, None)
    };
    let country = theme_country(rng, theme);
    let city = pick(rng, country.cities);
    let france = pick(rng, catalog::FRANCE_CITIES);
    let french = rng.random_bool(0.65);
    let title = pick(
        rng,
        if french {
            theme.titles_fr
        } else {
            theme.titles_en
        },
    )
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
    let (budget_amount, budget_currency) = if rng.random_bool(0.75) {
        let euros = rng.random_range(5..=500) * 1_000;
        let (currency, rate) = if rng.random_bool(0.35) {
            ("EUR", 1)
        } else {
            (country.currency, rate(country.currency))
        };
        (Some(euros * rate), Some(currency.to_owned()))
    } else {
        (None, None)
    };
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
    let today = Utc::now().date_naive();
    let created_on = today - TimeDelta::days(rng.random_range(200..900));
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
        owner,
        organisation,
        theme: theme_index,
        country,
        city,
        new,
        stage,
        created_on,
        history,
    }
}

async fn demo_projects(
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
        let published = draft.new.status == Some(ProjectStatus::Published);
        let row = projects::insert(txn, draft.owner, draft.new)
            .await
            .map_err(error)?;
        ProjectMilestone::update_many()
            .col_expr(
                project_milestone::Column::OccurredOn,
                Expr::value(draft.created_on),
            )
            .filter(project_milestone::Column::ProjectId.eq(row.id))
            .exec(txn)
            .await?;
        for (from, to, note, on) in &draft.history {
            projects::record_milestone(txn, row.id, *from, *to, note, *on, draft.owner)
                .await
                .map_err(error)?;
        }
        if draft.stage != ProjectStage::Idea {
            Project::update_many()
                .col_expr(project::Column::Stage, Expr::value(draft.stage.as_str()))
                .filter(project::Column::Id.eq(row.id))
                .exec(txn)
                .await?;
        }
        summary.projects += 1;
        summary.published_projects += usize::from(published);
        summary.milestones += 1 + draft.history.len();
        seeded.push(SeededProject {
            id: row.id,
            owner: draft.owner,
            organisation: draft.organisation,
            theme: draft.theme,
            country: draft.country,
            city: draft.city,
        });
    }
    Ok(seeded)
}

async fn bulk_projects(
    txn: &DatabaseTransaction,
    rng: &mut StdRng,
    plan: &Plan,
    people: &[Person],
    orgs: &[Org],
    summary: &mut Summary,
) -> anyhow::Result<Vec<SeededProject>> {
    let mut seeded = Vec::with_capacity(plan.projects);
    let mut batch = Vec::with_capacity(BATCH);
    let mut milestones = Vec::new();
    for index in 0..plan.projects {
        let draft = project_draft(rng, index, people, orgs);
        let published = draft.new.status == Some(ProjectStatus::Published);
        let now = Utc::now();
        let mut prepared = projects::prepare(draft.owner, draft.new, now);
        let id = prepared.id();
        prepared.row.stage = Set(draft.stage);
        prepared.milestone.occurred_on = Set(draft.created_on);
        for (from, to, note, on) in &draft.history {
            milestones.push(projects::milestone_row(
                id,
                *from,
                *to,
                note,
                *on,
                draft.owner,
                now,
            ));
        }
        summary.projects += 1;
        summary.published_projects += usize::from(published);
        summary.milestones += 1 + draft.history.len();
        seeded.push(SeededProject {
            id,
            owner: draft.owner,
            organisation: draft.organisation,
            theme: draft.theme,
            country: draft.country,
            city: draft.city,
        });
        batch.push(prepared);
        if batch.len() == BATCH {
            projects::insert_prepared(
                txn,
                std::mem::take(&mut batch),
                std::mem::take(&mut milestones),
            )
            .await
            .map_err(error)?;
        }
    }
    projects::insert_prepared(txn, batch, milestones)
        .await
        .map_err(error)?;
    Ok(seeded)
}

/// An opportunity to write.
struct OpportunityDraft {
    owner: Uuid,
    organisation_kind: Option<OrganisationKind>,
    new: NewOpportunity,
    status: OpportunityStatus,
}

fn opportunity_draft(
    rng: &mut StdRng,
    index: usize,
    people: &[Person],
    orgs: &[Org],
    seeded: &[SeededProject],
) -> OpportunityDraft {
    let category = OpportunityCategory::ALL[index % OpportunityCategory::ALL.len()];
    let linked = (!seeded.is_empty() && rng.random_bool(0.3))
        .then(|| &seeded[rng.random_range(0..seeded.len())]);
    let (theme_index, owner, organisation, mut country, mut city, project_id) = match linked {
        Some(project) => (
            project.theme,
            project.owner,
            project.organisation,
            project.country,
            project.city,
            Some(project.id),
        ),
        None => {
            // Local authorities cooperate on public services (health, training, waste,
            // cooperation, water: indexes in `THEMES`) rather than on businesses.
            let theme_index = if category == OpportunityCategory::AuthorityCooperation {
                *[5usize, 6, 7, 9, 11].choose(rng).unwrap_or(&9)
            } else {
                rng.random_range(0..THEMES.len())
            };
            let country = theme_country(rng, &THEMES[theme_index]);
            let (owner, organisation) = if index < 10 && orgs.len() >= 3 {
                (people[0].id, Some(index % 3))
            } else if rng.random_bool(0.6) && !orgs.is_empty() {
                let org = rng.random_range(0..orgs.len());
                (pick_id(rng, &orgs[org].members), Some(org))
            } else {
                (people[rng.random_range(0..people.len())].id, None)
            };
            (
                theme_index,
                owner,
                organisation,
                country,
                pick(rng, country.cities),
                None,
            )
        }
    };
    let theme = &THEMES[theme_index];
    let offer = rng.random_bool(0.6);
    let french = rng.random_bool(0.65);
    let france = pick(rng, catalog::FRANCE_CITIES);
    // Internships are typically in France, jobs in Africa.
    let mut country_code = country.code;
    if category == OpportunityCategory::Internship && rng.random_bool(0.8) {
        country_code = "FR";
        city = france;
    } else if category == OpportunityCategory::Job && linked.is_none() && rng.random_bool(0.2) {
        country = pick_country(rng, AFRICA);
        country_code = country.code;
        city = pick(rng, country.cities);
    }
    let title = catalog::opportunity_title(category, offer, french, theme, city, france);
    let lead = if french {
        format!("Dans le cadre de {} à {city} :", theme.object_fr)
    } else {
        format!("As part of {} in {city}:", theme.object_en)
    };
    let description = catalog::description(rng, theme, french, &lead);
    let today = Utc::now().date_naive();
    let duration_months = match category {
        OpportunityCategory::Internship => Some(6),
        OpportunityCategory::Volunteering => Some(3),
        OpportunityCategory::Job => None,
        _ => rng.random_bool(0.5).then(|| rng.random_range(12..=36)),
    };
    let status = match rng.random_range(0..100) {
        0..3 => OpportunityStatus::Filled,
        3..5 => OpportunityStatus::Closed,
        _ => OpportunityStatus::Open,
    };
    let new = NewOpportunity {
        direction: if offer {
            Direction::Offer
        } else {
            Direction::Request
        },
        category,
        title,
        description,
        project_id,
        organisation_id: organisation.map(|org| orgs[org].id),
        sectors: sample(rng, theme.sectors, 2),
        skills: sample(rng, theme.skills, 3),
        country: country_code.to_owned(),
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
        owner,
        organisation_kind: organisation.map(|org| orgs[org].kind),
        new,
        status,
    }
}

async fn demo_opportunities(
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
        let row = opportunities::insert(txn, draft.owner, draft.new, draft.organisation_kind)
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

async fn bulk_opportunities(
    db: &Db,
    rng: &mut StdRng,
    plan: &Plan,
    people: &[Person],
    orgs: &[Org],
    seeded: &[SeededProject],
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let mut txn = db::write_transaction(db).await?;
    let mut batch = Vec::with_capacity(BATCH);
    for index in 0..plan.opportunities {
        let draft = opportunity_draft(rng, index, people, orgs, seeded);
        let mut prepared =
            opportunities::prepare(draft.owner, draft.new, draft.organisation_kind, Utc::now());
        prepared.row.status = Set(draft.status);
        summary.opportunities += 1;
        summary.open_opportunities += usize::from(draft.status == OpportunityStatus::Open);
        batch.push(prepared);
        if batch.len() == BATCH {
            opportunities::insert_prepared(&txn, std::mem::take(&mut batch))
                .await
                .map_err(error)?;
        }
        if (index + 1) % PER_TRANSACTION == 0 {
            txn.commit().await?;
            tracing::info!(opportunities = index + 1, "seeding");
            txn = db::write_transaction(db).await?;
        }
    }
    opportunities::insert_prepared(&txn, batch)
        .await
        .map_err(error)?;
    txn.commit().await?;
    Ok(())
}

/// A country where the theme is active.
fn theme_country(rng: &mut StdRng, theme: &Theme) -> &'static Country {
    let code = pick(rng, theme.countries);
    catalog::country(code).unwrap_or(&AFRICA[0])
}

fn pick_country(rng: &mut StdRng, countries: &'static [Country]) -> &'static Country {
    &countries[rng.random_range(0..countries.len())]
}

fn pick_id(rng: &mut StdRng, ids: &[Uuid]) -> Uuid {
    ids.choose(rng).copied().unwrap_or_default()
}

/// One to `most` distinct items, in the catalogue's order.
fn sample(rng: &mut StdRng, items: &[&str], most: usize) -> Vec<String> {
    let count = rng.random_range(1..=most.min(items.len()).max(1));
    let mut chosen: Vec<&str> = items.choose_multiple(rng, count).copied().collect();
    chosen.sort_by_key(|item| items.iter().position(|i| i == item));
    chosen.into_iter().map(str::to_owned).collect()
}

fn sample_copied<T: Copy + PartialEq>(rng: &mut StdRng, items: &[T], most: usize) -> Vec<T> {
    let count = rng.random_range(1..=most.min(items.len()).max(1));
    let mut chosen: Vec<T> = items.choose_multiple(rng, count).copied().collect();
    chosen.sort_by_key(|item| items.iter().position(|i| i == item));
    chosen
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

fn chunks<T>(items: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let mut chunks = Vec::new();
    let mut current = Vec::with_capacity(size);
    for item in items {
        current.push(item);
        if current.len() == size {
            chunks.push(std::mem::replace(&mut current, Vec::with_capacity(size)));
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_deterministic() {
        let people: Vec<Person> = (0..10).map(|_| Person { id: Uuid::now_v7() }).collect();
        let title = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..20)
                .map(|index| project_draft(&mut rng, index, &people, &[]).new.title)
                .collect::<Vec<_>>()
        };
        assert_eq!(title(SEED), title(SEED));
    }

    #[test]
    fn summaries_fit_on_one_line() {
        let line = Summary::default().to_string();
        assert!(!line.contains('\n'));
    }
}
