//! Search shared by projects and opportunities: folding and stemming (`text`), the full-text
//! SQL of each database (`backend`), filters built alike (`filters`), cursors, sorting and
//! facets (`listing`), and the cross-type
//! `/api/v1/search`.

pub mod backend;
pub mod filters;
pub mod listing;
mod routes;
pub mod text;

pub use routes::configure;
