//! The listing engine, written once for every kind of listing (projects, opportunities,
//! organisations, and the kinds to come). A kind declares its fields, sort keys and how to
//! load its items (`kind`); a request becomes criteria, a sort and a cursor (`query`). Each
//! listing answers from an in-memory index (`index`) kept in step with the database through
//! the change log (`changes`, `sync`), or from the database while its index is being built
//! (`database`, with the full-text SQL of each database in `backend`). `docs/search.md`
//! says why it is built this way, with the measurements.

pub mod backend;
pub mod changes;
pub mod database;
pub mod filters;
mod handler;
pub mod index;
pub mod kind;
pub mod listing;
pub mod query;
mod routes;
pub mod sync;
pub mod text;

pub use changes::{ChangeKind, record};
pub(crate) use handler::{listing_query, search_handler, search_page};
pub use kind::{Document, Field, ListingKind, Scope, SortKey, Stored};
pub use listing::{Listing, Page};
pub use query::{Criteria, FacetCount, PageRequest, Sort};
pub use routes::configure;
