//! Public statistics of the marketplace: projects by stage, country and sector category;
//! open opportunities by category and direction; partnerships formed per month; cooperation
//! links by country and theme. Plain counts, cached briefly with an ETag.

use std::collections::BTreeMap;

use actix_web::{HttpRequest, HttpResponse, get, web::Data};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Statement, Value,
};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::db::Db;
use crate::{
    cooperation::figures::{AggregateBy, AggregateCount, STATS_MAX_AGE, aggregate},
    entities::{interest, introduction},
    error::Result,
    http::conditional::cached_json,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(public_stats);
}

/// How many items have one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct KeyCount {
    pub key: String,
    pub count: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectStats {
    /// Published projects per stage.
    pub by_stage: Vec<KeyCount>,
    /// Published projects per country they act in.
    pub by_country: Vec<KeyCount>,
    /// Published projects per DAC 3-digit sector category.
    pub by_sector_category: Vec<KeyCount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OpportunityStats {
    /// Open opportunities per category.
    pub by_category: Vec<KeyCount>,
    /// Open opportunities per direction (`offer`, `request`).
    pub by_direction: Vec<KeyCount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkStats {
    pub by_country: Vec<AggregateCount>,
    pub by_theme: Vec<AggregateCount>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicStats {
    pub projects: ProjectStats,
    pub opportunities: OpportunityStats,
    /// Accepted interests and introductions per month (`2026-11`), oldest first.
    pub partnerships_per_month: Vec<KeyCount>,
    pub cooperation_links: LinkStats,
}

/// `sql` returns `key` and `count` rows; largest first, then by key.
async fn counts<C: ConnectionTrait>(
    db: &C,
    sql: &str,
    values: Vec<Value>,
) -> Result<Vec<KeyCount>> {
    let statement = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    let mut counts = db
        .query_all_raw(statement)
        .await?
        .into_iter()
        .map(|row| {
            Ok(KeyCount {
                key: row.try_get("", "key")?,
                count: row.try_get("", "count")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    Ok(counts)
}

/// The statistics, as computed now.
pub async fn compute<C: ConnectionTrait>(db: &C) -> Result<PublicStats> {
    let published = "FROM projects p WHERE p.status = 'published'";
    let projects = ProjectStats {
        by_stage: counts(
            db,
            &format!("SELECT p.stage AS key, COUNT(*) AS count {published} GROUP BY p.stage"),
            vec![],
        )
        .await?,
        by_country: counts(
            db,
            "SELECT c.country AS key, COUNT(DISTINCT c.project_id) AS count \
             FROM project_countries c JOIN projects p ON p.id = c.project_id \
             WHERE p.status = 'published' GROUP BY c.country",
            vec![],
        )
        .await?,
        by_sector_category: counts(
            db,
            "SELECT s.category AS key, COUNT(DISTINCT s.project_id) AS count \
             FROM project_sectors s JOIN projects p ON p.id = s.project_id \
             WHERE p.status = 'published' GROUP BY s.category",
            vec![],
        )
        .await?,
    };
    let placeholder = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => "$1",
        _ => "?",
    };
    let open =
        format!("FROM opportunities o WHERE o.status = 'open' AND o.expires_at > {placeholder}");
    let now = || vec![Value::from(Utc::now())];
    let opportunities = OpportunityStats {
        by_category: counts(
            db,
            &format!("SELECT o.category AS key, COUNT(*) AS count {open} GROUP BY o.category"),
            now(),
        )
        .await?,
        by_direction: counts(
            db,
            &format!("SELECT o.direction AS key, COUNT(*) AS count {open} GROUP BY o.direction"),
            now(),
        )
        .await?,
    };
    Ok(PublicStats {
        projects,
        opportunities,
        partnerships_per_month: partnerships_per_month(db).await?,
        cooperation_links: LinkStats {
            by_country: aggregate(db, AggregateBy::Country).await?,
            by_theme: aggregate(db, AggregateBy::Theme).await?,
        },
    })
}

/// Accepted interests (by the month of the answer) and introductions (by the month both
/// sides had accepted), counted per month.
async fn partnerships_per_month<C: ConnectionTrait>(db: &C) -> Result<Vec<KeyCount>> {
    let interests: Vec<(Option<chrono::DateTime<Utc>>,)> = interest::Entity::find()
        .select_only()
        .column(interest::Column::AnsweredAt)
        .filter(interest::Column::Status.eq("accepted"))
        .into_tuple()
        .all(db)
        .await?;
    let introductions: Vec<(chrono::DateTime<Utc>,)> = introduction::Entity::find()
        .select_only()
        .column(introduction::Column::UpdatedAt)
        .filter(introduction::Column::Status.eq("accepted"))
        .into_tuple()
        .all(db)
        .await?;
    let mut months: BTreeMap<String, i64> = BTreeMap::new();
    let times = interests
        .into_iter()
        .filter_map(|(at,)| at)
        .chain(introductions.into_iter().map(|(at,)| at));
    for at in times {
        *months.entry(at.format("%Y-%m").to_string()).or_default() += 1;
    }
    Ok(months
        .into_iter()
        .map(|(key, count)| KeyCount { key, count })
        .collect())
}

/// Public statistics of the marketplace, for the statistics page and for anyone's charts.
#[utoipa::path(
    tag = "cooperation",
    operation_id = "getPublicStats",
    responses(
        (status = 200, description = "The statistics", body = PublicStats,
            headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the `If-None-Match` tag"),
    ),
    security(())
)]
#[get("/stats")]
async fn public_stats(request: HttpRequest, db: Data<Db>) -> Result<HttpResponse> {
    let stats = compute(db.get_ref()).await?;
    cached_json(&request, &stats, STATS_MAX_AGE)
}
