//! `GET /api/v1/exports/iati.xml` and `GET /api/v1/exports/{kind}.csv`: open data, streamed.

use actix_web::{
    HttpResponse, get,
    http::header::{CACHE_CONTROL, CONTENT_DISPOSITION},
    web::{Data, Path},
};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{
    exports::{self, CsvKind},
    iati::Publisher,
};
use crate::{
    db::Db,
    error::{ApiError, Result, responses},
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(export_iati).service(export_csv);
}

/// The published projects as IATI 2.03 activities (`iati-activities`), for the IATI Registry
/// and aid-transparency tools. Streamed.
#[utoipa::path(
    tag = "exports",
    operation_id = "exportIati",
    responses(
        (status = 200, description = "An IATI 2.03 activity file", content_type = "application/xml", body = String),
    ),
    security(())
)]
#[get("/exports/iati.xml")]
async fn export_iati(db: Data<Db>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/xml; charset=utf-8")
        .insert_header((CACHE_CONTROL, "public, max-age=300"))
        .streaming(exports::iati_stream(
            db.get_ref().clone(),
            Publisher::default(),
        ))
}

/// Public projects, open opportunities, organisations or cooperation links as CSV (RFC 4180,
/// UTF-8, lists joined with `;`). Streamed: any number of rows in constant memory.
#[utoipa::path(
    tag = "exports",
    operation_id = "exportCsv",
    params(("kind" = inline(CsvKind), Path, description = "What to export")),
    responses(
        (status = 200, description = "The CSV, header first", content_type = "text/csv", body = String),
        (status = 404, response = responses::NotFound),
    ),
    security(())
)]
#[get("/exports/{kind}.csv")]
async fn export_csv(db: Data<Db>, kind: Path<String>) -> Result<HttpResponse> {
    let kind = CsvKind::parse(&kind).ok_or(ApiError::NotFound("export"))?;
    let name = kind.name();
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"marcottage-{name}.csv\""),
        ))
        .streaming(exports::csv_stream(db.get_ref().clone(), kind)))
}
