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
mod cooperation;
mod funding;
mod members;
mod opportunities;
mod organisations;
mod pick;
mod projects;
mod scale;

use std::fmt;

use rand::{SeedableRng, rngs::StdRng};
use uuid::Uuid;

use self::catalog::Country;
use crate::{
    accounts::{admin, users},
    db::{self, Db},
    search,
    taxonomies::OrganisationKind,
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

/// The generator's seed: the same seed, the same marketplace.
const SEED: u64 = 2026;

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

/// A seeded member.
struct Person {
    id: Uuid,
}

/// A seeded organisation and its members, the owner first.
struct Org {
    id: Uuid,
    kind: OrganisationKind,
    members: Vec<Uuid>,
}

/// A seeded project, for opportunities (and later steps) to refer to.
struct SeededProject {
    id: Uuid,
    owner: Uuid,
    /// An index in the seeded organisations.
    organisation: Option<usize>,
    /// An index in [`catalog::THEMES`].
    theme: usize,
    country: &'static Country,
    city: &'static str,
}

/// What the first steps seed, for the next ones to build on.
struct Marketplace {
    people: Vec<Person>,
    orgs: Vec<Org>,
    projects: Vec<SeededProject>,
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
    let mut summary = Summary::default();
    let market = marketplace(db, &mut rng, plan, &mut summary).await?;
    funding::seed(db, plan, &market).await?;
    // Further steps go here, one line each, in this order, as
    // `module::seed(db, &mut rng, plan, &market, &mut summary).await?;` in a transaction of
    // their own. Each draws from `rng` after the steps before it: adding a step at the end
    // leaves everything seeded before it as it was.
    cooperation::seed(db, &mut rng, plan, &market, &mut summary).await?;
    tracing::debug!(
        members = market.people.len(),
        organisations = market.orgs.len(),
        projects = market.projects.len(),
        "seeded"
    );
    rebuild_listings(db).await?;
    Ok(Some(summary))
}

/// Members, organisations, projects and opportunities: in one transaction for the demo; for
/// benchmarks, members and organisations in one and the bulk inserts in their own.
async fn marketplace(
    db: &Db,
    rng: &mut StdRng,
    plan: &Plan,
    summary: &mut Summary,
) -> anyhow::Result<Marketplace> {
    // argon2 is slow on purpose: hash the shared password once.
    let password_hash = admin::hash_password(DEMO_PASSWORD).await?;
    let txn = db::write_transaction(db).await?;
    let people = members::seed(&txn, rng, plan, &password_hash, summary).await?;
    let orgs = organisations::seed(&txn, rng, plan, &people, summary).await?;
    let projects = if plan.bulk {
        txn.commit().await?;
        scale::projects_and_opportunities(db, rng, plan, &people, &orgs, summary).await?
    } else {
        let projects = projects::seed(&txn, rng, plan, &people, &orgs, summary).await?;
        opportunities::seed(&txn, rng, plan, &people, &orgs, &projects, summary).await?;
        txn.commit().await?;
        projects
    };
    Ok(Marketplace {
        people,
        orgs,
        projects,
    })
}

/// Running replicas rebuild their listing indexes rather than follow row by row.
async fn rebuild_listings(db: &Db) -> anyhow::Result<()> {
    let txn = db::write_transaction(db).await?;
    search::record(&txn, search::ChangeKind::Everything, Uuid::nil())
        .await
        .map_err(error)?;
    txn.commit().await?;
    Ok(())
}

/// The reference data the drafts' codes are parsed with, loaded once.
fn reference() -> crate::error::Result<&'static crate::taxonomies::Taxonomies> {
    static TAXONOMIES: std::sync::OnceLock<Option<crate::taxonomies::Taxonomies>> =
        std::sync::OnceLock::new();
    TAXONOMIES
        .get_or_init(|| crate::taxonomies::Taxonomies::load().ok())
        .as_ref()
        .ok_or_else(|| {
            crate::error::ApiError::Internal(anyhow::anyhow!("cannot load the taxonomies"))
        })
}

/// Writes a demo organisation, its country parsed as a request's would be.
async fn insert_organisation<C: sea_orm::ConnectionTrait>(
    txn: &C,
    owner: Uuid,
    new: crate::organisations::dto::NewOrganisation,
) -> crate::error::Result<crate::entities::organisation::Model> {
    let country = crate::organisations::service::country_of(&new, reference()?)?;
    crate::organisations::queries::insert(txn, owner, new, country).await
}

fn error(e: crate::error::ApiError) -> anyhow::Error {
    anyhow::anyhow!(e.to_string())
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
                .map(|index| {
                    projects::project_draft(&mut rng, index, &people, &[])
                        .new
                        .title
                })
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
