//! One listing: its in-memory index while it is ready, the database before that. Both answer
//! the same criteria the same way (a test holds them to it), so a reader cannot tell which
//! one answered but by the time it took.

use std::sync::{
    Arc, RwLock, RwLockReadGuard, RwLockWriteGuard,
    atomic::{AtomicBool, Ordering},
};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

use actix_web::HttpResponse;
use serde::Serialize;
use uuid::Uuid;

use super::{
    database,
    index::Index,
    kind::{FacetCounts, ListingKind, ListingRequest, PageParams, Scope},
    query::{Criteria, PageRequest},
};
use crate::db::Db;
use crate::{
    error::{ApiError, Result},
    http::raw_json::RawObject,
};

/// One page of an answer, its total and its facets, before the kind names its facets.
pub struct Answer {
    /// The items' public JSON.
    pub items: Vec<Vec<u8>>,
    pub next_cursor: Option<String>,
    pub total: u64,
    pub facets: FacetCounts,
}

/// A page as the API returns it (documented per kind: `OpportunitySearchPage`, ...).
#[derive(Debug)]
pub struct Page<F> {
    /// The items' public JSON.
    pub items: Vec<Vec<u8>>,
    pub next_cursor: Option<String>,
    /// How many items match, on all pages.
    pub total: u64,
    pub facets: F,
}

impl<F: Serialize> Page<F> {
    pub fn respond(&self) -> HttpResponse {
        RawObject::new()
            .raw_array("items", &self.items)
            .value("next_cursor", &self.next_cursor)
            .value("total", &self.total)
            .value("facets", &self.facets)
            .respond()
    }
}

/// Items loaded at a time when an index is built.
const LOAD_PAGE: u64 = 500;

/// How the listings of a replica use the database when they answer from it.
#[derive(Clone)]
pub struct DatabaseTurns {
    /// Answer from the database even when the index is ready (see the configuration).
    always: bool,
    /// Listings answered from the database at once: each takes several queries and much
    /// CPU, so that beyond a few they would starve everything else.
    turns: Arc<Semaphore>,
    /// The same while the indexes are built: one at a time, so that the build gets the
    /// machine's attention and ends soon.
    building: Arc<Semaphore>,
    /// How long a listing waits for its turn before it is answered 503.
    patience: Duration,
}

impl DatabaseTurns {
    pub fn new(always: bool, turns: usize, patience: Duration) -> Self {
        Self {
            always,
            turns: Arc::new(Semaphore::new(turns.max(1))),
            building: Arc::new(Semaphore::new(1)),
            patience,
        }
    }
}

pub struct Listing<K: ListingKind> {
    index: RwLock<Index<K>>,
    ready: AtomicBool,
    database: DatabaseTurns,
}

impl<K: ListingKind> Listing<K> {
    pub fn new(database: DatabaseTurns) -> Self {
        Self {
            index: RwLock::new(Index::default()),
            ready: AtomicBool::new(false),
            database,
        }
    }

    /// Whether the index is built and answers.
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire)
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Index<K>> {
        self.index
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Index<K>> {
        self.index
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The page a request asks for. Its span holds the index's or the database's, and the
    /// wait for a turn at the database between them.
    #[tracing::instrument(
        level = "info",
        name = "listing",
        skip_all,
        fields(listing = K::TABLE, limit = tracing::field::Empty, total = tracing::field::Empty)
    )]
    pub async fn answer(&self, db: &Db, request: &impl ListingRequest) -> Result<Page<K::Facets>> {
        let criteria = request.criteria()?;
        let PageParams {
            sort,
            limit,
            cursor,
        } = request.page();
        let page = PageRequest::parse(&criteria, sort, limit, cursor)?;
        let span = tracing::Span::current();
        span.record("limit", page.limit);
        let found = self.search(db, &criteria, &page).await?;
        span.record("total", found.total);
        Ok(found)
    }

    /// A page of the items meeting `criteria`.
    pub async fn search(
        &self,
        db: &Db,
        criteria: &Criteria,
        request: &PageRequest,
    ) -> Result<Page<K::Facets>> {
        let answer = if self.is_ready() && !self.database.always {
            self.read().search(criteria, request)?
        } else {
            let turns = match self.database.always {
                true => &self.database.turns,
                false => &self.database.building,
            };
            let busy = || ApiError::ServiceUnavailable("search busy while its index is built");
            let _turn = tokio::time::timeout(self.database.patience, turns.acquire())
                .await
                .map_err(|_| busy())?
                .map_err(|_| busy())?;
            database::search::<K>(db, criteria, request).await?
        };
        Ok(Page {
            items: answer.items,
            next_cursor: answer.next_cursor,
            total: answer.total,
            facets: K::Facets::from(answer.facets),
        })
    }

    /// Rebuilds the index from the database, a page of items at a time (so that the
    /// documents of the whole listing never sit in memory at once), then answers from it.
    #[tracing::instrument(level = "info", skip_all, fields(listing = K::TABLE))]
    pub async fn rebuild(&self, db: &Db) -> Result<()> {
        let mut index = Index::default();
        let mut after = None;
        let (mut loading, mut indexing) = (Duration::ZERO, Duration::ZERO);
        loop {
            let started = Instant::now();
            let scope = Scope::Page {
                after,
                limit: LOAD_PAGE,
            };
            let page = K::load(db, scope).await?;
            loading += started.elapsed();
            let full = page.len() as u64 == LOAD_PAGE;
            after = page.last().map(|document| document.id);
            let started = Instant::now();
            index.extend(page);
            indexing += started.elapsed();
            if !full {
                break;
            }
        }
        index.finish();
        tracing::debug!(
            listing = K::TABLE,
            loading_ms = loading.as_millis() as u64,
            indexing_ms = indexing.as_millis() as u64,
            "index build time"
        );
        *self.write() = index;
        self.ready.store(true, Ordering::Release);
        Ok(())
    }

    /// Reloads the items in `scope`: those found are indexed anew, asked-for ids not found
    /// are gone.
    #[tracing::instrument(level = "debug", skip_all, fields(listing = K::TABLE, items = tracing::field::Empty))]
    pub async fn reload(&self, db: &Db, scope: Scope) -> Result<()> {
        if matches!(scope, Scope::All) {
            return self.rebuild(db).await;
        }
        let asked: Vec<Uuid> = match &scope {
            Scope::Ids(ids) => ids.clone(),
            _ => Vec::new(),
        };
        let documents = K::load(db, scope).await?;
        tracing::Span::current().record("items", documents.len());
        let mut index = self.write();
        for id in asked {
            if !documents.iter().any(|document| document.id == id) {
                index.remove(id);
            }
        }
        for document in documents {
            index.upsert(document);
        }
        Ok(())
    }
}
