//! Cursor pagination, sorting and facets over a filtered set of rows.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, Order, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{ExprTrait, SimpleExpr},
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{ApiError, Result};

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best matches first (the default when `q` is given).
    Relevance,
    /// Most recent first (the default otherwise).
    #[default]
    Newest,
    /// Soonest expiry first (opportunities).
    ExpiringSoon,
}

/// Where the previous page ended: the sort key of its last row and its id. Rows are ordered
/// by (key, id), so inserting rows never moves the rows after a cursor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cursor {
    pub sort: Sort,
    /// The sort key of the last row: a relevance score or an RFC 3339 time; none for newest.
    pub key: Option<String>,
    pub id: Uuid,
}

impl Cursor {
    pub fn encode(&self) -> String {
        hex::encode(serde_json::to_vec(self).unwrap_or_default())
    }

    pub fn decode(raw: &str, sort: Sort) -> Result<Self> {
        let invalid = || {
            ApiError::invalid_field(
                "cursor",
                "invalid",
                "this cursor is not one we gave, or belongs to another sort",
            )
        };
        let bytes = hex::decode(raw).map_err(|_| invalid())?;
        let cursor: Self = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        if cursor.sort != sort {
            return Err(invalid());
        }
        Ok(cursor)
    }
}

/// The checks every search query shares: the length of `q`, and the shape of the `country`
/// and `sector` codes (a code of the right shape that matches nothing simply finds nothing).
pub fn query_errors(
    q: Option<&str>,
    country: Option<&str>,
    sector: Option<&str>,
) -> Vec<crate::error::FieldError> {
    use crate::error::FieldError;
    let mut errors = Vec::new();
    if q.is_some_and(|q| q.chars().count() > 200) {
        errors.push(FieldError::new("q", "length", "use at most 200 characters"));
    }
    if country.is_some_and(|c| c.len() != 2 || !c.chars().all(|c| c.is_ascii_alphabetic())) {
        errors.push(FieldError::new(
            "country",
            "unknown_code",
            "use an ISO 3166-1 alpha-2 code",
        ));
    }
    if sector
        .is_some_and(|s| !(s.len() == 3 || s.len() == 5) || !s.chars().all(|c| c.is_ascii_digit()))
    {
        errors.push(FieldError::new(
            "sector",
            "unknown_code",
            "use a 3-digit category or a 5-digit DAC code",
        ));
    }
    errors
}

/// Checks `limit` (1..=100, default 20).
pub fn limit(requested: Option<u64>) -> Result<u64> {
    let limit = requested.unwrap_or(DEFAULT_LIMIT);
    if (1..=MAX_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::invalid_field(
            "limit",
            "range",
            format!("use 1 to {MAX_LIMIT}"),
        ))
    }
}

/// The total and facets of one set of filters.
#[derive(Debug, Clone)]
pub struct Counted<F> {
    pub total: i64,
    pub facets: F,
}

/// Totals and facets kept per set of filters (see [`crate::cache`]).
pub type CountsCache<F> = crate::cache::ChangeAwareCache<String, Counted<F>>;

/// One value of a facet and how many results have it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: i64,
}

/// Sorts facet counts, largest first, then by value.
pub fn facet(mut counts: Vec<(String, i64)>) -> Vec<FacetCount> {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect()
}

/// One page of ids in the order of `sort`, and the cursor of the next page. The caller loads
/// the rows; the ids alone keep this the same for every kind of item.
pub struct RankedPage {
    pub ids: Vec<Uuid>,
    pub next_cursor: Option<String>,
}

/// The columns a listing orders by.
pub struct OrderColumns<C> {
    pub id: C,
    /// For `expiring_soon`; `None` where items do not expire.
    pub expires_at: Option<C>,
    /// The relevance score expression for `relevance`; `None` without search terms.
    pub relevance: Option<SimpleExpr>,
}

pub async fn ranked_page<E>(
    db: &DatabaseConnection,
    condition: Condition,
    sort: Sort,
    cursor: Option<Cursor>,
    limit: u64,
    columns: OrderColumns<E::Column>,
) -> Result<RankedPage>
where
    E: EntityTrait,
{
    let invalid = || ApiError::invalid_field("cursor", "invalid", "this cursor is not one we gave");
    let id = columns.id;
    let base = E::find().select_only().column(id).filter(condition);
    let mut keyed: Vec<(Uuid, Option<String>)> = match (sort, columns.expires_at, columns.relevance)
    {
        (Sort::ExpiringSoon, Some(expires), _) => {
            let mut select = base.column(expires).order_by_asc(expires).order_by_asc(id);
            if let Some(cursor) = &cursor {
                let key: DateTime<Utc> = cursor
                    .key
                    .as_deref()
                    .and_then(|k| k.parse().ok())
                    .ok_or_else(invalid)?;
                select = select.filter(
                    Condition::any()
                        .add(expires.gt(key))
                        .add(Condition::all().add(expires.eq(key)).add(id.gt(cursor.id))),
                );
            }
            let rows: Vec<(Uuid, DateTime<Utc>)> =
                select.limit(limit + 1).into_tuple().all(db).await?;
            rows.into_iter()
                .map(|(id, key)| (id, Some(key.to_rfc3339())))
                .collect()
        }
        (Sort::Relevance, _, Some(score)) => {
            let mut select = base
                .column_as(score.clone(), "score")
                .order_by(score.clone(), Order::Desc)
                .order_by_desc(id);
            if let Some(cursor) = &cursor {
                let key: f64 = cursor
                    .key
                    .as_deref()
                    .and_then(|k| k.parse().ok())
                    .ok_or_else(invalid)?;
                select = select.filter(
                    Condition::any()
                        .add(score.clone().lt(key))
                        .add(Condition::all().add(score.eq(key)).add(id.lt(cursor.id))),
                );
            }
            let rows: Vec<(Uuid, f64)> = select.limit(limit + 1).into_tuple().all(db).await?;
            rows.into_iter()
                .map(|(id, score)| (id, Some(format!("{score:?}"))))
                .collect()
        }
        _ => {
            let mut select = base.order_by_desc(id);
            if let Some(cursor) = &cursor {
                select = select.filter(id.lt(cursor.id));
            }
            let rows: Vec<Uuid> = select.limit(limit + 1).into_tuple().all(db).await?;
            rows.into_iter().map(|id| (id, None)).collect()
        }
    };
    let next_cursor = if keyed.len() as u64 > limit {
        keyed.truncate(limit as usize);
        keyed.last().map(|(id, key)| {
            Cursor {
                sort,
                key: key.clone(),
                id: *id,
            }
            .encode()
        })
    } else {
        None
    };
    Ok(RankedPage {
        ids: keyed.into_iter().map(|(id, _)| id).collect(),
        next_cursor,
    })
}

/// The parts of a search request that every list reads alike, checked.
pub struct PageRequest {
    /// The folded, stemmed words of `q`.
    pub terms: Vec<String>,
    pub sort: Sort,
    pub cursor: Option<Cursor>,
    pub limit: u64,
}

impl PageRequest {
    pub fn parse(
        q: Option<&str>,
        sort: Option<Sort>,
        requested_limit: Option<u64>,
        cursor: Option<&str>,
    ) -> Result<Self> {
        let limit = limit(requested_limit)?;
        let terms = q.map(crate::search::text::query_terms).unwrap_or_default();
        let sort = effective_sort(sort, !terms.is_empty());
        let cursor = cursor.map(|raw| Cursor::decode(raw, sort)).transpose()?;
        Ok(Self {
            terms,
            sort,
            cursor,
            limit,
        })
    }
}

/// One page of rows in the order of the request's sort, and the cursor of the next page.
pub async fn rows_page<E>(
    db: &DatabaseConnection,
    condition: Condition,
    request: PageRequest,
    columns: OrderColumns<E::Column>,
    id_of: fn(&E::Model) -> Uuid,
) -> Result<(Vec<E::Model>, Option<String>)>
where
    E: EntityTrait,
{
    let id = columns.id;
    let page = ranked_page::<E>(
        db,
        condition,
        request.sort,
        request.cursor,
        request.limit,
        columns,
    )
    .await?;
    let rows = E::find().filter(id.is_in(page.ids.clone())).all(db).await?;
    Ok((in_order(&page.ids, rows, id_of), page.next_cursor))
}

/// The rows matching `condition` created in (`after`, `until`] by someone other than
/// `not_owner`, oldest first: what a saved search has not announced yet.
pub async fn created_between<E, C>(
    db: &C,
    condition: Condition,
    columns: [E::Column; 3],
    after: DateTime<Utc>,
    until: DateTime<Utc>,
    not_owner: Uuid,
    limit: u64,
) -> Result<Vec<E::Model>>
where
    E: EntityTrait,
    C: sea_orm::ConnectionTrait,
{
    let [id, created_at, owner_id] = columns;
    Ok(E::find()
        .filter(
            condition
                .add(created_at.gt(after))
                .add(created_at.lte(until))
                .add(owner_id.ne(not_owner)),
        )
        .order_by_asc(id)
        .limit(limit)
        .all(db)
        .await?)
}

/// Puts loaded rows in the order of `ids`.
pub fn in_order<T>(ids: &[Uuid], rows: Vec<T>, id_of: impl Fn(&T) -> Uuid) -> Vec<T> {
    let mut by_id: std::collections::HashMap<Uuid, T> =
        rows.into_iter().map(|row| (id_of(&row), row)).collect();
    ids.iter().filter_map(|id| by_id.remove(id)).collect()
}

/// Picks the sort: relevance needs words; without them the newest come first.
pub fn effective_sort(requested: Option<Sort>, has_terms: bool) -> Sort {
    match (requested, has_terms) {
        (Some(Sort::Relevance), false) | (None, false) => Sort::Newest,
        (Some(sort), _) => sort,
        (None, true) => Sort::Relevance,
    }
}
