//! `seed --scale N`: the same drafts as the demo, prepared by the services and written in
//! multi-row inserts, opportunities in several transactions, so that a hundred thousand load in
//! minutes.

use chrono::Utc;
use rand::rngs::StdRng;
use sea_orm::{ActiveValue::Set, DatabaseTransaction};

use super::{
    Org, Person, Plan, SeededProject, Summary, error, opportunities::opportunity_draft,
    projects::project_draft, reference,
};
use crate::{
    db::{self, Db},
    opportunities::service as opportunities,
    projects::service as projects,
};

/// Rows per multi-row INSERT in bulk mode (about 26 parameters each, well under SQLite's and
/// PostgreSQL's limits).
pub(super) const BATCH: usize = 400;
/// Opportunities per transaction in bulk mode.
const PER_TRANSACTION: usize = 20_000;

/// Writes projects in one transaction, then opportunities in several.
pub(super) async fn projects_and_opportunities(
    db: &Db,
    rng: &mut StdRng,
    plan: &Plan,
    people: &[Person],
    orgs: &[Org],
    summary: &mut Summary,
) -> anyhow::Result<Vec<SeededProject>> {
    let txn = db::write_transaction(db).await?;
    let seeded = bulk_projects(&txn, rng, plan, people, orgs, summary).await?;
    txn.commit().await?;
    bulk_opportunities(db, rng, plan, people, orgs, &seeded, summary).await?;
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
        draft.count(summary);
        let (owner, path) = (draft.about.owner, &draft.path);
        let now = Utc::now();
        let codes = projects::codes_of(&draft.new, reference().map_err(error)?).map_err(error)?;
        let mut prepared = projects::prepare(owner, draft.new, codes, now);
        let id = prepared.id();
        prepared.row.stage = Set(path.stage);
        prepared.milestone.occurred_on = Set(path.created_on);
        for (from, to, note, on) in &path.history {
            milestones.push(projects::milestone_row(
                id, *from, *to, note, *on, owner, now,
            ));
        }
        seeded.push(draft.about.seeded(id));
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
        let codes =
            opportunities::codes_of(&draft.new, reference().map_err(error)?).map_err(error)?;
        let (owner, kind) = (draft.owner, draft.organisation_kind);
        let mut prepared = opportunities::prepare(owner, draft.new, codes, kind, Utc::now());
        prepared.row.status = Set(draft.status);
        summary.opportunities += 1;
        summary.open_opportunities +=
            usize::from(draft.status == crate::opportunities::OpportunityStatus::Open);
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

/// `items` in vectors of `size` (the last one shorter).
pub(super) fn chunks<T>(items: Vec<T>, size: usize) -> Vec<Vec<T>> {
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
