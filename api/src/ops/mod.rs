//! Operations endpoints: liveness, readiness and Prometheus metrics.

use actix_web::{HttpResponse, get, web::Data};
use prometheus::{Encoder, Registry, TextEncoder};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::db::Db;
use crate::error::{ApiError, Result, responses};
use crate::search::sync::Indexes;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(healthz).service(readyz).service(metrics);
}

/// The state of the process or of its dependencies.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok` for liveness, `ready` for readiness.
    pub status: String,
}

/// Liveness: the process answers.
#[utoipa::path(
    tag = "operations",
    responses((status = 200, description = "The process is alive", body = Health)),
    security(())
)]
#[get("/healthz")]
async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// Readiness: the database answers and the listing indexes are built (until then listings
/// are answered from the database, slowly). A load balancer takes the replica out while this
/// is 503.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Ready to serve", body = Health),
        (status = 503, response = responses::ServiceUnavailable),
    ),
    security(())
)]
#[get("/readyz")]
async fn readyz(db: Data<Db>, indexes: Data<Indexes>) -> Result<HttpResponse> {
    db.ping().await.map_err(|error| {
        tracing::warn!(%error, "database ping failed");
        ApiError::ServiceUnavailable("database")
    })?;
    if !indexes.is_ready() {
        return Err(ApiError::ServiceUnavailable("listing indexes being built"));
    }
    Ok(HttpResponse::Ok().json(Health {
        status: "ready".into(),
    }))
}

/// Prometheus metrics: request counts and latency histograms by route and status.
#[utoipa::path(
    tag = "operations",
    responses((status = 200, description = "Metrics in the Prometheus text format",
        body = String, content_type = "text/plain")),
    security(())
)]
#[get("/metrics")]
async fn metrics(registry: Data<Registry>) -> Result<HttpResponse> {
    let mut buffer = Vec::new();
    TextEncoder::new()
        .encode(&registry.gather(), &mut buffer)
        .map_err(|error| ApiError::Internal(error.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(buffer))
}
