//! sea-orm entities, one per table.

pub mod change;
pub mod conversation;
pub mod conversation_participant;
pub mod email_token;
pub mod idempotency_key;
pub mod interest;
pub mod introduction;
pub mod message;
pub mod notification;
pub mod opportunity;
pub mod opportunity_sector;
pub mod organisation;
pub mod organisation_invitation;
pub mod organisation_member;
pub mod outbox;
pub mod project;
pub mod project_country;
pub mod project_milestone;
pub mod project_sector;
pub mod refresh_token;
pub mod saved_search;
pub mod throttle_event;
pub mod user;
