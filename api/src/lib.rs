//! Marcottage, the open codevelopment marketplace: the HTTP API as a library, so that the
//! binary and the black-box tests build the very same application.

pub mod accounts;
pub mod cli;
mod codelist;
pub mod config;
pub mod conversations;
pub mod cooperation;
pub mod db;
pub mod editing;
pub mod entities;
pub mod error;
pub mod funding;
pub mod http;
pub mod integrations;
pub mod interests;
pub mod introductions;
pub mod mail;
pub mod matching;
pub mod notifications;
pub mod openapi;
pub mod opportunities;
pub mod ops;
pub mod organisations;
pub mod paging;
pub mod projects;
pub mod saved_searches;
pub mod search;
pub mod seed;
pub mod startup;
pub mod stats;
pub mod taxonomies;
pub mod telemetry;

pub use startup::Application;
