//! `GET /api/v1/opportunities/{id}/matches`, `/api/v1/projects/{id}/matches` and
//! `/api/v1/me/matches`.

use actix_web::{
    HttpResponse, get,
    web::{Data, Path, Query},
};
use std::sync::Arc;

use chrono::Utc;
use sea_orm::{DatabaseConnection, EntityTrait};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{
    candidates::{self, Wanted},
    score::{self, Reason, Side},
    sides::{self, Context},
};
use crate::{
    accounts::{Member, dto::strings},
    cache::ChangeAwareCache,
    entities::{
        opportunity::{self, Entity as OpportunityEntity},
        project, user,
    },
    error::{ApiError, FieldError, Result, responses},
    opportunities::dto::{Direction, Opportunity},
    projects::routes::visible as visible_project,
    taxonomies::OpportunityCategory,
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
        if self
            .country
            .as_deref()
            .is_some_and(|c| c.len() != 2 || !c.chars().all(|c| c.is_ascii_alphabetic()))
        {
            errors.push(FieldError::new(
                "country",
                "unknown_code",
                "use an ISO 3166-1 alpha-2 code",
            ));
        }
        if errors.is_empty() {
            Ok(limit)
        } else {
            Err(ApiError::Validation(errors))
        }
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

/// A match as cached: with its author, so that the reader's own can be left out per request
/// (the author is hidden in `opportunity` when anonymous).
#[derive(Debug, Clone)]
pub struct Ranked {
    owner_id: Uuid,
    found: Match,
}

/// Ranked matches kept per seeker and filters (see [`crate::cache`]): the ranking is the same
/// for every reader.
pub type MatchesCache = ChangeAwareCache<String, Arc<Vec<Ranked>>>;

/// Enough ranked matches to serve the largest `limit` after leaving out the reader's own.
const KEPT: u64 = MAX_LIMIT + 10;

/// Who the matches are for. Their [`Side`] is built inside the cached computation: the
/// author's languages and organisation are read only when the ranking is (re)computed.
enum Seeker {
    Opportunity(opportunity::Model),
    Project(project::Model),
    Member(Box<user::Model>),
}

impl Seeker {
    async fn side(self, db: &DatabaseConnection) -> Result<Side> {
        Ok(match self {
            Self::Opportunity(row) => {
                let context = Context::load(db, [row.owner_id], row.organisation_id).await?;
                sides::of_opportunity(&row, &context)
            }
            Self::Project(row) => {
                let context = Context::load(db, [row.owner_id], row.organisation_id).await?;
                sides::of_project(&row, &context)
            }
            Self::Member(user) => sides::of_member(&user),
        })
    }
}

/// Scores the candidates against the seeker and keeps the best.
async fn ranked(
    db: DatabaseConnection,
    seeker: Seeker,
    wanted: Wanted,
) -> Result<Arc<Vec<Ranked>>> {
    let seeker = seeker.side(&db).await?;
    let rows = candidates::find(&db, &wanted, &seeker, KEPT).await?;
    let context = Context::load(
        &db,
        rows.iter().map(|row| row.owner_id),
        rows.iter().filter_map(|row| row.organisation_id),
    )
    .await?;
    let now = Utc::now();
    let mut scored: Vec<(score::Scored, &opportunity::Model)> = rows
        .iter()
        .map(|row| {
            (
                score::score(&seeker, &sides::of_opportunity(row, &context), now),
                row,
            )
        })
        .collect();
    scored.sort_by(|(a, x), (b, y)| b.score.total_cmp(&a.score).then_with(|| y.id.cmp(&x.id)));
    Ok(Arc::new(
        scored
            .into_iter()
            .take(KEPT as usize)
            .map(|(scored, row)| Ranked {
                owner_id: row.owner_id,
                found: Match {
                    opportunity: Opportunity::from_row(row, false),
                    score: scored.score,
                    reasons: scored.reasons,
                },
            })
            .collect(),
    ))
}

/// The cached ranking of `key`, without the reader's own items, cut to `limit`.
async fn matches(
    db: &DatabaseConnection,
    cache: &MatchesCache,
    key: String,
    seeker: Seeker,
    wanted: Wanted,
    reader: Option<&Member>,
    limit: u64,
) -> Result<HttpResponse> {
    let db = db.clone();
    let all = cache
        .get_or_compute(key, || ranked(db, seeker, wanted))
        .await?;
    let reader = reader.map(Member::id);
    let items = all
        .iter()
        .filter(|ranked| Some(ranked.owner_id) != reader)
        .take(limit as usize)
        .map(|ranked| ranked.found.clone())
        .collect();
    Ok(HttpResponse::Ok().json(Matches { items }))
}

/// What a ranking depends on besides the seeker.
fn filters_key(query: &MatchQuery) -> String {
    format!(
        "{:?}:{:?}",
        query.country.as_deref().map(str::to_uppercase),
        query.category
    )
}

fn category_code(category: Option<OpportunityCategory>) -> Vec<&'static str> {
    category
        .map(OpportunityCategory::code)
        .into_iter()
        .collect()
}

/// Complementary opportunities: offers for a request and requests for an offer, of the same
/// category, open, never the author's own (nor the reader's).
#[utoipa::path(
    tag = "matches",
    path = "/opportunities/{id}/matches",
    params(("id" = Uuid, Path, description = "The opportunity's id"), MatchQuery),
    responses(
        (status = 200, description = "The best matches with their reasons", body = Matches),
        (status = 400, response = responses::BadRequest),
        (status = 404, response = responses::NotFound),
        (status = 422, response = responses::UnprocessableEntity),
    ),
    security((), ("bearer" = []))
)]
#[get("/opportunities/{id}/matches")]
async fn opportunity_matches(
    db: Data<DatabaseConnection>,
    cache: Data<MatchesCache>,
    reader: Option<Member>,
    id: Path<Uuid>,
    query: Query<MatchQuery>,
) -> Result<HttpResponse> {
    let limit = query.checked_limit()?;
    let row = OpportunityEntity::find_by_id(*id)
        .one(db.get_ref())
        .await?
        .ok_or(ApiError::NotFound("opportunity"))?;
    let opposite = if row.direction == Direction::Offer.as_str() {
        Direction::Request
    } else {
        Direction::Offer
    };
    let wanted = Wanted {
        direction: Some(opposite.as_str()),
        categories: vec![static_code(&row.category)],
        not_owned_by: vec![row.owner_id],
        not_id: Some(row.id),
        country: query.country.clone(),
    };
    let key = format!("opportunity:{}:{}", row.id, filters_key(&query));
    let seeker = Seeker::Opportunity(row);
    matches(&db, &cache, key, seeker, wanted, reader.as_ref(), limit).await
}

/// Offers in the categories the project needs (or the one asked for, if it is a need).
#[utoipa::path(
    tag = "matches",
    path = "/projects/{id}/matches",
    params(("id" = Uuid, Path, description = "The project's id"), MatchQuery),
    responses(
        (status = 200, description = "The best matches with their reasons", body = Matches),
        (status = 400, response = responses::BadRequest),
        (status = 404, response = responses::NotFound),
        (status = 422, response = responses::UnprocessableEntity),
    ),
    security((), ("bearer" = []))
)]
#[get("/projects/{id}/matches")]
async fn project_matches(
    db: Data<DatabaseConnection>,
    cache: Data<MatchesCache>,
    reader: Option<Member>,
    id: Path<Uuid>,
    query: Query<MatchQuery>,
) -> Result<HttpResponse> {
    let limit = query.checked_limit()?;
    let row = visible_project(db.get_ref(), reader.as_ref(), *id).await?;
    let needs: Vec<&'static str> = strings(&row.needs)
        .iter()
        .map(|need| static_code(need))
        .filter(|need| query.category.is_none_or(|asked| asked.code() == *need))
        .collect();
    if needs.is_empty() {
        return Ok(HttpResponse::Ok().json(Matches { items: Vec::new() }));
    }
    let wanted = Wanted {
        direction: Some(Direction::Offer.as_str()),
        categories: needs,
        not_owned_by: vec![row.owner_id],
        not_id: None,
        country: query.country.clone(),
    };
    let key = format!("project:{}:{}", row.id, filters_key(&query));
    let seeker = Seeker::Project(row);
    matches(&db, &cache, key, seeker, wanted, reader.as_ref(), limit).await
}

/// Open offers for the caller's profile: their sectors, countries, skills and languages.
#[utoipa::path(
    tag = "matches",
    path = "/me/matches",
    params(MatchQuery),
    responses(
        (status = 200, description = "The best matches with their reasons", body = Matches),
        (status = 400, response = responses::BadRequest),
        (status = 401, response = responses::Unauthorized),
        (status = 422, response = responses::UnprocessableEntity),
    ),
    security(("bearer" = []))
)]
#[get("/me/matches")]
async fn my_matches(
    db: Data<DatabaseConnection>,
    cache: Data<MatchesCache>,
    member: Member,
    query: Query<MatchQuery>,
) -> Result<HttpResponse> {
    let limit = query.checked_limit()?;
    let wanted = Wanted {
        direction: Some(Direction::Offer.as_str()),
        categories: category_code(query.category),
        not_owned_by: vec![member.id()],
        not_id: None,
        country: query.country.clone(),
    };
    // The profile's version is in the key: a changed profile is a new seeker.
    let key = format!(
        "member:{}:{}:{}",
        member.id(),
        member.user.version,
        filters_key(&query)
    );
    let seeker = Seeker::Member(Box::new(member.user.clone()));
    matches(&db, &cache, key, seeker, wanted, Some(&member), limit).await
}

/// The stored category as the vocabulary's own `&'static str` (unknown codes match nothing).
fn static_code(stored: &str) -> &'static str {
    OpportunityCategory::ALL
        .into_iter()
        .map(OpportunityCategory::code)
        .find(|code| *code == stored)
        .unwrap_or("")
}
