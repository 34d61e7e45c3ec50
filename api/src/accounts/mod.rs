//! Members: registration, login and sessions, e-mail verification and password reset, the
//! member's own profile, public profiles, roles and suspension.

pub mod admin;
mod authenticated;
pub mod dto;
mod email_address;
mod emails;
mod password;
mod profile;
mod role;
mod routes;
mod sessions;
mod throttle;
pub mod tokens;
pub mod users;

pub use authenticated::Member;
pub use email_address::EmailAddress;
pub use role::Role;
pub(crate) use routes::may_mail;
pub use tokens::AccessTokens;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    routes::configure(cfg);
    profile::configure(cfg);
}
