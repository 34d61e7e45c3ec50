//! Results that are costly to compute and the same for every reader — search totals and
//! facets, the matches of an item — kept per key and reused until something changes.
//!
//! - A successful change through this server starts a new [`Generation`]; a value of an older
//!   generation is never served again, so whoever changes something sees it at once.
//! - A value older than the time to live (`cache_ttl_seconds`) is still served once while it
//!   is recomputed in the background (refresh-ahead), so that a popular key never makes a
//!   reader wait; a value nobody asked for in ten times that long is dropped. This bounds how
//!   late changes through other replicas, and opportunities expiring, show.

use std::{
    collections::HashSet,
    future::Future,
    hash::Hash,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
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

/// How many keys are remembered per cache.
const MAX_KEYS: u64 = 10_000;
/// A value not asked for in this many times the time to live is dropped.
const IDLE_FACTOR: u32 = 10;

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

#[derive(Clone)]
struct Entry<V> {
    generation: u64,
    value: V,
    computed_at: Instant,
}

/// One kind of cached result, keyed by `K`.
pub struct ChangeAwareCache<K, V> {
    generation: Arc<Generation>,
    ttl: Duration,
    entries: Option<Cache<K, Entry<V>>>,
    /// Keys being recomputed in the background, so that each is recomputed once at a time.
    refreshing: Arc<Mutex<HashSet<K>>>,
}

impl<K, V> ChangeAwareCache<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    /// A zero `ttl` turns the cache off: every request computes afresh.
    pub fn new(generation: Arc<Generation>, ttl: Duration) -> Self {
        let entries = (!ttl.is_zero()).then(|| {
            Cache::builder()
                .max_capacity(MAX_KEYS)
                .time_to_idle(ttl * IDLE_FACTOR)
                .build()
        });
        Self {
            generation,
            ttl,
            entries,
            refreshing: Arc::default(),
        }
    }

    /// The value for `key`: cached when it is of the current generation (and recomputed in
    /// the background when older than the time to live), else computed now by `compute`.
    /// Errors are returned as they are and never kept.
    pub async fn get_or_compute<F, Fut>(&self, key: K, compute: F) -> Result<V>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V>> + Send + 'static,
    {
        let Some(entries) = &self.entries else {
            return compute().await;
        };
        // Read before computing: a value that straddles a change is filed under the old
        // generation, which no one reads again.
        let generation = self.generation.current();
        match entries.get(&key).await {
            Some(entry) if entry.generation == generation => {
                if entry.computed_at.elapsed() > self.ttl {
                    self.refresh_in_background(key, generation, compute());
                }
                Ok(entry.value)
            }
            _ => {
                let value = compute().await?;
                entries
                    .insert(
                        key,
                        Entry {
                            generation,
                            value: value.clone(),
                            computed_at: Instant::now(),
                        },
                    )
                    .await;
                Ok(value)
            }
        }
    }

    fn refresh_in_background<Fut>(&self, key: K, generation: u64, compute: Fut)
    where
        Fut: Future<Output = Result<V>> + Send + 'static,
    {
        let Some(entries) = self.entries.clone() else {
            return;
        };
        let refreshing = Arc::clone(&self.refreshing);
        let claimed = refreshing
            .lock()
            .map(|mut keys| keys.insert(key.clone()))
            .unwrap_or(false);
        if !claimed {
            return;
        }
        tokio::spawn(async move {
            match compute.await {
                Ok(value) => {
                    let entry = Entry {
                        generation,
                        value,
                        computed_at: Instant::now(),
                    };
                    entries.insert(key.clone(), entry).await;
                }
                Err(error) => tracing::warn!(%error, "background refresh failed"),
            }
            if let Ok(mut keys) = refreshing.lock() {
                keys.remove(&key);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;

    fn cache(ttl: Duration) -> (Arc<Generation>, ChangeAwareCache<String, i64>) {
        let generation = Arc::new(Generation::default());
        let cache = ChangeAwareCache::new(generation.clone(), ttl);
        (generation, cache)
    }

    async fn get(cache: &ChangeAwareCache<String, i64>, key: &str, value: i64) -> i64 {
        cache
            .get_or_compute(key.to_owned(), || async move { Ok(value) })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_key_is_computed_once_per_generation() {
        let (generation, cache) = cache(Duration::from_secs(60));
        assert_eq!(get(&cache, "a", 1).await, 1);
        assert_eq!(get(&cache, "a", 2).await, 1, "reused");
        assert_eq!(get(&cache, "b", 3).await, 3, "another key is computed");
        generation.advance();
        assert_eq!(get(&cache, "a", 4).await, 4, "a change starts afresh");
    }

    #[tokio::test]
    async fn an_old_value_is_served_once_while_it_is_recomputed() {
        let (_, cache) = cache(Duration::from_millis(20));
        assert_eq!(get(&cache, "a", 1).await, 1);
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert_eq!(get(&cache, "a", 2).await, 1, "served while recomputed");
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert_eq!(get(&cache, "a", 3).await, 2, "the recomputed value");
    }

    #[tokio::test]
    async fn a_zero_lifetime_computes_every_time_and_errors_are_not_kept() {
        let (_, off) = cache(Duration::ZERO);
        assert_eq!(get(&off, "a", 1).await, 1);
        assert_eq!(get(&off, "a", 2).await, 2);
        let (_, on) = cache(Duration::from_secs(60));
        let failed = on
            .get_or_compute("a".to_owned(), || async { Err(ApiError::NotFound("x")) })
            .await;
        assert!(matches!(failed, Err(ApiError::NotFound("x"))));
        assert_eq!(get(&on, "a", 5).await, 5);
    }
}
