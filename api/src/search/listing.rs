//! One listing: its in-memory index while it is ready, the database before that. Both answer
//! the same criteria the same way (a test holds them to it), so a reader cannot tell which
//! one answered but by the time it took.

use std::sync::{
    RwLock, RwLockReadGuard, RwLockWriteGuard,
    atomic::{AtomicBool, Ordering},
};

use sea_orm::DatabaseConnection;
use serde::Serialize;
use serde_json::value::RawValue;
use uuid::Uuid;

use super::{
    database,
    index::Index,
    kind::{FacetCounts, ListingKind, Scope},
    query::{Criteria, PageRequest},
};
use crate::error::Result;

/// One page of an answer, its total and its facets, before the kind names its facets.
pub struct Answer {
    pub items: Vec<Box<RawValue>>,
    pub next_cursor: Option<String>,
    pub total: u64,
    pub facets: FacetCounts,
}

/// A page as the API returns it (documented per kind: `OpportunitySearchPage`, ...).
#[derive(Debug, Serialize)]
pub struct Page<F> {
    pub items: Vec<Box<RawValue>>,
    pub next_cursor: Option<String>,
    /// How many items match, on all pages.
    pub total: u64,
    pub facets: F,
}

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
        db: &DatabaseConnection,
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

    /// Rebuilds the index from the database, then answers from it.
    pub async fn rebuild(&self, db: &DatabaseConnection) -> Result<()> {
        let documents = K::load(db, Scope::All).await?;
        let index = Index::build(documents);
        *self.write() = index;
        self.ready.store(true, Ordering::Release);
        Ok(())
    }

    /// Reloads the items in `scope`: those found are indexed anew, asked-for ids not found
    /// are gone.
    pub async fn reload(&self, db: &DatabaseConnection, scope: Scope) -> Result<()> {
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
