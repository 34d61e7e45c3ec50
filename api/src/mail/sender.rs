use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox,
        header::{ContentType, Header, HeaderName, HeaderValue},
    },
};
use secrecy::ExposeSecret;

use url::Url;

use super::Email;
use crate::config::{Config, Environment};

/// Delivers e-mails: SMTP when `smtp_url` is set, otherwise the log (development).
#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

/// The SMTP URL as lettre reads it, encrypted unless told otherwise: `smtps://` is TLS from
/// the start; `smtp://` requires STARTTLS (`tls=required`, the default here where lettre's
/// would send in clear) or tries it (`tls=opportunistic`); `tls=none` sends in clear, for a
/// local relay or a test sink. In production, credentials never go over a connection that may
/// be in clear.
fn with_tls(url: &str, environment: Environment) -> anyhow::Result<String> {
    let mut parsed = Url::parse(url)?;
    let tls = parsed
        .query_pairs()
        .find(|(key, _)| key == "tls")
        .map(|(_, value)| value.into_owned());
    let others: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(key, _)| key != "tls")
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    let tls = match (parsed.scheme(), tls.as_deref()) {
        ("smtps", _) => None,
        ("smtp", None | Some("required")) => Some("required"),
        ("smtp", Some("opportunistic")) => Some("opportunistic"),
        ("smtp", Some("none")) => None,
        (scheme, tls) => anyhow::bail!("unsupported SMTP URL: scheme {scheme}, tls {tls:?}"),
    };
    let may_be_clear = parsed.scheme() == "smtp" && tls != Some("required");
    let credentials = !parsed.username().is_empty() || parsed.password().is_some();
    anyhow::ensure!(
        !(may_be_clear && credentials && environment == Environment::Production),
        "MARCOTTAGE_SMTP_URL would send the SMTP password in clear: use smtps:// or tls=required"
    );
    parsed.set_query(None);
    {
        let mut query = parsed.query_pairs_mut();
        query.extend_pairs(others);
        if let Some(tls) = tls {
            query.append_pair("tls", tls);
        }
    }
    let url = parsed.to_string();
    Ok(url.strip_suffix('?').map_or(url.clone(), str::to_owned))
}

impl Mailer {
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let smtp = match &config.smtp_url {
            Some(url) => {
                let url = with_tls(url.expose_secret(), config.environment)?;
                Some(AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)?.build())
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
        let mut message = Message::builder()
            .from(self.from.clone())
            .to(email.to.parse()?)
            .subject(&email.subject)
            .header(ContentType::TEXT_PLAIN);
        if let Some(url) = &email.unsubscribe {
            message = message
                .header(ListUnsubscribe(url.clone()))
                .header(ListUnsubscribePost);
        }
        let message = message.body(email.body.clone())?;
        smtp.send(message).await?;
        Ok(())
    }
}

/// `List-Unsubscribe: <url>`: mail clients show an unsubscribe button.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim_matches(['<', '>']).to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the button POSTs to the
/// URL above, which stops the e-mails without a login or a confirmation page.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_requires_tls_unless_told_otherwise() {
        let dev = Environment::Development;
        let prod = Environment::Production;
        assert_eq!(
            with_tls("smtp://u:p@mail.example:587", dev).unwrap(),
            "smtp://u:p@mail.example:587?tls=required"
        );
        assert_eq!(
            with_tls("smtps://u:p@mail.example", prod).unwrap(),
            "smtps://u:p@mail.example"
        );
        assert_eq!(
            with_tls("smtp://127.0.0.1:2525?tls=none", dev).unwrap(),
            "smtp://127.0.0.1:2525"
        );
        // In production a password never goes over a connection that may be in clear.
        assert!(with_tls("smtp://u:p@mail.example:25?tls=none", prod).is_err());
        assert!(with_tls("smtp://u:p@mail.example:25?tls=opportunistic", prod).is_err());
        assert!(with_tls("smtp://relay.internal:25?tls=none", prod).is_ok());
        assert!(with_tls("imap://mail.example", dev).is_err());
    }
}
