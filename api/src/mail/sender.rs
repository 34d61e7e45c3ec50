use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};
use secrecy::ExposeSecret;

use super::Email;
use crate::config::Config;

/// Delivers e-mails: SMTP when `smtp_url` is set, otherwise the log (development).
#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

impl Mailer {
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let smtp = match &config.smtp_url {
            Some(url) => {
                Some(AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())?.build())
            }
            None => None,
        };
        Ok(Self {
            from: config.mail_from.parse()?,
            smtp,
        })
    }

    pub async fn send(&self, email: &Email) -> anyhow::Result<()> {
        let Some(smtp) = &self.smtp else {
            tracing::info!(to = %email.to, subject = %email.subject, "e-mail not sent: no SMTP server configured");
            tracing::debug!(body = %email.body, "e-mail body");
            return Ok(());
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(email.to.parse()?)
            .subject(&email.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(email.body.clone())?;
        smtp.send(message).await?;
        Ok(())
    }
}
