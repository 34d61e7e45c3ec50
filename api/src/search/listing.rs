//! One listing: its in-memory index while it is ready, the database before that. Both answer
//! the same criteria the same way (a test holds them to it), so a reader cannot tell which
//! one answered but by the time it took.

use std::sync::{
    RwLock, RwLockReadGuard, RwLockWriteGuard,
    atomic::{AtomicBool, Ordering},
};

use actix_web::HttpResponse;
use serde::Serialize;
use uuid::Uuid;

use super::{
    database,
    index::Index,
    kind::{FacetCounts, ListingKind, Scope},
    query::{Criteria, PageRequest},
};
use crate::db::Db;
use crate::{error::Result, http::raw_json::RawObject};

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

pub struct Listing<K: ListingKind> {
    index: RwLock<Index<K>>,
    ready: AtomicBool,
    /// Answer from the database even when the index is ready (see the configuration).
    from_database: bool,
}

impl<K: ListingKind> Listing<K> {
    pub fn new(from_database: bool) -> Self {
        Self {
            index: RwLock::new(Index::default()),
            ready: AtomicBool::new(false),
            from_database,
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

    /// A page of the items meeting `criteria`.
    pub async fn search(
        &self,
        db: &Db,
        criteria: &Criteria,
        request: &PageRequest,
    ) -> Result<Page<K::Facets>> {
        let answer = if self.is_ready() && !self.from_database {
            self.read().search(criteria, request)?
        } else {
            database::search::<K>(db, criteria, request).await?
        };
        Ok(Page {
            items: answer.items,
            next_cursor: answer.next_cursor,
            total: answer.total,
            facets: K::facets(answer.facets),
        })
    }

    /// Rebuilds the index from the database, a page of items at a time (so that the
    /// documents of the whole listing never sit in memory at once), then answers from it.
    pub async fn rebuild(&self, db: &Db) -> Result<()> {
        let mut index = Index::default();
        let mut after = None;
        loop {
            let page = K::load(
                db,
                Scope::Page {
                    after,
                    limit: LOAD_PAGE,
                },
            )
            .await?;
            let full = page.len() as u64 == LOAD_PAGE;
            after = page.last().map(|document| document.id);
            index.extend(page);
            if !full {
                break;
            }
        }
        index.finish();
        *self.write() = index;
        self.ready.store(true, Ordering::Release);
        Ok(())
    }

    /// Reloads the items in `scope`: those found are indexed anew, asked-for ids not found
    /// are gone.
    pub async fn reload(&self, db: &Db, scope: Scope) -> Result<()> {
        if matches!(scope, Scope::All) {
            return self.rebuild(db).await;
        }
        let asked: Vec<Uuid> = match &scope {
            Scope::Ids(ids) => ids.clone(),
            _ => Vec::new(),
        };
        let documents = K::load(db, scope).await?;
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
