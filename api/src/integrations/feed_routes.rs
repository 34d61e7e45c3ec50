//! `GET /api/v1/events`: the public event feed for clients that poll.

use actix_web::{
    HttpResponse, get,
    web::{Data, Query},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::events::{self, FeedEvent};
use crate::{
    db::Db,
    error::{ApiError, Result, responses},
};

const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 1000;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_events);
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FeedQuery {
    /// The last `sequence` seen; 0 (the default) starts at the beginning.
    #[param(minimum = 0)]
    pub after: Option<i64>,
    /// Events per page, 1 to 1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u64>,
}

/// A page of the feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedPage {
    pub items: Vec<FeedEvent>,
    /// Pass as `after` to read on; equal to the request's `after` when nothing is new.
    pub next_after: i64,
}

/// Public marketplace events in order, without gaps: poll with `after=<next_after>`.
#[utoipa::path(
    tag = "integrations",
    operation_id = "listEvents",
    params(FeedQuery),
    responses(
        (status = 200, description = "Events after `after`, oldest first", body = FeedPage),
        responses::QueryRefusals,
    ),
    security(())
)]
#[get("/events")]
async fn list_events(db: Data<Db>, query: Query<FeedQuery>) -> Result<HttpResponse> {
    let after = query.after.unwrap_or(0);
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if after < 0 {
        return Err(ApiError::invalid_field("after", "range", "use 0 or more"));
    }
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::invalid_field(
            "limit",
            "range",
            format!("use 1 to {MAX_LIMIT}"),
        ));
    }
    let items = events::after(db.get_ref(), after, limit).await?;
    let next_after = items.last().map_or(after, |event| event.sequence);
    Ok(HttpResponse::Ok().json(FeedPage { items, next_after }))
}
