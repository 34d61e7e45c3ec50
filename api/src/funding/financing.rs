//! A project's financing plan: its co-financers (an organisation of the platform or a named
//! funder), each amount pledged or received, some from accepted applications. Totals are
//! kept per currency: no rate is invented to convert one into another.

use std::collections::BTreeMap;

use crate::http::body::Json;
use actix_web::{
    HttpRequest, HttpResponse, delete, get,
    http::header::ETAG,
    patch, post,
    web::{Data, Path},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::db::Db;
use crate::http::conditional::IfMatch;
use crate::http::idempotency::IdempotencyKey;
use crate::{
    accounts::Member,
    codelist::codelist,
    db,
    entities::{
        financing_line::{self, Entity as LineEntity},
        funding_application, funding_call, project,
    },
    error::{ApiError, FieldError, Result, responses},
    http::{
        conditional::{check_if_match, version_etag},
        fields::parse_code,
        idempotency::{self, StoredResponse},
    },
    organisations::queries,
    projects::access::{editable, visible},
    taxonomies::{Code, CodeCheck, Taxonomies},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_plan)
        .service(add_line)
        .service(change_line)
        .service(delete_line);
}

codelist! {
    pub enum LineStatus {
        /// Promised.
        Pledged,
        /// On the project's account.
        Received,
    }
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"funder_name": "Ville de Besançon", "amount": 5000000, "currency": "XOF", "status": "pledged"}))]
pub struct NewFinancingLine {
    /// An organisation of the platform; its name is shown.
    pub organisation_id: Option<Uuid>,
    /// A funder that is not on the platform (required without `organisation_id`).
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Ville de Besançon")]
    pub funder_name: Option<String>,
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub amount: i64,
    /// ISO 4217.
    #[schema(min_length = 3, max_length = 3, example = "XOF")]
    pub currency: String,
    pub status: LineStatus,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"status": "received"}))]
pub struct FinancingLineChanges {
    #[validate(range(min = 1, max = 1_000_000_000_000_i64))]
    #[schema(minimum = 1, maximum = 1_000_000_000_000_i64)]
    pub amount: Option<i64>,
    pub status: Option<LineStatus>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FinancingLine {
    pub id: Uuid,
    pub organisation_id: Option<Uuid>,
    pub funder_name: String,
    pub amount: i64,
    pub currency: String,
    pub status: LineStatus,
    /// The accepted application this grant comes from.
    pub application_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl From<&financing_line::Model> for FinancingLine {
    fn from(row: &financing_line::Model) -> Self {
        Self {
            id: row.id,
            organisation_id: row.organisation_id,
            funder_name: row.funder_name.clone(),
            amount: row.amount,
            currency: row.currency.clone(),
            status: parse_code(&row.status).unwrap_or(LineStatus::Pledged),
            application_id: row.application_id,
            version: row.version,
            created_at: row.created_at,
        }
    }
}

/// The amounts of one currency.
#[derive(Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct CurrencyTotal {
    pub currency: String,
    pub pledged: i64,
    pub received: i64,
    /// Pledged and received.
    pub total: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FinancingPlan {
    pub project_id: Uuid,
    pub budget_amount: Option<i64>,
    pub budget_currency: Option<String>,
    pub lines: Vec<FinancingLine>,
    /// One total per currency, the budget's first.
    pub totals: Vec<CurrencyTotal>,
    /// The share of the budget covered by the lines in the budget's currency, in percent
    /// (lines in other currencies are not converted).
    pub covered_percent: Option<f64>,
}

/// The totals per currency, the budget's currency first, then alphabetically.
pub fn totals(
    lines: &[financing_line::Model],
    budget_currency: Option<&str>,
) -> Vec<CurrencyTotal> {
    let mut by_currency: BTreeMap<String, CurrencyTotal> = BTreeMap::new();
    for line in lines {
        let total = by_currency
            .entry(line.currency.clone())
            .or_insert_with(|| CurrencyTotal {
                currency: line.currency.clone(),
                ..Default::default()
            });
        if line.status == LineStatus::Received.as_str() {
            total.received += line.amount;
        } else {
            total.pledged += line.amount;
        }
        total.total += line.amount;
    }
    let mut totals: Vec<CurrencyTotal> = by_currency.into_values().collect();
    totals.sort_by_key(|total| Some(total.currency.as_str()) != budget_currency);
    totals
}

fn plan(project: &project::Model, lines: &[financing_line::Model]) -> FinancingPlan {
    let totals = totals(lines, project.budget_currency.as_deref());
    let covered_percent = match (project.budget_amount, &project.budget_currency) {
        (Some(budget), Some(currency)) if budget > 0 => {
            let covered = totals
                .iter()
                .find(|total| &total.currency == currency)
                .map_or(0, |total| total.total);
            Some(covered as f64 * 100.0 / budget as f64)
        }
        _ => None,
    };
    FinancingPlan {
        project_id: project.id,
        budget_amount: project.budget_amount,
        budget_currency: project.budget_currency.clone(),
        lines: lines.iter().map(FinancingLine::from).collect(),
        totals,
        covered_percent,
    }
}

async fn lines_of<C: ConnectionTrait>(db: &C, project: Uuid) -> Result<Vec<financing_line::Model>> {
    Ok(LineEntity::find()
        .filter(financing_line::Column::ProjectId.eq(project))
        .order_by_asc(financing_line::Column::CreatedAt)
        .order_by_asc(financing_line::Column::Id)
        .all(db)
        .await?)
}

/// Adds an accepted application's grant to its project's plan, pledged, once.
pub async fn add_grant<C: ConnectionTrait>(
    db: &C,
    application: &funding_application::Model,
    call: &funding_call::Model,
    amount: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let grant = NewFinancingLine {
        organisation_id: Some(call.funder_id),
        funder_name: None,
        amount,
        currency: call.currency.clone(),
        status: LineStatus::Pledged,
    };
    insert_line(
        db,
        application.project_id,
        &grant,
        Some(application.id),
        now,
    )
    .await?;
    Ok(())
}

/// A project's financing plan: public for a published project, like the project.
#[utoipa::path(
    tag = "funding",
    operation_id = "getFinancingPlan",
    params(("id" = Uuid, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The plan and its totals per currency", body = FinancingPlan),
        (status = 404, response = responses::NotFound),
    ),
    security((), ("bearer" = []))
)]
#[get("/projects/{id}/financing")]
async fn get_plan(db: Data<Db>, reader: Option<Member>, id: Path<Uuid>) -> Result<HttpResponse> {
    let project = visible(&db, reader.as_ref(), *id).await?;
    let lines = lines_of(db.get_ref(), project.id).await?;
    Ok(HttpResponse::Ok().json(plan(&project, &lines)))
}

/// Adds a co-financer to a project's plan (its editors).
#[utoipa::path(
    tag = "funding",
    operation_id = "addFinancingLine",
    request_body = NewFinancingLine,
    params(
        ("id" = Uuid, Path, description = "The project's id"),
        IdempotencyKey,
    ),
    responses(
        (status = 201, description = "Added", body = FinancingLine, headers(("ETag" = String))),
        responses::ItemBodyRefusals,
        (status = 409, response = responses::Conflict),
    ),
    security(("bearer" = []))
)]
#[post("/projects/{id}/financing")]
async fn add_line(
    request: HttpRequest,
    db: Data<Db>,
    taxonomies: Data<Taxonomies>,
    member: Member,
    id: Path<Uuid>,
    body: Json<NewFinancingLine>,
) -> Result<HttpResponse> {
    let project = editable(&db, &member, *id).await?;
    let new = body.into_inner();
    check_new_line(&new, &taxonomies)?;
    let fingerprint = idempotency::fingerprint(&new)?;
    idempotency::create(&request, &db, member.id(), &fingerprint, async move |txn| {
        let row = insert_line(txn, project.id, &new, None, Utc::now()).await?;
        StoredResponse::created_versioned(
            &FinancingLine::from(&row),
            format!("/api/v1/projects/{}/financing", project.id),
            row.version,
        )
    })
    .await
}

/// The checks of a new line: its fields, its currency, and a funder named or chosen.
fn check_new_line(new: &NewFinancingLine, taxonomies: &Taxonomies) -> Result<()> {
    let mut errors = ApiError::field_errors_of(new.validate());
    errors.extend(
        CodeCheck::new(taxonomies)
            .one(Code::Currency, "currency", &new.currency)
            .errors(),
    );
    if new.organisation_id.is_none() && new.funder_name.is_none() {
        errors.push(FieldError::new(
            "funder_name",
            "required",
            "name the funder, or choose an organisation",
        ));
    }
    ApiError::valid(errors, ())
}

/// Adds a checked line to `project`'s plan, named after its organisation when it has one;
/// `application` links the accepted application it comes from. The one place a line is made
/// (by its editors, by a grant, by the demo).
pub async fn insert_line<C: ConnectionTrait>(
    txn: &C,
    project: Uuid,
    new: &NewFinancingLine,
    application: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<financing_line::Model> {
    let name = match new.organisation_id {
        Some(organisation) => {
            queries::find(txn, organisation)
                .await
                .map_err(|_| {
                    ApiError::invalid_field("organisation_id", "unknown", "no such organisation")
                })?
                .name
        }
        None => new.funder_name.clone().unwrap_or_default(),
    };
    let line_id = Uuid::now_v7();
    LineEntity::insert(financing_line::ActiveModel {
        id: Set(line_id),
        project_id: Set(project),
        organisation_id: Set(new.organisation_id),
        funder_name: Set(name.trim().to_owned()),
        amount: Set(new.amount),
        currency: Set(new.currency.clone()),
        status: Set(new.status.as_str().into()),
        application_id: Set(application),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(txn)
    .await?;
    find_line(txn, project, line_id).await
}

async fn find_line<C: ConnectionTrait>(
    db: &C,
    project: Uuid,
    id: Uuid,
) -> Result<financing_line::Model> {
    LineEntity::find_by_id(id)
        .filter(financing_line::Column::ProjectId.eq(project))
        .one(db)
        .await?
        .ok_or(ApiError::NotFound("financing line"))
}

/// Changes a line's amount or status, e.g. once the money is received (the project's editors).
#[utoipa::path(
    tag = "funding",
    operation_id = "updateFinancingLine",
    request_body = FinancingLineChanges,
    params(
        ("id" = Uuid, Path, description = "The project's id"),
        ("line_id" = Uuid, Path, description = "The line's id"),
        IfMatch,
    ),
    responses(
        (status = 200, description = "Changed", body = FinancingLine, headers(("ETag" = String))),
        responses::ItemBodyRefusals,
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[patch("/projects/{id}/financing/{line_id}")]
async fn change_line(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
    body: Json<FinancingLineChanges>,
) -> Result<HttpResponse> {
    let (project, line) = path.into_inner();
    let project = editable(&db, &member, project).await?;
    let current = find_line(db.get_ref(), project.id, line).await?;
    let errors = ApiError::field_errors_of(body.validate());
    ApiError::valid(errors, ())?;
    check_if_match(&request, &version_etag(current.version))?;
    let mut row = financing_line::ActiveModel {
        version: Set(current.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    if let Some(amount) = body.amount {
        row.amount = Set(amount);
    }
    if let Some(status) = body.status {
        row.status = Set(status.as_str().into());
    }
    let txn = db::write_transaction(&db).await?;
    db::update_versioned::<LineEntity, _>(&txn, row, &current).await?;
    let row = find_line(&txn, project.id, current.id).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, version_etag(row.version)))
        .json(FinancingLine::from(&row)))
}

/// Removes a line from the plan (the project's editors).
#[utoipa::path(
    tag = "funding",
    operation_id = "deleteFinancingLine",
    params(
        ("id" = Uuid, Path, description = "The project's id"),
        ("line_id" = Uuid, Path, description = "The line's id"),
        IfMatch,
    ),
    responses(
        (status = 204, description = "Removed"),
        responses::ItemRefusals,
        (status = 412, response = responses::PreconditionFailed),
    ),
    security(("bearer" = []))
)]
#[delete("/projects/{id}/financing/{line_id}")]
async fn delete_line(
    request: HttpRequest,
    db: Data<Db>,
    member: Member,
    path: Path<(Uuid, Uuid)>,
) -> Result<HttpResponse> {
    let (project, line) = path.into_inner();
    let project = editable(&db, &member, project).await?;
    let current = find_line(db.get_ref(), project.id, line).await?;
    check_if_match(&request, &version_etag(current.version))?;
    let txn = db::write_transaction(&db).await?;
    db::delete_versioned::<LineEntity, _>(&txn, &current).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(amount: i64, currency: &str, status: &str) -> financing_line::Model {
        let now = Utc::now();
        financing_line::Model {
            id: Uuid::now_v7(),
            project_id: Uuid::nil(),
            organisation_id: None,
            funder_name: "x".into(),
            amount,
            currency: currency.into(),
            status: status.into(),
            application_id: None,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn amounts_are_summed_per_currency_the_budgets_first() {
        let lines = [
            line(100, "EUR", "pledged"),
            line(5_000_000, "XOF", "received"),
            line(50, "EUR", "received"),
            line(1_000_000, "XOF", "pledged"),
        ];
        let totals = totals(&lines, Some("XOF"));
        assert_eq!(
            totals,
            [
                CurrencyTotal {
                    currency: "XOF".into(),
                    pledged: 1_000_000,
                    received: 5_000_000,
                    total: 6_000_000
                },
                CurrencyTotal {
                    currency: "EUR".into(),
                    pledged: 100,
                    received: 50,
                    total: 150
                },
            ]
        );
    }
}
