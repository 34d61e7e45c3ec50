//! Open data exports: CSV of the public projects, opportunities and organisations, and the
//! published projects as IATI 2.03 activities. Each is streamed a batch of rows at a time in
//! id order (keyset paging), so that memory stays flat whatever the number of rows.
//!
//! Adding a CSV kind is one variant of [`CsvKind`] and one function that turns a batch of its
//! public rows into records.

use std::collections::HashMap;

use actix_web::web::Bytes;
use chrono::{DateTime, Utc};
use futures_util::{Stream, stream};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::iati::Activity;
use crate::{
    db::Db,
    entities::{
        cooperation_link::{self, Entity as CooperationLinks},
        financing_line::{self, Entity as FinancingLines},
        indicator_measurement::{self, Entity as Measurements},
        opportunity::{self, Entity as Opportunities},
        organisation::{self, Entity as Organisations},
        project::{self, Entity as Projects},
        result_indicator::{self, Entity as Indicators},
    },
    error::{ApiError, Result},
    opportunities::OpportunityStatus,
    projects::ProjectStatus,
};

/// Rows read per query: small enough to keep memory flat, large enough to keep queries few.
const BATCH: u64 = 1_000;

/// What can be exported as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CsvKind {
    Projects,
    Opportunities,
    Organisations,
    #[serde(rename = "cooperation-links")]
    CooperationLinks,
}

impl CsvKind {
    const ALL: [Self; 4] = [
        Self::Projects,
        Self::Opportunities,
        Self::Organisations,
        Self::CooperationLinks,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Projects => "projects",
            Self::Opportunities => "opportunities",
            Self::Organisations => "organisations",
            Self::CooperationLinks => "cooperation-links",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    fn header(self) -> &'static [&'static str] {
        match self {
            Self::Projects => &[
                "id",
                "title",
                "summary",
                "stage",
                "status",
                "countries",
                "sectors",
                "organisation_id",
                "budget_amount",
                "budget_currency",
                "language",
                "created_at",
                "updated_at",
            ],
            Self::Opportunities => &[
                "id",
                "direction",
                "category",
                "title",
                "country",
                "city",
                "remote",
                "sectors",
                "skills",
                "organisation_id",
                "organisation_kind",
                "starts_on",
                "duration_months",
                "expires_at",
                "created_at",
            ],
            Self::Organisations => &[
                "id",
                "name",
                "kind",
                "country",
                "city",
                "website",
                "verified",
                "created_at",
            ],
            Self::CooperationLinks => &[
                "id",
                "north_name",
                "north_country",
                "north_level",
                "north_subdivision",
                "north_place",
                "north_organisation_id",
                "south_name",
                "south_country",
                "south_level",
                "south_subdivision",
                "south_place",
                "south_organisation_id",
                "confirmed",
                "themes",
                "started",
                "status",
                "description",
                "created_at",
                "updated_at",
            ],
        }
    }

    /// The next batch of public rows after `after`: each row's id and its record.
    async fn batch(self, db: &Db, after: Option<Uuid>) -> Result<Vec<(Uuid, Vec<String>)>> {
        match self {
            Self::Projects => project_records(db, after).await,
            Self::Opportunities => opportunity_records(db, after).await,
            Self::Organisations => organisation_records(db, after).await,
            Self::CooperationLinks => cooperation_link_records(db, after).await,
        }
    }
}

fn list(items: &[String]) -> String {
    items.join(";")
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

async fn project_records(db: &Db, after: Option<Uuid>) -> Result<Vec<(Uuid, Vec<String>)>> {
    let rows = public_projects(db, after).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let record = vec![
                row.id.to_string(),
                row.title,
                row.summary,
                row.stage.as_str().to_owned(),
                row.status.as_str().to_owned(),
                list(&row.countries),
                list(&row.sectors),
                optional(row.organisation_id),
                optional(row.budget_amount),
                optional(row.budget_currency),
                row.language,
                time(row.created_at),
                time(row.updated_at),
            ];
            (row.id, record)
        })
        .collect())
}

/// Projects anyone may read (drafts are their authors' only), in id order.
async fn public_projects(db: &Db, after: Option<Uuid>) -> Result<Vec<project::Model>> {
    let query = Projects::find().filter(project::Column::Status.ne(ProjectStatus::Draft));
    next_batch(db, query, project::Column::Id, after).await
}

async fn opportunity_records(db: &Db, after: Option<Uuid>) -> Result<Vec<(Uuid, Vec<String>)>> {
    let query = Opportunities::find()
        .filter(opportunity::Column::Status.eq(OpportunityStatus::Open))
        .filter(opportunity::Column::ExpiresAt.gt(Utc::now()));
    let rows = next_batch(db, query, opportunity::Column::Id, after).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            // An anonymous opportunity does not lead back to its organisation.
            let organisation = (!row.anonymous).then_some(row.organisation_id).flatten();
            let record = vec![
                row.id.to_string(),
                row.direction.as_str().to_owned(),
                row.category.as_str().to_owned(),
                row.title,
                row.country,
                row.city.unwrap_or_default(),
                row.remote.to_string(),
                list(&row.sectors),
                list(&row.skills),
                optional(organisation),
                row.organisation_kind
                    .map(|kind| kind.as_str().to_owned())
                    .unwrap_or_default(),
                optional(row.starts_on),
                optional(row.duration_months),
                time(row.expires_at),
                time(row.created_at),
            ];
            (row.id, record)
        })
        .collect())
}

async fn organisation_records(db: &Db, after: Option<Uuid>) -> Result<Vec<(Uuid, Vec<String>)>> {
    let query = Organisations::find();
    let rows = next_batch(db, query, organisation::Column::Id, after).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let record = vec![
                row.id.to_string(),
                row.name,
                row.kind.as_str().to_owned(),
                row.country,
                row.city.unwrap_or_default(),
                row.website.unwrap_or_default(),
                row.verified.to_string(),
                time(row.created_at),
            ];
            (row.id, record)
        })
        .collect())
}

/// The next `BATCH` rows of `query` after the id `after`, in id order (keyset paging: each
/// batch costs the same however far the export has gone).
async fn next_batch<E: EntityTrait>(
    db: &Db,
    query: Select<E>,
    id: E::Column,
    after: Option<Uuid>,
) -> Result<Vec<E::Model>> {
    let query = query.order_by_asc(id).limit(BATCH);
    let query = match after {
        Some(after) => query.filter(id.gt(after)),
        None => query,
    };
    Ok(query.all(db).await?)
}

/// Every link of the atlas is public (as on `GET /cooperation-links`).
async fn cooperation_link_records(
    db: &Db,
    after: Option<Uuid>,
) -> Result<Vec<(Uuid, Vec<String>)>> {
    let query = CooperationLinks::find();
    let rows = next_batch(db, query, cooperation_link::Column::Id, after).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let record = vec![
                row.id.to_string(),
                row.north_name,
                row.north_country,
                row.north_level,
                row.north_subdivision.unwrap_or_default(),
                row.north_place,
                optional(row.north_organisation_id),
                row.south_name,
                row.south_country,
                row.south_level,
                row.south_subdivision.unwrap_or_default(),
                row.south_place,
                optional(row.south_organisation_id),
                row.confirmed.to_string(),
                list(&row.themes),
                optional(row.started),
                row.status,
                row.description,
                time(row.created_at),
                time(row.updated_at),
            ];
            (row.id, record)
        })
        .collect())
}

/// A spreadsheet opens a cell starting with one of these as a formula (CSV injection): such a
/// cell is written with a leading apostrophe.
fn defused(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

fn csv_bytes(records: impl IntoIterator<Item = Vec<String>>) -> Result<Bytes> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        writer
            .write_record(record.into_iter().map(defused))
            .map_err(|e| ApiError::Internal(e.into()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(Bytes::from(bytes))
}

enum Cursor {
    Start,
    After(Option<Uuid>),
    Done,
}

/// The CSV of `kind`, header first, a batch at a time.
pub fn csv_stream(db: Db, kind: CsvKind) -> impl Stream<Item = Result<Bytes>> + 'static {
    stream::unfold(Cursor::Start, move |cursor| {
        let db = db.clone();
        async move {
            match cursor {
                Cursor::Start => {
                    let header = kind.header().iter().map(|s| (*s).to_owned()).collect();
                    Some((csv_bytes([header]), Cursor::After(None)))
                }
                Cursor::After(after) => match kind.batch(&db, after).await {
                    Ok(rows) if rows.is_empty() => None,
                    Ok(rows) => {
                        let next = match rows.len() as u64 {
                            n if n < BATCH => Cursor::Done,
                            _ => Cursor::After(rows.last().map(|(id, _)| *id)),
                        };
                        Some((csv_bytes(rows.into_iter().map(|(_, r)| r)), next))
                    }
                    Err(error) => Some((Err(error), Cursor::Done)),
                },
                Cursor::Done => None,
            }
        }
    })
}

/// The published projects as an IATI 2.03 `iati-activities` document, a batch at a time.
pub fn iati_stream(
    db: Db,
    publisher: super::iati::Publisher,
) -> impl Stream<Item = Result<Bytes>> + 'static {
    stream::unfold(Cursor::Start, move |cursor| {
        let db = db.clone();
        let publisher = publisher.clone();
        async move {
            match cursor {
                Cursor::Start => Some((
                    Ok(Bytes::from(super::iati::opening(Utc::now()))),
                    Cursor::After(None),
                )),
                Cursor::After(after) => match published_activities(&db, after).await {
                    Ok(rows) if rows.is_empty() => {
                        Some((Ok(Bytes::from(super::iati::CLOSING)), Cursor::Done))
                    }
                    Ok(rows) => {
                        let next = Cursor::After(rows.last().map(|row| row.project.id));
                        let xml: String = rows
                            .iter()
                            .map(|row| super::iati::activity(&publisher, row))
                            .collect();
                        Some((Ok(Bytes::from(xml)), next))
                    }
                    Err(error) => Some((Err(error), Cursor::Done)),
                },
                Cursor::Done => None,
            }
        }
    })
}

/// A batch of published projects with their organisations, financing lines and indicators
/// (four queries per batch, whatever its size).
async fn published_activities(db: &Db, after: Option<Uuid>) -> Result<Vec<Activity>> {
    let query = Projects::find().filter(project::Column::Status.eq(ProjectStatus::Published));
    let rows = next_batch(db, query, project::Column::Id, after).await?;
    let project_ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let organisation_ids: Vec<Uuid> = rows.iter().filter_map(|row| row.organisation_id).collect();
    let organisations: HashMap<Uuid, organisation::Model> = Organisations::find()
        .filter(organisation::Column::Id.is_in(organisation_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let mut financing = grouped(
        FinancingLines::find()
            .filter(financing_line::Column::ProjectId.is_in(project_ids.clone()))
            .order_by_asc(financing_line::Column::CreatedAt)
            .all(db)
            .await?,
        |line| line.project_id,
    );
    let indicators = Indicators::find()
        .filter(result_indicator::Column::ProjectId.is_in(project_ids))
        .order_by_asc(result_indicator::Column::CreatedAt)
        .all(db)
        .await?;
    let mut measurements = grouped(
        Measurements::find()
            .filter(
                indicator_measurement::Column::IndicatorId
                    .is_in(indicators.iter().map(|indicator| indicator.id)),
            )
            .order_by_asc(indicator_measurement::Column::MeasuredOn)
            .all(db)
            .await?,
        |measurement| measurement.indicator_id,
    );
    let mut indicators = grouped(
        indicators
            .into_iter()
            .map(|indicator| {
                let taken = measurements.remove(&indicator.id).unwrap_or_default();
                (indicator, taken)
            })
            .collect(),
        |(indicator, _)| indicator.project_id,
    );
    Ok(rows
        .into_iter()
        .map(|project| Activity {
            organisation: project
                .organisation_id
                .and_then(|id| organisations.get(&id).cloned()),
            financing: financing.remove(&project.id).unwrap_or_default(),
            indicators: indicators.remove(&project.id).unwrap_or_default(),
            project,
        })
        .collect())
}

/// `items` by `key`, each group in the items' order.
fn grouped<T>(items: Vec<T>, key: impl Fn(&T) -> Uuid) -> HashMap<Uuid, Vec<T>> {
    let mut groups: HashMap<Uuid, Vec<T>> = HashMap::new();
    for item in items {
        groups.entry(key(&item)).or_default().push(item);
    }
    groups
}
