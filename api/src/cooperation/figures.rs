//! The map-ready aggregates of the atlas: how many links (and linked projects) per country,
//! subdivision or theme.

use actix_web::{
    HttpRequest, HttpResponse, get,
    web::{Data, Query},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

use crate::db::Db;
use crate::{
    error::{Result, responses},
    http::conditional::cached_json,
};
use sea_orm::{ConnectionTrait, Statement};

/// Aggregates and territory figures are asked again each time (with their tag, a 304 when
/// unchanged): a link just recorded must show on the map at once.
pub const REVALIDATE: u32 = 0;
/// The public statistics may be a minute old.
pub const STATS_MAX_AGE: u32 = 60;

/// What links are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AggregateBy {
    /// The ISO 3166-1 country of either side (a link between two countries counts in both).
    Country,
    /// The ISO 3166-2 subdivision of either side.
    Region,
    /// The DAC 5-digit theme.
    Theme,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AggregateQuery {
    pub by: AggregateBy,
}

/// The links and linked projects of one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AggregateCount {
    pub key: String,
    pub links: i64,
    /// Distinct projects linked to those links.
    pub projects: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Aggregates {
    pub by: AggregateBy,
    /// Largest first, then by key.
    pub counts: Vec<AggregateCount>,
}

/// Counts links and linked projects per key.
pub async fn aggregate<C: ConnectionTrait>(db: &C, by: AggregateBy) -> Result<Vec<AggregateCount>> {
    let (table, column) = match by {
        AggregateBy::Country => ("cooperation_link_places", "country"),
        AggregateBy::Region => ("cooperation_link_places", "subdivision"),
        AggregateBy::Theme => ("cooperation_link_themes", "code"),
    };
    let backend = db.get_database_backend();
    let links = Statement::from_string(
        backend,
        format!(
            "SELECT k.{column} AS key, COUNT(DISTINCT k.link_id) AS count FROM {table} k \
             WHERE k.{column} IS NOT NULL GROUP BY k.{column}"
        ),
    );
    let projects = Statement::from_string(
        backend,
        format!(
            "SELECT k.{column} AS key, COUNT(DISTINCT j.project_id) AS count FROM {table} k \
             JOIN cooperation_link_projects j ON j.link_id = k.link_id \
             WHERE k.{column} IS NOT NULL GROUP BY k.{column}"
        ),
    );
    let mut counts: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for row in db.query_all_raw(links).await? {
        counts.entry(row.try_get("", "key")?).or_default().0 = row.try_get("", "count")?;
    }
    for row in db.query_all_raw(projects).await? {
        counts.entry(row.try_get("", "key")?).or_default().1 = row.try_get("", "count")?;
    }
    let mut counts: Vec<AggregateCount> = counts
        .into_iter()
        .map(|(key, (links, projects))| AggregateCount {
            key,
            links,
            projects,
        })
        .collect();
    counts.sort_by(|a, b| b.links.cmp(&a.links).then_with(|| a.key.cmp(&b.key)));
    Ok(counts)
}

/// Counts of links and of their linked projects per country, subdivision (`region`) or
/// theme: what the atlas map and charts draw. Cached briefly, with an ETag.
#[utoipa::path(
    tag = "cooperation",
    operation_id = "getCooperationLinkAggregates",
    params(AggregateQuery),
    responses(
        (status = 200, description = "Counts per key", body = Aggregates,
            headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the `If-None-Match` tag"),
        (status = 400, response = responses::BadRequest),
    ),
    security(())
)]
#[get("/cooperation-links/aggregates")]
pub async fn link_aggregates(
    request: HttpRequest,
    db: Data<Db>,
    query: Query<AggregateQuery>,
) -> Result<HttpResponse> {
    let counts = aggregate(db.get_ref(), query.by).await?;
    cached_json(
        &request,
        &Aggregates {
            by: query.by,
            counts,
        },
        REVALIDATE,
    )
}
