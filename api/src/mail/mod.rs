//! E-mail: messages are written to the outbox inside the request's transaction, and a
//! background worker sends them (through SMTP when configured, else to the log). The same
//! outbox carries webhook deliveries (`integrations::webhooks`).

pub mod outbox;
mod sender;

pub use outbox::{Couriers, Email, enqueue, spawn_worker};
pub use sender::Mailer;
