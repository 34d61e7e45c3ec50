//! Applications to calls: drafted and submitted by a project's editors for an organisation,
//! reviewed by the call's funder (the review board is a listing kind).

pub mod dto;
pub mod listing;
mod notices;
pub mod routes;
pub mod service;
