//! Saved searches and their alerts: a member keeps the criteria of a search, and the alert
//! worker tells them, in the app or by e-mail, when something new matches.

pub mod alerts;
pub mod dto;
mod routes;
pub mod service;

pub use routes::configure;
