//! Introductions: a facilitator proposes that two members meet, each named directly or
//! through a project or an opportunity of theirs. Each side accepts or declines; when both
//! accept, a conversation opens between them and the facilitator.

pub mod dto;
mod routes;
pub mod service;

pub use routes::configure;
