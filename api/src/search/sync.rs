//! Keeps every listing index of this replica in step with the database: it builds them at
//! start, then follows the change log — at once after each change made through this
//! replica (so its author reads it back), and every quarter second for the others' (so every
//! replica converges within a second). Items that leave their listing on their own (expired
//! opportunities) are reloaded when their time comes.

use std::{
    sync::{
        Arc,
        atomic::{AtomicI64, Ordering},
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
use chrono::{TimeDelta, Utc};
use futures_util::future::BoxFuture;
use tracing::Instrument;
use uuid::Uuid;

use super::{
    changes::{self, Change},
    kind::{ListingKind, Scope},
    listing::Listing,
};
use crate::db::Db;
use crate::error::Result;

/// How often other replicas' changes are looked for.
const POLL: Duration = Duration::from_millis(250);
/// Entries read at a time.
const BATCH: u64 = 1_000;
/// How long the log keeps entries.
const KEEP_CHANGES: TimeDelta = TimeDelta::days(7);
const PRUNE_EVERY: Duration = Duration::from_secs(3_600);

/// A listing as the follower sees it, whatever its kind.
pub trait Follower: Send + Sync {
    fn name(&self) -> &'static str;
    /// Which of its items a change concerns, if any.
    fn scope(&self, change: &Change) -> Option<Scope>;
    fn reload<'a>(&'a self, db: &'a Db, scope: Scope) -> BoxFuture<'a, Result<()>>;
    /// Items whose listing changes on its own by now.
    fn due(&self) -> Vec<Uuid>;
    fn is_ready(&self) -> bool;
}

impl<K: ListingKind> Follower for Listing<K> {
    fn name(&self) -> &'static str {
        K::TABLE
    }

    fn scope(&self, change: &Change) -> Option<Scope> {
        K::scope_of(change)
    }

    fn reload<'a>(&'a self, db: &'a Db, scope: Scope) -> BoxFuture<'a, Result<()>> {
        Box::pin(Listing::reload(self, db, scope))
    }

    fn due(&self) -> Vec<Uuid> {
        self.read().due(Utc::now())
    }

    fn is_ready(&self) -> bool {
        Listing::is_ready(self)
    }
}

/// The listing indexes of this replica, kept in step with the database.
pub struct Indexes {
    db: Db,
    listings: Vec<Arc<dyn Follower>>,
    /// The last change log entry applied.
    applied: AtomicI64,
    /// One catch-up at a time: the others then find nothing left to do.
    running: tokio::sync::Mutex<()>,
}

impl Indexes {
    pub fn new(db: Db, listings: Vec<Arc<dyn Follower>>) -> Self {
        Self {
            db,
            listings,
            applied: AtomicI64::new(0),
            running: tokio::sync::Mutex::new(()),
        }
    }

    /// Whether every listing answers from its index.
    pub fn is_ready(&self) -> bool {
        self.listings.iter().all(|listing| listing.is_ready())
    }

    /// Builds every index from the database. Entries recorded meanwhile are applied after:
    /// reloading an item twice does no harm, missing one would.
    #[tracing::instrument(level = "info", name = "build_indexes", skip_all)]
    pub async fn build(&self) -> Result<()> {
        let _running = self.running.lock().await;
        let from = changes::last(&self.db).await?;
        for listing in &self.listings {
            let started = Instant::now();
            listing.reload(&self.db, Scope::All).await?;
            tracing::info!(
                listing = listing.name(),
                elapsed_ms = started.elapsed().as_millis() as u64,
                "index built"
            );
        }
        self.applied.store(from, Ordering::Release);
        Ok(())
    }

    /// Applies every change recorded since the last one applied.
    pub async fn catch_up(&self) -> Result<()> {
        let _running = self.running.lock().await;
        loop {
            let from = self.applied.load(Ordering::Acquire);
            let batch = changes::after(&self.db, from, BATCH).await?;
            let Some(last) = batch.last().map(|change| change.seq) else {
                return Ok(());
            };
            self.apply(&batch).await?;
            self.applied.store(last, Ordering::Release);
            if (batch.len() as u64) < BATCH {
                return Ok(());
            }
        }
    }

    /// Reloads what a batch of changes concerns, one query per listing for plain changes.
    #[tracing::instrument(level = "debug", name = "apply_changes", skip_all, fields(changes = batch.len()))]
    async fn apply(&self, batch: &[Change]) -> Result<()> {
        for listing in &self.listings {
            let mut ids: Vec<Uuid> = Vec::new();
            let mut others: Vec<Scope> = Vec::new();
            for scope in batch.iter().filter_map(|change| listing.scope(change)) {
                match scope {
                    Scope::Ids(found) => ids.extend(found),
                    Scope::All => {
                        others = vec![Scope::All];
                        ids.clear();
                        break;
                    }
                    other => others.push(other),
                }
            }
            if !ids.is_empty() {
                ids.sort();
                ids.dedup();
                listing.reload(&self.db, Scope::Ids(ids)).await?;
            }
            for scope in others {
                listing.reload(&self.db, scope).await?;
            }
        }
        Ok(())
    }

    /// Reloads the items whose time has come.
    async fn sweep(&self) -> Result<()> {
        for listing in &self.listings {
            let due = listing.due();
            if !due.is_empty() {
                let _running = self.running.lock().await;
                listing.reload(&self.db, Scope::Ids(due)).await?;
            }
        }
        Ok(())
    }

    /// Builds the indexes (retrying while the database cannot be read), then follows the
    /// log for as long as the runtime lives.
    pub fn spawn(self: Arc<Self>) {
        tokio::spawn(async move {
            while let Err(error) = self.build().await {
                tracing::error!(%error, "cannot build the listing indexes; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            let mut pruned = Instant::now();
            loop {
                tokio::time::sleep(POLL).await;
                if let Err(error) = self.catch_up().await {
                    tracing::warn!(%error, "cannot follow the change log");
                }
                if let Err(error) = self.sweep().await {
                    tracing::warn!(%error, "cannot reload expired items");
                }
                if pruned.elapsed() > PRUNE_EVERY {
                    pruned = Instant::now();
                    if let Err(error) = changes::prune(&self.db, Utc::now() - KEEP_CHANGES).await {
                        tracing::warn!(%error, "cannot prune the change log");
                    }
                }
            }
        });
    }
}

/// Middleware: after every successful change (any method but GET, HEAD and OPTIONS) the
/// indexes catch up before the answer leaves, so whoever changed something finds it at once.
/// Cruder than naming each write, and it cannot miss one.
pub async fn follow_changes(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> std::result::Result<ServiceResponse<impl MessageBody>, Error> {
    let changes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let indexes = request.app_data::<Data<Indexes>>().cloned();
    let response = next.call(request).await?;
    if changes
        && response.status().is_success()
        && let Some(indexes) = indexes
        && indexes.is_ready()
        && let Err(error) = indexes
            .catch_up()
            .instrument(tracing::debug_span!("follow_changes"))
            .await
    {
        tracing::warn!(%error, "cannot follow the change log");
    }
    Ok(response)
}
