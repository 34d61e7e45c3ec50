//! sea-orm entities, one per table.

pub mod email_token;
pub mod idempotency_key;
pub mod login_failure;
pub mod opportunity;
pub mod opportunity_sector;
pub mod organisation;
pub mod organisation_member;
pub mod outbox;
pub mod project;
pub mod project_country;
pub mod project_milestone;
pub mod project_sector;
pub mod refresh_token;
pub mod user;
