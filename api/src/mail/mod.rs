//! E-mail: messages are written to the outbox inside the request's transaction, and a
//! background worker sends them (through SMTP when configured, else to the log).

mod outbox;
mod sender;

pub use outbox::{Email, enqueue, spawn_worker};
pub use sender::Mailer;
