//! The items members get in touch about: a project or an opportunity, resolved to its owner.
//! Shared by expressions of interest and introductions.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::{
    codelist::codelist,
    entities::{
        opportunity::{self, Entity as Opportunity},
        project::{self, Entity as Project},
    },
    error::Result,
    opportunities::OpportunityStatus,
    projects::ProjectStatus,
};

codelist! {
    /// What kind of item an interest is about.
    pub enum TargetKind {
        Project,
        Opportunity,
    }
}

/// A project or an opportunity as contact needs it.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: TargetKind,
    pub id: Uuid,
    pub title: String,
    pub owner_id: Uuid,
    pub organisation_id: Option<Uuid>,
    /// The owner is hidden until a contact is accepted.
    pub anonymous: bool,
    /// Readable by anyone (drafts are not).
    pub public: bool,
    /// Welcomes contact: a published project, an open opportunity not past its expiry.
    pub open: bool,
}

impl From<project::Model> for Item {
    fn from(row: project::Model) -> Self {
        Self {
            kind: TargetKind::Project,
            id: row.id,
            public: row.status != ProjectStatus::Draft,
            open: row.status == ProjectStatus::Published,
            title: row.title,
            owner_id: row.owner_id,
            organisation_id: row.organisation_id,
            anonymous: false,
        }
    }
}

impl From<opportunity::Model> for Item {
    fn from(row: opportunity::Model) -> Self {
        Self {
            kind: TargetKind::Opportunity,
            id: row.id,
            public: true,
            open: OpportunityStatus::of(&row, Utc::now()) == OpportunityStatus::Open,
            title: row.title,
            owner_id: row.owner_id,
            organisation_id: row.organisation_id,
            anonymous: row.anonymous,
        }
    }
}

/// The item, if it exists (whoever may see it: callers decide what to reveal).
pub async fn find<C: ConnectionTrait>(db: &C, kind: TargetKind, id: Uuid) -> Result<Option<Item>> {
    Ok(match kind {
        TargetKind::Project => Project::find_by_id(id).one(db).await?.map(Item::from),
        TargetKind::Opportunity => Opportunity::find_by_id(id).one(db).await?.map(Item::from),
    })
}

/// The titles of many items at once, by id (items since deleted are absent).
pub async fn titles<C: ConnectionTrait>(
    db: &C,
    items: impl IntoIterator<Item = (TargetKind, Uuid)>,
) -> Result<HashMap<Uuid, String>> {
    let (mut projects, mut opportunities) = (Vec::new(), Vec::new());
    for (kind, id) in items {
        match kind {
            TargetKind::Project => projects.push(id),
            TargetKind::Opportunity => opportunities.push(id),
        }
    }
    let mut titles = HashMap::new();
    if !projects.is_empty() {
        let rows: Vec<(Uuid, String)> = Project::find()
            .select_only()
            .columns([project::Column::Id, project::Column::Title])
            .filter(project::Column::Id.is_in(projects))
            .into_tuple()
            .all(db)
            .await?;
        titles.extend(rows);
    }
    if !opportunities.is_empty() {
        let rows: Vec<(Uuid, String)> = Opportunity::find()
            .select_only()
            .columns([opportunity::Column::Id, opportunity::Column::Title])
            .filter(opportunity::Column::Id.is_in(opportunities))
            .into_tuple()
            .all(db)
            .await?;
        titles.extend(rows);
    }
    Ok(titles)
}

/// Which of these opportunities hide their owner.
pub async fn anonymous_opportunities<C: ConnectionTrait>(
    db: &C,
    ids: Vec<Uuid>,
) -> Result<std::collections::HashSet<Uuid>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<Uuid> = Opportunity::find()
        .select_only()
        .column(opportunity::Column::Id)
        .filter(opportunity::Column::Id.is_in(ids))
        .filter(opportunity::Column::Anonymous.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}
