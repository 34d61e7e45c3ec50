//! `GET /api/v1/opportunities/{id}/matches`, `/api/v1/projects/{id}/matches` and
//! `/api/v1/me/matches`.

use std::sync::RwLockReadGuard;

use actix_web::{
    HttpResponse, get,
    web::{Data, Path, Query},
};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    rank::{self, Wanted},
    score::{self, Reason, Side},
    sides::{self, Context},
};
use crate::db::Db;
use crate::{
    accounts::Member,
    error::{ApiError, FieldError, Result, responses},
    http::raw_json::RawObject,
    opportunities::{
        dto::{Direction, Opportunity},
        listing::Opportunities,
    },
    projects::access::visible as visible_project,
    search::{Listing, index::Index},
    taxonomies::{Code, OpportunityCategory, filter_error},
};

const DEFAULT_LIMIT: u64 = 10;
const MAX_LIMIT: u64 = 50;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(opportunity_matches)
        .service(project_matches)
        .service(my_matches);
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchQuery {
    /// How many matches, 1 to 50 (default 10).
    #[param(minimum = 1, maximum = 50)]
    pub limit: Option<u64>,
    /// Only opportunities in this country (ISO 3166-1 alpha-2).
    #[param(pattern = "^[A-Za-z]{2}$")]
    pub country: Option<String>,
    /// Only this category (for a project, one of its needs; for a profile, any).
    pub category: Option<OpportunityCategory>,
}

impl MatchQuery {
    fn checked_limit(&self) -> Result<u64> {
        let mut errors = Vec::new();
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            errors.push(FieldError::new(
                "limit",
                "range",
                format!("use 1 to {MAX_LIMIT}"),
            ));
        }
        errors.extend(filter_error(
            Code::Country,
            "country",
            self.country.as_deref(),
        ));
        ApiError::valid(errors, limit)
    }
}

/// An opportunity that matches, how well (0 to 1) and why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Match {
    pub opportunity: Opportunity,
    pub score: f64,
    /// Strongest first; criteria the pair does not meet are left out.
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Matches {
    /// Best first.
    pub items: Vec<Match>,
}

/// The best matches for `side`, with their reasons, as [`Matches`] (the opportunities as
/// every reader of a listing sees them).
#[tracing::instrument(level = "info", skip_all, fields(limit = limit, items = tracing::field::Empty))]
fn matches(index: &Index<Opportunities>, side: &Side, wanted: &Wanted, limit: u64) -> HttpResponse {
    let now = Utc::now();
    let items: Vec<Vec<u8>> = rank::best(index, side, wanted, limit as usize, now)
        .into_iter()
        .filter_map(|found| {
            let scored = score::score(side, &rank::side_of(index, found.slot)?, now);
            let written = RawObject::new()
                .raw("opportunity", &index.body(found.slot)?)
                .value("score", &scored.score)
                .value("reasons", &scored.reasons)
                .finish();
            Some(written)
        })
        .collect();
    tracing::Span::current().record("items", items.len());
    RawObject::new().raw_array("items", &items).respond()
}

/// Matches are ranked from the index: until it is built (a few seconds after a start on a
/// large marketplace), the client is asked to come back.
fn ready(listing: &Listing<Opportunities>) -> Result<RwLockReadGuard<'_, Index<Opportunities>>> {
    if listing.is_ready() {
        Ok(listing.read())
    } else {
        Err(ApiError::ServiceUnavailable("matches are being prepared"))
    }
}

fn category_code(category: Option<OpportunityCategory>) -> Vec<&'static str> {
    category
        .map(OpportunityCategory::as_str)
        .into_iter()
        .collect()
}

/// Complementary opportunities: offers for a request and requests for an offer, of the same
/// category, open, never the author's own (nor the reader's).
#[utoipa::path(
    tag = "matches",
    operation_id = "listOpportunityMatches",
    params(("id" = Uuid, Path, description = "The opportunity's id"), MatchQuery),
    responses(
        (status = 200, description = "The best matches with their reasons", body = Matches),
        responses::QueryRefusals,
        (status = 404, response = responses::NotFound),
        (status = 503, response = responses::ServiceUnavailable),
    ),
    security((), ("bearer" = []))
)]
#[get("/opportunities/{id}/matches")]
async fn opportunity_matches(
    listing: Data<Listing<Opportunities>>,
    reader: Option<Member>,
    id: Path<Uuid>,
    query: Query<MatchQuery>,
) -> Result<HttpResponse> {
    let limit = query.checked_limit()?;
    let index = ready(&listing)?;
    let seeker = index
        .slot(&id)
        .and_then(|slot| rank::seeker(&index, slot))
        .ok_or(ApiError::NotFound("opportunity"))?;
    let opposite = match seeker.direction {
        Direction::Offer => Direction::Request,
        Direction::Request => Direction::Offer,
    };
    let wanted = Wanted {
        direction: Some(opposite),
        categories: vec![seeker.category],
        country: query.country.clone(),
        not_id: Some(*id),
        seeker_owner: Some(seeker.owner),
        reader: reader.as_ref().map(Member::id),
    };
    Ok(matches(&index, &seeker.side, &wanted, limit))
}

/// Offers in the categories the project needs (or the one asked for, if it is a need).
#[utoipa::path(
    tag = "matches",
    operation_id = "listProjectMatches",
    params(("id" = Uuid, Path, description = "The project's id"), MatchQuery),
    responses(
        (status = 200, description = "The best matches with their reasons", body = Matches),
        responses::QueryRefusals,
        (status = 404, response = responses::NotFound),
        (status = 503, response = responses::ServiceUnavailable),
    ),
    security((), ("bearer" = []))
)]
#[get("/projects/{id}/matches")]
async fn project_matches(
    db: Data<Db>,
    listing: Data<Listing<Opportunities>>,
    reader: Option<Member>,
    id: Path<Uuid>,
    query: Query<MatchQuery>,
) -> Result<HttpResponse> {
    let limit = query.checked_limit()?;
    let row = visible_project(db.get_ref(), reader.as_ref(), *id).await?;
    let needs: Vec<&'static str> = row
        .needs
        .iter()
        .map(|need| need.as_str())
        .filter(|need| query.category.is_none_or(|asked| asked.as_str() == *need))
        .collect();
    if needs.is_empty() {
        return Ok(HttpResponse::Ok().json(Matches { items: Vec::new() }));
    }
    let context = Context::load(db.get_ref(), [row.owner_id], row.organisation_id).await?;
    let side = sides::of_project(&row, &context);
    let wanted = Wanted {
        direction: Some(Direction::Offer),
        categories: needs,
        country: query.country.clone(),
        not_id: None,
        seeker_owner: Some(row.owner_id),
        reader: reader.as_ref().map(Member::id),
    };
    let index = ready(&listing)?;
    Ok(matches(&index, &side, &wanted, limit))
}

/// Open offers for the caller's profile: their sectors, countries, skills and languages.
#[utoipa::path(
    tag = "matches",
    operation_id = "listMyMatches",
    params(MatchQuery),
    responses(
        (status = 200, description = "The best matches with their reasons", body = Matches),
        responses::QueryRefusals,
        (status = 401, response = responses::Unauthorized),
        (status = 503, response = responses::ServiceUnavailable),
    ),
    security(("bearer" = []))
)]
#[get("/me/matches")]
async fn my_matches(
    listing: Data<Listing<Opportunities>>,
    member: Member,
    query: Query<MatchQuery>,
) -> Result<HttpResponse> {
    let limit = query.checked_limit()?;
    let wanted = Wanted {
        direction: Some(Direction::Offer),
        categories: category_code(query.category),
        country: query.country.clone(),
        not_id: None,
        seeker_owner: Some(member.id()),
        reader: Some(member.id()),
    };
    let side = sides::of_member(&member.user);
    let index = ready(&listing)?;
    Ok(matches(&index, &side, &wanted, limit))
}
