//! Funding: funders' calls for projects, applications checked against the calls' rules and
//! reviewed by the funders, projects' financing plans, and the results that show what the
//! money achieved.

pub mod applications;
pub mod calls;
pub mod eligibility;
pub mod eligible;
pub mod financing;
pub mod results;
pub mod stats;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    calls::routes::configure(cfg);
    applications::routes::configure(cfg);
    financing::configure(cfg);
    results::configure(cfg);
}
