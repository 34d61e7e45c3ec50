//! The listing engine's database side: the same criteria, orders and counts as the index,
//! written in SQL from each kind's field declarations. It answers while an index is being
//! built, and it is what saved-search alerts ask (the database being the truth).

use chrono::{DateTime, Utc};
use futures_util::future::try_join_all;
use sea_orm::{
    ConnectionTrait, DbBackend, FromQueryResult, QueryResult,
    sea_query::{
        Alias, Condition, Expr, ExprTrait, Func, Order, Query, SelectStatement, SimpleExpr,
    },
};
use uuid::Uuid;

use super::{
    backend,
    kind::{FacetCounts, Field, ListingKind, Scope, Stored},
    listing::Answer,
    query::{Criteria, Cursor, PageRequest, Sort, facet},
};
use crate::db::Db;
use crate::error::Result;

fn column(table: &str, column: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(column)))
}

/// The condition of `criteria` on the kind's table.
pub fn condition<K: ListingKind>(criteria: &Criteria, backend: DbBackend) -> Condition {
    let mut condition = Condition::all();
    for (name, values) in &criteria.filters {
        condition = condition.add(match K::FIELDS.iter().find(|field| field.name == *name) {
            Some(field) => field_condition::<K>(field, values, backend),
            None => Expr::val(false),
        });
    }
    if !criteria.terms.is_empty() {
        condition = condition.add(backend::matches(backend, K::TABLE, &criteria.terms));
    }
    condition
}

fn field_condition<K: ListingKind>(
    field: &Field,
    values: &[String],
    backend: DbBackend,
) -> SimpleExpr {
    let values = values.to_vec();
    match field.stored {
        Stored::Column(name) => column(K::TABLE, name).is_in(values),
        Stored::Flag(name) => column(K::TABLE, name).is_in(values.iter().map(|v| v == "true")),
        // A correlated EXISTS: the database stops at the first linked row of each item.
        Stored::Linked { table, item, value } => Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(Alias::new(table))
                .and_where(column(table, item).equals((Alias::new(K::TABLE), Alias::new("id"))))
                .and_where(column(table, value).is_in(values))
                .to_owned(),
        ),
        // A JSON array of codes: the quoted code cannot match inside another one.
        Stored::JsonList(name) => values
            .into_iter()
            .map(|value| {
                let text = match backend {
                    DbBackend::Postgres => format!("{}.{name}::text LIKE $1", K::TABLE),
                    _ => format!("{}.{name} LIKE ?", K::TABLE),
                };
                Expr::cust_with_values(text, [format!("%\"{value}\"%")])
            })
            .reduce(|any, one| any.or(one))
            .unwrap_or_else(|| Expr::val(false)),
        Stored::Custom(condition) => condition(&values, backend),
        Stored::Index => Expr::val(false),
    }
}

/// One page by the database, its total and its facets.
#[tracing::instrument(
    level = "debug",
    name = "database_search",
    skip_all,
    fields(
        listing = K::TABLE,
        terms = criteria.terms.len(),
        filters = criteria.filters.len(),
    )
)]
pub async fn search<K: ListingKind>(
    db: &Db,
    criteria: &Criteria,
    request: &PageRequest,
) -> Result<Answer> {
    let backend = db.get_database_backend();
    let condition = condition::<K>(criteria, backend);
    let (ids, next_cursor) = ranked_page::<K>(db, condition.clone(), criteria, request).await?;
    let mut documents = K::load(db, Scope::Ids(ids.clone())).await?;
    let items = ids
        .iter()
        .filter_map(|id| {
            let at = documents.iter().position(|document| document.id == *id)?;
            Some(documents.swap_remove(at).json.get().as_bytes().to_vec())
        })
        .collect();
    let (total, facets) = counts::<K>(db, condition).await?;
    Ok(Answer {
        items,
        next_cursor,
        total,
        facets,
    })
}

/// The sort key of a page's rows.
enum Key {
    None,
    Score(f64),
    Time(DateTime<Utc>),
}

async fn ranked_page<K: ListingKind>(
    db: &Db,
    condition: Condition,
    criteria: &Criteria,
    request: &PageRequest,
) -> Result<(Vec<Uuid>, Option<String>)> {
    let mut select = Query::select();
    select
        .expr_as(column(K::TABLE, "id"), Alias::new("id"))
        .from(Alias::new(K::TABLE))
        .cond_where(condition);
    let read_key = order_after_cursor::<K>(&mut select, db, criteria, request)?;
    select.limit(request.limit + 1);
    let rows = db.query_all(&select).await?;
    let keyed_ids = rows
        .iter()
        .map(|row| Ok((row.try_get::<Uuid>("", "id")?, read_key(row)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(page_of(keyed_ids, request))
}

/// Orders `select` by the request's sort (relevance with words, else the kind's sort key,
/// else newest id) and starts it after the cursor; how to read each row's sort key back.
fn order_after_cursor<K: ListingKind>(
    select: &mut SelectStatement,
    db: &Db,
    criteria: &Criteria,
    request: &PageRequest,
) -> Result<fn(&QueryResult) -> Result<Key>> {
    let id = || column(K::TABLE, "id");
    let keyed = K::SORTS.iter().find(|key| key.sort == request.sort);
    let cursor = request.cursor.as_ref();
    Ok(match (request.sort, keyed) {
        (Sort::Relevance, _) if !criteria.terms.is_empty() => {
            let backend = db.get_database_backend();
            let score = backend::relevance(backend, K::TABLE, &criteria.terms);
            select
                .expr_as(score.clone(), Alias::new("key"))
                .order_by_expr(score.clone(), Order::Desc)
                .order_by_expr(id(), Order::Desc);
            if let Some(cursor) = cursor {
                let key = cursor.score()?;
                select.and_where(
                    score
                        .clone()
                        .lt(key)
                        .or(score.eq(key).and(id().lt(cursor.id))),
                );
            }
            |row| Ok(Key::Score(row.try_get("", "key")?))
        }
        (_, Some(keyed)) => {
            let key = || column(K::TABLE, keyed.column);
            select
                .expr_as(key(), Alias::new("key"))
                .order_by_expr(key(), Order::Asc)
                .order_by_expr(id(), Order::Asc);
            if let Some(cursor) = cursor {
                let at = cursor.time()?;
                select.and_where(key().gt(at).or(key().eq(at).and(id().gt(cursor.id))));
            }
            |row| Ok(Key::Time(row.try_get("", "key")?))
        }
        _ => {
            select.order_by_expr(id(), Order::Desc);
            if let Some(cursor) = cursor {
                select.and_where(id().lt(cursor.id));
            }
            |_| Ok(Key::None)
        }
    })
}

/// The page's ids from one row more than it holds, and the cursor to the next page when that
/// row was there.
fn page_of(mut keyed_ids: Vec<(Uuid, Key)>, request: &PageRequest) -> (Vec<Uuid>, Option<String>) {
    let next_cursor = if keyed_ids.len() as u64 > request.limit {
        keyed_ids.truncate(request.limit as usize);
        keyed_ids.last().map(|(id, key)| {
            Cursor {
                sort: request.sort,
                key: match key {
                    Key::None => None,
                    Key::Score(score) => Some(format!("{score:?}")),
                    Key::Time(time) => Some(time.to_rfc3339()),
                },
                id: *id,
            }
            .encode()
        })
    } else {
        None
    };
    (
        keyed_ids.into_iter().map(|(id, _)| id).collect(),
        next_cursor,
    )
}

#[derive(FromQueryResult)]
struct ValueCount {
    value: Option<String>,
    count: i64,
}

/// The total and the facets of a condition, queried side by side.
async fn counts<K: ListingKind>(db: &Db, condition: Condition) -> Result<(u64, FacetCounts)> {
    let backend = db.get_database_backend();
    let matching = || {
        Query::select()
            .expr(column(K::TABLE, "id"))
            .from(Alias::new(K::TABLE))
            .cond_where(condition.clone())
            .to_owned()
    };
    let total = {
        let mut count = matching();
        count
            .clear_selects()
            .expr_as(Func::count(Expr::val(1)), Alias::new("count"));
        count
    };
    let facets: Vec<(&'static str, SelectStatement)> = K::FIELDS
        .iter()
        .filter(|field| field.facet)
        .filter_map(|field| Some((field.name, facet_query::<K>(field, matching())?)))
        .collect();
    let total = async {
        let row = db.query_one(&total).await?;
        Ok::<_, crate::error::ApiError>(
            row.map(|row| row.try_get::<i64>("", "count"))
                .transpose()?
                .unwrap_or(0),
        )
    };
    let facets = try_join_all(facets.into_iter().map(|(name, query)| async move {
        let counts = ValueCount::find_by_statement(backend.build(&query))
            .all(db)
            .await?;
        let counts = counts
            .into_iter()
            .filter_map(|row| Some((row.value?, row.count)))
            .collect();
        Ok::<_, crate::error::ApiError>((name, facet(counts)))
    }));
    let (total, facets) = tokio::try_join!(total, facets)?;
    Ok((u64::try_from(total).unwrap_or(0), facets))
}

/// How many matching items have each value of a facet field.
fn facet_query<K: ListingKind>(
    field: &Field,
    matching: SelectStatement,
) -> Option<SelectStatement> {
    let count = Alias::new("count");
    let value = Alias::new("value");
    match field.stored {
        Stored::Column(name) => {
            let mut query = matching;
            query
                .clear_selects()
                .expr_as(column(K::TABLE, name), value)
                .expr_as(Func::count(Expr::val(1)), count)
                .group_by_col((Alias::new(K::TABLE), Alias::new(name)));
            Some(query)
        }
        Stored::Linked {
            table,
            item,
            value: linked,
        } => Some(
            Query::select()
                .expr_as(column(table, linked), value)
                .expr_as(Func::count_distinct(column(table, item)), count)
                .from(Alias::new(table))
                .and_where(column(table, item).in_subquery(matching))
                .group_by_col((Alias::new(table), Alias::new(linked)))
                .to_owned(),
        ),
        Stored::Flag(_) | Stored::JsonList(_) | Stored::Custom(_) | Stored::Index => None,
    }
}

/// The ids and titles of the items meeting `criteria` created in (`after`, `until`] by
/// someone other than `not_owner`, oldest first: what a saved search has not announced yet.
pub async fn created_between<K: ListingKind, C: ConnectionTrait>(
    db: &C,
    criteria: &Criteria,
    (after, until): (DateTime<Utc>, DateTime<Utc>),
    not_owner: Uuid,
    limit: u64,
) -> Result<Vec<(Uuid, String)>> {
    let backend = db.get_database_backend();
    let created = || column(K::TABLE, "created_at");
    let query = Query::select()
        .expr_as(column(K::TABLE, "id"), Alias::new("id"))
        .expr_as(column(K::TABLE, K::TITLE), Alias::new("title"))
        .from(Alias::new(K::TABLE))
        .cond_where(condition::<K>(criteria, backend))
        .and_where(created().gt(after))
        .and_where(created().lte(until))
        .and_where(column(K::TABLE, "owner_id").ne(not_owner))
        .order_by((Alias::new(K::TABLE), Alias::new("id")), Order::Asc)
        .limit(limit)
        .to_owned();
    let rows = db.query_all(&query).await?;
    rows.iter()
        .map(|row| Ok((row.try_get("", "id")?, row.try_get("", "title")?)))
        .collect()
}
