//! sea-orm entities, one per table.

pub mod email_token;
pub mod idempotency_key;
pub mod login_failure;
pub mod organisation;
pub mod organisation_member;
pub mod outbox;
pub mod refresh_token;
pub mod user;
