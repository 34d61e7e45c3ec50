//! Integrations and open data: API keys for partner systems, signed webhooks, the public
//! event feed, open data exports (CSV, IATI), the embeddable widget.

pub mod dto;
pub mod events;
mod export_routes;
pub mod exports;
mod feed_routes;
pub mod gate;
pub mod guard;
pub mod iati;
mod key_routes;
pub mod keys;
pub mod limiter;
pub mod scopes;
pub mod signing;
mod subscriptions;
mod webhook_routes;
pub mod webhooks;
pub mod widget;

pub use events::{Event, EventType, emit};

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    key_routes::configure(cfg);
    webhook_routes::configure(cfg);
    feed_routes::configure(cfg);
    export_routes::configure(cfg);
}
