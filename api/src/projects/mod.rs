//! Projects: an idea that grows into a project, then a venture, with the dated milestones of
//! that growth; drafts stay private to those who may edit them.

pub mod access;
pub mod dto;
mod editing;
pub mod listing;
mod milestones;
pub mod routes;
pub mod service;

pub use dto::{ProjectStage, ProjectStatus};

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    routes::configure(cfg);
    milestones::configure(cfg);
}
