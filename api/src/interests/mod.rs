//! Expressions of interest: a member tells the owner of a project or an opportunity that they
//! would like to work together; the owner accepts (a conversation opens and contacts are
//! shown) or declines, within a deadline. Anonymous owners stay hidden until they accept.

pub mod dto;
mod notices;
mod routes;
pub mod service;
pub mod target;

pub use routes::configure;
pub use service::has_accepted_interest;
pub use target::TargetKind;
