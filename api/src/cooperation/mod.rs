//! Decentralised cooperation: the atlas of links between local authorities (a kind of
//! listing), the map-ready aggregates, each authority's territory dashboard and the diaspora
//! figures of a territory.

pub mod diaspora;
pub mod dto;
mod editing;
pub mod figures;
pub mod listing;
pub mod routes;
pub mod service;
pub mod territory;

pub use routes::configure;
