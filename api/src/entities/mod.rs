//! sea-orm entities, one per table.

pub mod email_token;
pub mod login_failure;
pub mod outbox;
pub mod refresh_token;
pub mod user;
