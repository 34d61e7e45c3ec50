//! Opportunities: offers and requests of partnership (technical, industrial, commercial,
//! financial), internships, jobs, volunteering and cooperation between authorities.

pub mod access;
pub mod dto;
mod editing;
pub mod listing;
pub mod routes;
pub mod service;

pub use dto::{Direction, OpportunityStatus};
pub use routes::configure;
