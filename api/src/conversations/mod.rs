//! Conversations: opened by an accepted interest or introduction, between its parties only,
//! with messages and a read mark per participant.

pub mod dto;
pub mod people;
mod routes;
pub mod service;

pub use routes::configure;
pub use service::{Origin, open};
