//! A project's results: indicators with a baseline and a target by a due date, and dated
//! measurements ("computers installed: 500 of 30 000"). The shape is IATI's
//! result / indicator / baseline / target / actual, so that they can be exported as such.

use crate::http::body::Json;
use actix_web::{
    HttpRequest, HttpResponse, get, post,
    web::{Data, Path},
};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::db::Db;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::Member,
    entities::{
        indicator_measurement::{self, Entity as MeasurementEntity},
        result_indicator::{self, Entity as IndicatorEntity},
    },
    error::{ApiError, FieldError, Result, responses},
    http::idempotency::{self, StoredResponse},
    projects::access::{editable, visible},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_indicators)
        .service(add_indicator)
        .service(add_measurement);
}

/// The largest value an indicator takes (a count of people, of computers, a percentage...).
const MAX_VALUE: f64 = 1e12;

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "Ordinateurs installés dans les écoles",
    "description": "Postes en service dans les écoles élémentaires de la région de Thiès.",
    "unit": "ordinateurs",
    "baseline_value": 0,
    "baseline_date": "2026-09-01",
    "target_value": 30000,
    "due_on": "2029-06-30"
}))]
pub struct NewIndicator {
    #[validate(length(min = 3, max = 200))]
    #[schema(
        min_length = 3,
        max_length = 200,
        example = "Ordinateurs installés dans les écoles"
    )]
    pub title: String,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    #[validate(length(min = 1, max = 50))]
    #[schema(min_length = 1, max_length = 50, example = "ordinateurs")]
    pub unit: String,
    #[validate(range(min = -1e12, max = 1e12))]
    #[serde(default)]
    pub baseline_value: f64,
    pub baseline_date: Option<NaiveDate>,
    #[validate(range(min = -1e12, max = 1e12))]
    #[schema(example = 30000)]
    pub target_value: f64,
    /// When the target is to be reached.
    pub due_on: NaiveDate,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"measured_on": "2027-06-30", "value": 500, "note": "Premières écoles équipées à Thiès"}))]
pub struct NewMeasurement {
    pub measured_on: NaiveDate,
    #[validate(range(min = -1e12, max = 1e12))]
    #[schema(example = 500)]
    pub value: f64,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000, example = "Premières écoles équipées à Thiès")]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Measurement {
    pub id: Uuid,
    pub measured_on: NaiveDate,
    pub value: f64,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<&indicator_measurement::Model> for Measurement {
    fn from(row: &indicator_measurement::Model) -> Self {
        Self {
            id: row.id,
            measured_on: row.measured_on,
            value: row.value,
            note: row.note.clone(),
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Indicator {
    pub id: Uuid,
    pub project_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub unit: String,
    pub baseline_value: f64,
    pub baseline_date: Option<NaiveDate>,
    pub target_value: f64,
    pub due_on: NaiveDate,
    /// The latest measurement's value (the baseline without one).
    pub actual_value: f64,
    /// How far from the baseline to the target the latest measurement is, 0 to 1.
    pub progress: f64,
    /// Oldest first.
    pub measurements: Vec<Measurement>,
    pub version: i32,
}

/// How far `actual` has gone from `baseline` towards `target`, between 0 and 1 (a target
/// below the baseline, such as fewer dropouts, counts down).
pub fn progress(baseline: f64, target: f64, actual: f64) -> f64 {
    if target == baseline {
        return if actual == target { 1.0 } else { 0.0 };
    }
    ((actual - baseline) / (target - baseline)).clamp(0.0, 1.0)
}

fn indicator(
    row: &result_indicator::Model,
    measurements: Vec<&indicator_measurement::Model>,
) -> Indicator {
    // Measurements come oldest first: the last is the latest.
    let actual = measurements.last().map_or(row.baseline_value, |m| m.value);
    Indicator {
        id: row.id,
        project_id: row.project_id,
        title: row.title.clone(),
        description: row.description.clone(),
        unit: row.unit.clone(),
        baseline_value: row.baseline_value,
        baseline_date: row.baseline_date,
        target_value: row.target_value,
        due_on: row.due_on,
        actual_value: actual,
        progress: progress(row.baseline_value, row.target_value, actual),
        measurements: measurements.into_iter().map(Measurement::from).collect(),
        version: row.version,
    }
}

/// A project's indicators with their measurements, in two queries.
pub async fn indicators_of<C: ConnectionTrait>(db: &C, project: Uuid) -> Result<Vec<Indicator>> {
    let rows = IndicatorEntity::find()
        .filter(result_indicator::Column::ProjectId.eq(project))
        .order_by_asc(result_indicator::Column::CreatedAt)
        .order_by_asc(result_indicator::Column::Id)
        .all(db)
        .await?;
    let measurements = MeasurementEntity::find()
        .filter(indicator_measurement::Column::IndicatorId.is_in(rows.iter().map(|row| row.id)))
        .order_by_asc(indicator_measurement::Column::MeasuredOn)
        .order_by_asc(indicator_measurement::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .map(|row| {
            let own = measurements
                .iter()
                .filter(|m| m.indicator_id == row.id)
                .collect();
            indicator(row, own)
        })
        .collect())
}

/// A project's result indicators and their measurements: public for a published project.
#[utoipa::path(
    tag = "funding",
    operation_id = "listResultIndicators",
    params(("id" = Uuid, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The indicators, progress computed", body = Vec<Indicator>),
        (status = 404, response = responses::NotFound),
    ),
    security((), ("bearer" = []))
)]
#[get("/projects/{id}/indicators")]
async fn list_indicators(
    db: Data<Db>,
    reader: Option<Member>,
    id: Path<Uuid>,
) -> Result<HttpResponse> {
    let project = visible(&db, reader.as_ref(), *id).await?;
    Ok(HttpResponse::Ok().json(indicators_of(db.get_ref(), project.id).await?))
}

fn finite(field: &str, value: f64) -> Option<FieldError> {
    (!value.is_finite() || value.abs() > MAX_VALUE)
        .then(|| FieldError::new(field, "range", "use a number below a thousand billion"))
}

/// Adds a result indicator to a project (its editors).
#[utoipa::path(
    tag = "funding",
    operation_id = "addResultIndicator",
    request_body = NewIndicator,
    params(
        ("id" = Uuid, Path, description = "The project's id"),
        IdempotencyKey,
    ),
    responses(
        (status = 201, description = "Added", body = Indicator),
        responses::ItemBodyRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/projects/{id}/indicators")]
async fn add_indicator(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    id: Path<Uuid>,
    body: Json<NewIndicator>,
) -> Result<HttpResponse> {
    let project = editable(&db, &member, *id).await?;
    let new = body.into_inner();
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(finite("baseline_value", new.baseline_value));
    errors.extend(finite("target_value", new.target_value));
    ApiError::valid(errors, ())?;
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let row = insert_indicator(txn, project.id, new, Utc::now()).await?;
        StoredResponse::created_versioned(
            &indicator(&row, Vec::new()),
            format!("/api/v1/projects/{}/indicators", project.id),
            row.version,
        )
    })
    .await
}

/// Writes a checked indicator.
pub async fn insert_indicator<C: ConnectionTrait>(
    db: &C,
    project: Uuid,
    new: NewIndicator,
    now: DateTime<Utc>,
) -> Result<result_indicator::Model> {
    let id = Uuid::now_v7();
    IndicatorEntity::insert(result_indicator::ActiveModel {
        id: Set(id),
        project_id: Set(project),
        title: Set(new.title.trim().to_owned()),
        description: Set(new.description.filter(|d| !d.trim().is_empty())),
        unit: Set(new.unit.trim().to_owned()),
        baseline_value: Set(new.baseline_value),
        baseline_date: Set(new.baseline_date),
        target_value: Set(new.target_value),
        due_on: Set(new.due_on),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    IndicatorEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("indicator"))
}

/// Writes a checked measurement.
pub async fn insert_measurement<C: ConnectionTrait>(
    db: &C,
    indicator: Uuid,
    author: Uuid,
    new: NewMeasurement,
    now: DateTime<Utc>,
) -> Result<indicator_measurement::Model> {
    let id = Uuid::now_v7();
    MeasurementEntity::insert(indicator_measurement::ActiveModel {
        id: Set(id),
        indicator_id: Set(indicator),
        measured_on: Set(new.measured_on),
        value: Set(new.value),
        note: Set(new.note.filter(|n| !n.trim().is_empty())),
        author_id: Set(author),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    MeasurementEntity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("measurement"))
}

/// Records a measurement of an indicator (the project's editors).
#[utoipa::path(
    tag = "funding",
    operation_id = "addIndicatorMeasurement",
    request_body = NewMeasurement,
    params(
        ("id" = Uuid, Path, description = "The project's id"),
        ("indicator_id" = Uuid, Path, description = "The indicator's id"),
        IdempotencyKey,
    ),
    responses(
        (status = 201, description = "Recorded", body = Measurement),
        responses::ItemBodyRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/projects/{id}/indicators/{indicator_id}/measurements")]
async fn add_measurement(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
    body: Json<NewMeasurement>,
) -> Result<HttpResponse> {
    let (project, indicator) = path.into_inner();
    let project = editable(&db, &member, project).await?;
    let indicator = IndicatorEntity::find_by_id(indicator)
        .filter(result_indicator::Column::ProjectId.eq(project.id))
        .one(db.get_ref())
        .await?
        .ok_or(ApiError::NotFound("indicator"))?;
    let new = body.into_inner();
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(finite("value", new.value));
    ApiError::valid(errors, ())?;
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let row = insert_measurement(txn, indicator.id, member.id(), new, Utc::now()).await?;
        StoredResponse::created(
            &Measurement::from(&row),
            Some(format!("/api/v1/projects/{}/indicators", project.id)),
            None,
        )
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::progress;

    #[test]
    fn progress_goes_from_baseline_to_target() {
        assert_eq!(progress(0.0, 30_000.0, 500.0), 500.0 / 30_000.0);
        assert_eq!(progress(0.0, 30_000.0, 40_000.0), 1.0);
        assert_eq!(progress(100.0, 50.0, 75.0), 0.5);
        assert_eq!(progress(10.0, 10.0, 10.0), 1.0);
        assert_eq!(progress(0.0, 10.0, -5.0), 0.0);
    }
}
