//! Operations endpoints: liveness, readiness and Prometheus metrics.

use actix_web::{HttpRequest, HttpResponse, get, http::header, web::Data};
use prometheus::{Encoder, Registry, TextEncoder};
use secrecy::ExposeSecret;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::config::{Config, Environment};
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
    operation_id = "getHealth",
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
    operation_id = "getReadiness",
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

/// Prometheus metrics: request counts and latency histograms by route and status. In
/// production only for the scraper's token (`MARCOTTAGE_METRICS_TOKEN`): they tell which
/// routes are used and how, nobody else's business.
#[utoipa::path(
    tag = "operations",
    operation_id = "getMetrics",
    responses((status = 200, description = "Metrics in the Prometheus text format",
        body = String, content_type = "text/plain")),
    security(())
)]
#[get("/metrics")]
async fn metrics(
    request: HttpRequest,
    config: Data<Config>,
    registry: Data<Registry>,
) -> Result<HttpResponse> {
    if config.environment == Environment::Production {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        let allowed = match (&config.metrics_token, given) {
            (Some(token), Some(given)) => {
                let token = token.expose_secret();
                !token.is_empty() && same(token.as_bytes(), given.as_bytes())
            }
            _ => false,
        };
        if !allowed {
            return Err(ApiError::NotFound("route"));
        }
    }
    let mut buffer = Vec::new();
    TextEncoder::new()
        .encode(&registry.gather(), &mut buffer)
        .map_err(|error| ApiError::Internal(error.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(buffer))
}

/// Compares in a time that does not tell how much of a guess was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |diff, (x, y)| diff | (x ^ y)) == 0
}
