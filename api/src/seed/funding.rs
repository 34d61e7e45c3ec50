//! Demo funding: three funders (a ministry's programme, a region, a foundation) with
//! forthcoming, open and closed calls, applications in every state, financing plans and
//! result indicators with a history, among them a project modelled on the Senegal
//! school-computers programme (financed by the presidency, the ministry's call and a French
//! town; 500 of 30 000 computers installed at mid-year). Dates are relative to the day of
//! the seed so that each call is where its name says; everything else is fixed. Written
//! through the services the API uses.

use chrono::{Days, NaiveDate, TimeDelta, Utc};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use crate::{
    accounts::{
        Role, admin,
        users::{self, NewMember},
    },
    db::{self, Db},
    entities::{funding_call, organisation, project, user},
    error::Result,
    funding::{
        applications::{
            dto::{ApplicationStatus, NewApplication, PlanLine},
            service::{self as applications, Move},
        },
        calls::{dto::NewFundingCall, service as calls},
        financing::{self, LineStatus, NewFinancingLine},
        results::{self, NewIndicator, NewMeasurement},
    },
    organisations::dto::NewOrganisation,
    projects::{
        dto::{NewProject, ProjectStatus, Territory},
        service as projects,
    },
    taxonomies::{CountryCode, Lang, OrganisationKind},
};

/// How much was written.
#[derive(Debug, Default)]
pub struct Counts {
    pub calls: usize,
    pub applications: usize,
    pub indicators: usize,
}

fn day(today: NaiveDate, offset: i64) -> NaiveDate {
    if offset >= 0 {
        today.checked_add_days(Days::new(offset as u64))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    }
    .unwrap_or(today)
}

/// A funder: its account (e-mail verified), its organisation.
async fn funder(
    txn: &DatabaseTransaction,
    password_hash: &str,
    (email, person, locale): (&str, &str, Lang),
    (name, kind, country, city): (&str, OrganisationKind, &str, &str),
) -> Result<(Uuid, Uuid)> {
    let member = NewMember {
        email,
        password_hash: password_hash.to_owned(),
        display_name: person,
        locale,
        role: Role::Member,
    };
    let account = match users::create(txn, member).await? {
        Some(row) => row.id,
        None => users::find_by_email(txn, email)
            .await?
            .map(|row| row.id)
            .unwrap_or_default(),
    };
    user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(account))
        .exec(txn)
        .await?;
    let organisation = NewOrganisation {
        name: name.into(),
        kind,
        country: country.into(),
        city: Some(city.into()),
        website: None,
        description: None,
    };
    let organisation = super::insert_organisation(txn, account, organisation).await?;
    Ok((account, organisation.id))
}

struct Call {
    programme: (&'static str, &'static str),
    title: &'static str,
    description: &'static str,
    currency: &'static str,
    budget: (i64, Option<i64>, Option<i32>),
    kinds: &'static [OrganisationKind],
    countries: &'static [&'static str],
    regions: &'static [&'static str],
    sectors: &'static [&'static str],
    /// Days from today.
    window: (i64, i64),
    time_zone: &'static str,
    grants: Option<i32>,
}

const MINISTRY: [Call; 2] = [
    Call {
        programme: ("Coopération de territoire à territoire", "PCTT-2027"),
        title: "Appel à projets 2027 : coopération de territoire à territoire",
        description: "Le ministère cofinance les projets de coopération décentralisée portés par les collectivités françaises avec leurs partenaires africains : développement économique local, numérique, eau, éducation. Enveloppe de 12,5 M€.",
        currency: "EUR",
        budget: (12_500_000, Some(500_000), Some(50)),
        kinds: &[OrganisationKind::LocalAuthority],
        countries: &[],
        regions: &["289"],
        sectors: &[],
        window: (-30, 45),
        time_zone: "Europe/Paris",
        grants: Some(40),
    },
    Call {
        programme: ("Numérique et coopération décentralisée", "NUM-2026"),
        title: "Appel à projets 2026 : projets TIC des collectivités",
        description: "Dix projets numériques de collectivités ont reçu 330 000 € au total : équipement des écoles, services publics en ligne, état civil numérisé.",
        currency: "EUR",
        budget: (330_000, Some(50_000), Some(70)),
        kinds: &[OrganisationKind::LocalAuthority],
        countries: &[],
        regions: &["289"],
        sectors: &["220", "111", "112", "151"],
        window: (-240, -120),
        time_zone: "Europe/Paris",
        grants: Some(10),
    },
];

const REGION: [Call; 2] = [
    Call {
        programme: ("Fonds régional de solidarité internationale", "FRSI-2027"),
        title: "Fonds régional pour la coopération décentralisée 2027",
        description: "La Région soutient les communes et associations de son territoire engagées avec le Sénégal, le Burkina Faso et Madagascar : agriculture, formation professionnelle, santé.",
        currency: "EUR",
        budget: (800_000, Some(60_000), Some(50)),
        kinds: &[
            OrganisationKind::LocalAuthority,
            OrganisationKind::Ngo,
            OrganisationKind::DiasporaAssociation,
        ],
        countries: &["SN", "BF", "MG"],
        regions: &[],
        sectors: &["311", "113", "121", "321"],
        window: (20, 80),
        time_zone: "Europe/Paris",
        grants: Some(15),
    },
    Call {
        programme: ("Fonds régional de solidarité internationale", "FRSI-ASSO"),
        title: "Soutien aux associations de solidarité internationale",
        description: "Petites subventions aux associations, notamment de la diaspora, pour des projets portés avec un partenaire local : jusqu'à 15 000 € et 80 % du budget.",
        currency: "EUR",
        budget: (200_000, Some(15_000), Some(80)),
        kinds: &[OrganisationKind::Ngo, OrganisationKind::DiasporaAssociation],
        countries: &[],
        regions: &["289"],
        sectors: &[],
        window: (-20, 10),
        time_zone: "Europe/Paris",
        grants: Some(20),
    },
];

const FOUNDATION: [Call; 2] = [
    Call {
        programme: ("Écoles connectées", "EC-2027"),
        title: "Équipement numérique des écoles élémentaires",
        description: "La fondation finance l'équipement informatique et la formation des enseignants dans les écoles publiques du Sénégal, en complément des programmes de l'État.",
        currency: "XOF",
        budget: (500_000_000, Some(60_000_000), Some(60)),
        kinds: &[
            OrganisationKind::Ngo,
            OrganisationKind::LocalAuthority,
            OrganisationKind::PublicAgency,
        ],
        countries: &["SN"],
        regions: &[],
        sectors: &["111", "112", "114", "220"],
        window: (-15, 25),
        time_zone: "Africa/Dakar",
        grants: Some(8),
    },
    Call {
        programme: ("Digital skills for girls", "DSG-2027"),
        title: "Digital skills for girls: call for proposals 2027",
        description: "The foundation funds coding clubs and digital training for girls and young women in West Africa, run by local associations with schools.",
        currency: "XOF",
        budget: (150_000_000, Some(15_000_000), Some(75)),
        kinds: &[OrganisationKind::Ngo],
        countries: &[],
        regions: &["1030"],
        sectors: &["113", "114"],
        window: (10, 70),
        time_zone: "Africa/Dakar",
        grants: Some(10),
    },
];

async fn publish(
    txn: &DatabaseTransaction,
    owner: Uuid,
    funder: Uuid,
    call: &Call,
    today: NaiveDate,
) -> Result<funding_call::Model> {
    let strings = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect();
    let new = NewFundingCall {
        funder_id: funder,
        programme_name: call.programme.0.into(),
        programme_code: Some(call.programme.1.into()),
        title: call.title.into(),
        description: call.description.into(),
        currency: call.currency.into(),
        total_budget: call.budget.0,
        max_grant: call.budget.1,
        max_cofinancing_rate: call.budget.2,
        applicant_kinds: call.kinds.to_vec(),
        countries: strings(call.countries),
        regions: strings(call.regions),
        sectors: strings(call.sectors),
        opens_on: day(today, call.window.0),
        closes_on: day(today, call.window.1),
        time_zone: call.time_zone.into(),
        grants_expected: call.grants,
    };
    // The demo's codes are known ones: stored as written.
    let countries: Vec<CountryCode> = call
        .countries
        .iter()
        .map(|c| CountryCode::from_stored(*c))
        .collect();
    calls::insert(txn, owner, new, &countries, Utc::now()).await
}

/// A project of `owner` for `organisation`, published.
#[allow(clippy::too_many_arguments)]
async fn project(
    txn: &DatabaseTransaction,
    owner: Uuid,
    organisation: Uuid,
    (title, summary, language): (&str, &str, &str),
    sectors: &[&str],
    (country, place): (&str, &str),
    (budget, currency): (i64, &str),
) -> Result<crate::entities::project::Model> {
    let new = NewProject {
        title: title.into(),
        summary: summary.into(),
        description: summary.into(),
        sectors: sectors.iter().map(|s| (*s).to_owned()).collect(),
        countries: vec![country.into()],
        territories: vec![Territory {
            country: country.into(),
            place: place.into(),
        }],
        needs: Vec::new(),
        budget_amount: Some(budget),
        budget_currency: Some(currency.into()),
        language: Some(language.into()),
        organisation_id: Some(organisation),
        stage: None,
        status: Some(ProjectStatus::Published),
    };
    let codes = projects::codes_of(&new, super::reference()?)?;
    projects::insert(txn, owner, new, codes).await
}

/// An application, a draft or submitted, then moved along `steps` by the funder's `reviewer`.
#[allow(clippy::too_many_arguments)]
async fn application(
    txn: &DatabaseTransaction,
    call: &funding_call::Model,
    project: &crate::entities::project::Model,
    (author, organisation, reviewer): (Uuid, Uuid, Uuid),
    (requested, budget): (i64, i64),
    plan: Vec<PlanLine>,
    submit: bool,
    steps: &[(ApplicationStatus, Option<i64>, Option<&str>)],
) -> Result<()> {
    let new = NewApplication {
        project_id: project.id,
        organisation_id: organisation,
        amount_requested: requested,
        project_budget: budget,
        financing_plan: plan,
        summary: Some(project.summary.clone()),
        submit,
    };
    let now = Utc::now() - TimeDelta::days(steps.len() as i64 * 7);
    let mut row = applications::insert(txn, author, call, project, new, now).await?;
    for (index, (to, amount, comment)) in steps.iter().enumerate() {
        let step = Move {
            to: *to,
            amount_granted: *amount,
            comment: comment.map(str::to_owned),
            actor: reviewer,
        };
        let at = now + TimeDelta::days(7 * (index as i64 + 1));
        row = applications::apply_move(txn, &row, call, step, at).await?;
    }
    Ok(())
}

/// An indicator: title, unit, target, due in days, and measurements (days from today,
/// value, note).
type Indicator = (
    &'static str,
    &'static str,
    f64,
    i64,
    &'static [(i64, f64, &'static str)],
);

fn line(funder: &str, amount: i64) -> PlanLine {
    PlanLine {
        funder_name: funder.into(),
        amount,
    }
}

/// The funding step of the demo (benchmarks have none), in a transaction of its own. It draws
/// nothing from the seed's generator: the steps after it are unchanged by it.
pub(super) async fn seed(
    db: &Db,
    plan: &super::Plan,
    market: &super::Marketplace,
) -> anyhow::Result<()> {
    let Some(owner) = market.people.first().filter(|_| !plan.bulk) else {
        return Ok(());
    };
    let password_hash = admin::hash_password(super::DEMO_PASSWORD).await?;
    let txn = db::write_transaction(db).await?;
    let counts = demo(&txn, owner.id, &password_hash)
        .await
        .map_err(super::error)?;
    txn.commit().await?;
    tracing::debug!(
        calls = counts.calls,
        applications = counts.applications,
        indicators = counts.indicators,
        "seeded funding"
    );
    Ok(())
}

/// Loads the demo funding for `owner` (the demo owner, who holds the applicant side).
pub async fn demo(txn: &DatabaseTransaction, owner: Uuid, password_hash: &str) -> Result<Counts> {
    let mut counts = Counts::default();
    let already = funding_call::Entity::find()
        .filter(funding_call::Column::ProgrammeCode.eq("PCTT-2027"))
        .one(txn)
        .await?;
    if already.is_some() {
        return Ok(counts);
    }
    let today = Utc::now().date_naive();
    let published = funders_and_calls(txn, password_hash, today).await?;
    counts.calls = published.len();
    let [
        (ministry_editor, pctt),
        (_, num),
        _,
        (region_editor, asso),
        (foundation_editor, schools),
        _,
    ] = &published[..]
    else {
        return Ok(counts);
    };
    let applicants = demo_applicants(txn, owner).await?;
    let projects = demo_projects(txn, owner, &applicants).await?;
    let reviewers = Reviewers {
        ministry: *ministry_editor,
        region: *region_editor,
        foundation: *foundation_editor,
    };
    let calls = DemoCalls {
        pctt,
        num,
        asso,
        schools,
    };
    counts.applications =
        demo_applications(txn, owner, &calls, &applicants, &projects, &reviewers).await?;
    school_computers_plan(txn, projects.computers.id).await?;
    counts.indicators = school_computers_results(txn, owner, projects.computers.id, today).await?;
    Ok(counts)
}

/// The three funders (a ministry's programme, a region, a foundation) and their calls, each
/// with the editor who published it.
async fn funders_and_calls(
    txn: &DatabaseTransaction,
    password_hash: &str,
    today: NaiveDate,
) -> Result<Vec<(Uuid, funding_call::Model)>> {
    let (ministry_editor, ministry) = funder(
        txn,
        password_hash,
        ("daect@demo.marcottage.example", "Claire Martin", Lang::Fr),
        (
            "Ministère de l'Europe et des Affaires étrangères – DAECT",
            OrganisationKind::PublicAgency,
            "FR",
            "Paris",
        ),
    )
    .await?;
    let (region_editor, region) = funder(
        txn,
        password_hash,
        ("region@demo.marcottage.example", "Julien Perrin", Lang::Fr),
        (
            "Région Bourgogne-Franche-Comté",
            OrganisationKind::LocalAuthority,
            "FR",
            "Besançon",
        ),
    )
    .await?;
    let (foundation_editor, foundation) = funder(
        txn,
        password_hash,
        (
            "fondation@demo.marcottage.example",
            "Aminata Ndiaye",
            Lang::En,
        ),
        (
            "Fondation Teranga Numérique",
            OrganisationKind::Funder,
            "SN",
            "Dakar",
        ),
    )
    .await?;
    let mut published = Vec::new();
    for (editor, funder, calls) in [
        (ministry_editor, ministry, &MINISTRY),
        (region_editor, region, &REGION),
        (foundation_editor, foundation, &FOUNDATION),
    ] {
        for call in calls.iter() {
            published.push((editor, publish(txn, editor, funder, call, today).await?));
        }
    }
    Ok(published)
}

/// The demo's applicants: a Senegalese town and a diaspora association in France.
struct Applicants {
    thies: organisation::Model,
    diaspora: organisation::Model,
}

async fn demo_applicants(txn: &DatabaseTransaction, owner: Uuid) -> Result<Applicants> {
    let thies = super::insert_organisation(
        txn,
        owner,
        NewOrganisation {
            name: "Commune de Thiès".into(),
            kind: OrganisationKind::LocalAuthority,
            country: "SN".into(),
            city: Some("Thiès".into()),
            website: None,
            description: Some("Service de la coopération décentralisée de la commune.".into()),
        },
    )
    .await?;
    let diaspora = super::insert_organisation(
        txn,
        owner,
        NewOrganisation {
            name: "Association Kassoumay Diaspora".into(),
            kind: OrganisationKind::DiasporaAssociation,
            country: "FR".into(),
            city: Some("Dijon".into()),
            website: None,
            description: None,
        },
    )
    .await?;
    Ok(Applicants { thies, diaspora })
}

/// The projects that apply: Thiès' school computers and civil registry, the association's
/// mango dryers and health post.
struct DemoProjects {
    computers: project::Model,
    civil: project::Model,
    mangoes: project::Model,
    clinic: project::Model,
}

async fn demo_projects(
    txn: &DatabaseTransaction,
    owner: Uuid,
    applicants: &Applicants,
) -> Result<DemoProjects> {
    let (thies, diaspora) = (applicants.thies.id, applicants.diaspora.id);
    let computers = project(
        txn,
        owner,
        thies,
        (
            "Ordinateurs pour les écoles du Sénégal",
            "30 000 ordinateurs installés dans les écoles élémentaires, avec la formation des enseignants et une maintenance locale.",
            "fr",
        ),
        &["11220", "22040"],
        ("SN", "Thiès"),
        (3_000_000_000, "XOF"),
    )
    .await?;
    let civil = project(
        txn,
        owner,
        thies,
        (
            "État civil numérique à Thiès",
            "Numériser les registres d'état civil de la commune et ouvrir un guichet en ligne pour les actes.",
            "fr",
        ),
        &["15112"],
        ("SN", "Thiès"),
        (120_000, "EUR"),
    )
    .await?;
    let mangoes = project(
        txn,
        owner,
        diaspora,
        (
            "Solar mango drying in Casamance",
            "A women's cooperative dries mangoes with solar dryers and sells them in Dakar and Europe.",
            "en",
        ),
        &["32161"],
        ("SN", "Ziguinchor"),
        (40_000, "EUR"),
    )
    .await?;
    let clinic = project(
        txn,
        owner,
        diaspora,
        (
            "Case de santé de Bignona",
            "Rénover et équiper la case de santé du quartier, former deux agents de santé communautaire.",
            "fr",
        ),
        &["12220"],
        ("SN", "Bignona"),
        (25_000, "EUR"),
    )
    .await?;
    Ok(DemoProjects {
        computers,
        civil,
        mangoes,
        clinic,
    })
}

/// The editors who review each funder's applications.
struct Reviewers {
    ministry: Uuid,
    region: Uuid,
    foundation: Uuid,
}

/// The calls the demo applies to.
struct DemoCalls<'a> {
    pctt: &'a funding_call::Model,
    num: &'a funding_call::Model,
    asso: &'a funding_call::Model,
    schools: &'a funding_call::Model,
}

/// Applications in every state: draft, submitted (two), under review, accepted and rejected;
/// returns how many.
async fn demo_applications(
    txn: &DatabaseTransaction,
    owner: Uuid,
    calls: &DemoCalls<'_>,
    applicants: &Applicants,
    projects: &DemoProjects,
    reviewers: &Reviewers,
) -> Result<usize> {
    let (who, thies) = ((txn, owner, calls), applicants.thies.id);
    let from_thies = thies_applications(who, thies, projects, reviewers).await?;
    let diaspora = applicants.diaspora.id;
    let from_diaspora = diaspora_applications(who, diaspora, projects, reviewers).await?;
    Ok(from_thies + from_diaspora)
}

/// Thiès' applications: the school computers to the ministry's two ICT calls and to the
/// foundation, and the civil registry to the open ICT call.
async fn thies_applications(
    (txn, owner, calls): (&DatabaseTransaction, Uuid, &DemoCalls<'_>),
    thies: Uuid,
    projects: &DemoProjects,
    reviewers: &Reviewers,
) -> Result<usize> {
    use ApplicationStatus::{Accepted, UnderReview};
    // The school computers: accepted by the ministry's closed ICT call, then by the open one.
    application(
        txn,
        calls.num,
        &projects.computers,
        (owner, thies, reviewers.ministry),
        (50_000, 4_573_000),
        vec![
            line("Présidence de la République du Sénégal", 3_000_000),
            line("Ville de Besançon", 30_000),
        ],
        true,
        &[
            (UnderReview, None, Some("Dossier complet, examen en comité")),
            (
                Accepted,
                Some(45_000),
                Some("Retenu : 45 000 € sur deux ans"),
            ),
        ],
    )
    .await?;
    application(
        txn,
        calls.pctt,
        &projects.computers,
        (owner, thies, reviewers.ministry),
        (400_000, 4_573_000),
        vec![line("Présidence de la République du Sénégal", 3_000_000)],
        true,
        &[],
    )
    .await?;
    application(
        txn,
        calls.pctt,
        &projects.civil,
        (owner, thies, reviewers.ministry),
        (60_000, 120_000),
        vec![line("Commune de Thiès", 60_000)],
        true,
        &[(UnderReview, None, Some("Pièces reçues"))],
    )
    .await?;
    application(
        txn,
        calls.schools,
        &projects.computers,
        (owner, thies, reviewers.foundation),
        (60_000_000, 3_000_000_000),
        vec![line(
            "Présidence de la République du Sénégal",
            1_967_000_000,
        )],
        true,
        &[],
    )
    .await?;
    Ok(4)
}

/// The diaspora association's applications to the region's call: one draft, one rejected.
async fn diaspora_applications(
    (txn, owner, calls): (&DatabaseTransaction, Uuid, &DemoCalls<'_>),
    diaspora: Uuid,
    projects: &DemoProjects,
    reviewers: &Reviewers,
) -> Result<usize> {
    use ApplicationStatus::{Rejected, UnderReview};
    application(
        txn,
        calls.asso,
        &projects.mangoes,
        (owner, diaspora, reviewers.region),
        (15_000, 40_000),
        vec![line("Crédit coopératif", 20_000)],
        false,
        &[],
    )
    .await?;
    application(
        txn,
        calls.asso,
        &projects.clinic,
        (owner, diaspora, reviewers.region),
        (12_000, 25_000),
        vec![],
        true,
        &[
            (UnderReview, None, None),
            (
                Rejected,
                None,
                Some("Projet de santé : à présenter au fonds régional 2027"),
            ),
        ],
    )
    .await?;
    Ok(2)
}

/// The school computers' financing plan besides the ministry's grant.
async fn school_computers_plan(txn: &DatabaseTransaction, project: Uuid) -> Result<()> {
    for (funder, amount, currency, status) in [
        (
            "Présidence de la République du Sénégal",
            3_000_000_000_i64,
            "XOF",
            LineStatus::Received,
        ),
        ("Ville de Besançon", 30_000, "EUR", LineStatus::Pledged),
    ] {
        let line = NewFinancingLine {
            organisation_id: None,
            funder_name: Some(funder.into()),
            amount,
            currency: currency.into(),
            status,
        };
        financing::insert_line(txn, project, &line, None, Utc::now()).await?;
    }
    Ok(())
}

/// The school computers' results: 0, then 500, then 1 000 of 30 000 computers installed, and
/// two more indicators with their history; returns how many indicators.
async fn school_computers_results(
    txn: &DatabaseTransaction,
    owner: Uuid,
    project: Uuid,
    today: NaiveDate,
) -> Result<usize> {
    let indicators: [Indicator; 3] = [
        (
            "Ordinateurs installés dans les écoles",
            "ordinateurs",
            30_000.0,
            365,
            &[
                (-300, 0.0, "Lancement : appel d'offres des équipements"),
                (
                    -180,
                    500.0,
                    "Mi-année : 500 ordinateurs installés dans 20 écoles de Thiès",
                ),
                (
                    -30,
                    1_000.0,
                    "Fin d'année : 500 de plus, à Mbour et Tivaouane",
                ),
            ],
        ),
        (
            "Personnes recrutées pour la maintenance",
            "personnes",
            10.0,
            200,
            &[
                (-200, 2.0, "Deux techniciens"),
                (-60, 7.0, "Sept personnes recrutées"),
            ],
        ),
        (
            "Enseignants formés",
            "enseignants",
            600.0,
            300,
            &[(-120, 80.0, "Première session à Thiès"), (-10, 210.0, "")],
        ),
    ];
    let indicators_count = indicators.len();
    for (title, unit, target, due, measurements) in indicators {
        let new = NewIndicator {
            title: title.into(),
            description: None,
            unit: unit.into(),
            baseline_value: 0.0,
            baseline_date: Some(day(today, -330)),
            target_value: target,
            due_on: day(today, due),
        };
        let indicator = results::insert_indicator(txn, project, new, Utc::now()).await?;
        for (offset, value, note) in measurements {
            let new = NewMeasurement {
                measured_on: day(today, *offset),
                value: *value,
                note: (!note.is_empty()).then(|| (*note).to_owned()),
            };
            results::insert_measurement(txn, indicator.id, owner, new, Utc::now()).await?;
        }
    }
    Ok(indicators_count)
}
