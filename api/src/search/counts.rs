//! Search totals and facets, cached per set of filters.
//!
//! A page of results costs a few index reads; its `total` and `facets` cost a pass over every
//! matching row (about 95 000 rows for the unfiltered list at 100 000 opportunities, measured
//! in `docs/benchmarks.md`). So they are kept per set of filters (never per page, sort or
//! cursor) and reused:
//! - a successful change through this server starts a new [`Generation`], and counts of an
//!   older generation are never read again, so whoever changes something sees it counted;
//! - counts live at most `search_counts_ttl_seconds`, which bounds how late changes through
//!   other replicas, and opportunities expiring, show in them.

use std::{
    future::Future,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::Method,
    middleware::Next,
    web::Data,
};
use moka::future::Cache;

use crate::error::Result;

/// How many sets of filters are remembered per kind of item.
const MAX_FILTER_SETS: u64 = 10_000;

/// Counts the changes made through this server.
#[derive(Debug, Default)]
pub struct Generation(AtomicU64);

impl Generation {
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    pub fn advance(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

/// Middleware: every successful change (any method but GET, HEAD and OPTIONS) starts a new
/// generation. Cruder than naming each write, and it cannot miss one.
pub async fn advance_after_changes(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> std::result::Result<ServiceResponse<impl MessageBody>, Error> {
    let changes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let generation = request.app_data::<Data<Generation>>().cloned();
    let response = next.call(request).await?;
    if changes
        && response.status().is_success()
        && let Some(generation) = generation
    {
        generation.advance();
    }
    Ok(response)
}

/// The total and facets of one set of filters.
#[derive(Debug, Clone)]
pub struct Counted<F> {
    pub total: i64,
    pub facets: F,
}

/// The cache of one kind of item.
pub struct SearchCounts<F> {
    generation: Arc<Generation>,
    cache: Option<Cache<(u64, String), Counted<F>>>,
}

impl<F: Clone + Send + Sync + 'static> SearchCounts<F> {
    /// A zero `ttl` turns the cache off: every search counts afresh.
    pub fn new(generation: Arc<Generation>, ttl: Duration) -> Self {
        let cache = (!ttl.is_zero()).then(|| {
            Cache::builder()
                .max_capacity(MAX_FILTER_SETS)
                .time_to_live(ttl)
                .build()
        });
        Self { generation, cache }
    }

    /// The counts for `filters` (a canonical description of them), computed by `count` when
    /// they are not cached. Errors are returned as they are and never kept. (moka's
    /// `try_get_with` would also merge concurrent counts, but shares the error behind an
    /// `Arc`, and a database error must keep its own status.)
    pub async fn get_or_count<Fut>(&self, filters: String, count: Fut) -> Result<Counted<F>>
    where
        Fut: Future<Output = Result<Counted<F>>>,
    {
        let Some(cache) = &self.cache else {
            return count.await;
        };
        // Read before counting: counts that straddle a change are filed under the old
        // generation, which no one reads again.
        let key = (self.generation.current(), filters);
        if let Some(counted) = cache.get(&key).await {
            return Ok(counted);
        }
        let counted = count.await?;
        cache.insert(key, counted.clone()).await;
        Ok(counted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;

    fn counts(ttl: u64) -> (Arc<Generation>, SearchCounts<Vec<i64>>) {
        let generation = Arc::new(Generation::default());
        let counts = SearchCounts::new(generation.clone(), Duration::from_secs(ttl));
        (generation, counts)
    }

    fn counted(total: i64) -> Result<Counted<Vec<i64>>> {
        Ok(Counted {
            total,
            facets: vec![total],
        })
    }

    #[tokio::test]
    async fn the_same_filters_are_counted_once_per_generation() {
        let (generation, counts) = counts(60);
        let first = counts.get_or_count("a".into(), async { counted(1) }).await;
        let again = counts.get_or_count("a".into(), async { counted(2) }).await;
        let other = counts.get_or_count("b".into(), async { counted(3) }).await;
        assert_eq!(first.unwrap().total, 1);
        assert_eq!(again.unwrap().total, 1, "reused");
        assert_eq!(other.unwrap().total, 3, "other filters are counted");
        generation.advance();
        let after_a_change = counts.get_or_count("a".into(), async { counted(4) }).await;
        assert_eq!(after_a_change.unwrap().total, 4, "a change starts afresh");
    }

    #[tokio::test]
    async fn a_zero_lifetime_counts_every_time_and_errors_are_not_kept() {
        let (_, counts) = counts(0);
        assert_eq!(
            counts
                .get_or_count("a".into(), async { counted(1) })
                .await
                .unwrap()
                .total,
            1
        );
        assert_eq!(
            counts
                .get_or_count("a".into(), async { counted(2) })
                .await
                .unwrap()
                .total,
            2
        );
        let (_, counts) = self::counts(60);
        let failed = counts
            .get_or_count("a".into(), async { Err(ApiError::NotFound("x")) })
            .await;
        assert!(matches!(failed, Err(ApiError::NotFound("x"))));
        assert_eq!(
            counts
                .get_or_count("a".into(), async { counted(5) })
                .await
                .unwrap()
                .total,
            5
        );
    }
}
