//! Organisations (companies, NGOs, local authorities, diaspora associations, funders...), their
//! members with roles owner and editor, invitations to join them, and verification by
//! facilitators.

pub mod dto;
mod editing;
mod invitation_notices;
mod invitations;
pub mod listing;
mod members;
pub mod queries;
pub mod routes;
pub mod service;

pub use members::require_owner;
pub use queries::{MemberRole, left_without_owner, may_edit, membership, require_editor};

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    routes::configure(cfg);
    members::configure(cfg);
    invitations::configure(cfg);
}
