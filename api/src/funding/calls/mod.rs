//! Calls for projects: published by funders, searched by everyone (a listing kind).

pub mod changes;
pub mod dto;
mod editing;
pub mod listing;
pub mod routes;
pub mod service;
