//! Runtime configuration: defaults, then an optional TOML file, then `MARCOTTAGE_*` variables.

use std::{net::SocketAddr, path::PathBuf};

use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use rand::{Rng, distr::Alphanumeric};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize};

/// The file read when `MARCOTTAGE_CONFIG` does not name another one.
const DEFAULT_CONFIG_FILE: &str = "marcottage.toml";
/// HS256 keys shorter than this are refused: they would be guessable offline.
pub const MIN_JWT_SECRET_LEN: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[default]
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Pretty,
    Json,
}

/// Everything the API needs to start. Built by [`Config::load`] or directly by tests.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub environment: Environment,
    pub database_url: String,
    pub database_max_connections: u32,
    /// How long a request waits for a database connection before it is answered 503.
    pub database_acquire_timeout_ms: u64,
    /// Requests served at once; beyond, new ones are answered 503 at once.
    pub max_requests_in_flight: usize,
    pub bind: SocketAddr,
    /// Absent in development: [`Config::load`] then generates a random one.
    #[serde(default)]
    pub jwt_secret: Option<SecretString>,
    /// The key before the last rotation: tokens it signed stay valid until they expire.
    #[serde(default)]
    pub jwt_previous_secret: Option<SecretString>,
    /// The address of the web app, for links in e-mails.
    pub public_url: String,
    /// In production `/metrics` answers only to `Authorization: Bearer <this token>` (and is
    /// a 404 without one configured); in development it is open.
    #[serde(default)]
    pub metrics_token: Option<SecretString>,
    /// `smtp://user:pass@host:587` (or `smtps://`); without it e-mails go to the log.
    #[serde(default)]
    pub smtp_url: Option<SecretString>,
    pub mail_from: String,
    #[serde(deserialize_with = "comma_separated")]
    pub cors_origins: Vec<String>,
    pub log_format: LogFormat,
    pub log_level: String,
    pub web_dir: PathBuf,
    pub json_limit: usize,
    /// Failed logins allowed per account from one client address in 15 minutes before 429.
    pub login_failures_per_account: usize,
    /// Failed logins allowed per account from any addresses in 15 minutes: a lock against
    /// guessing from many addresses, high enough that nobody locks the owner out lightly.
    pub login_failures_account_lock: usize,
    /// Failed logins allowed per client address in 15 minutes. Generous: whole mobile
    /// networks share one address behind carrier-grade NAT.
    pub login_failures_per_address: usize,
    /// E-mails (verification, password reset) one client address may ask for in an hour.
    pub mails_per_address_per_hour: usize,
    /// E-mails one recipient may get from us in an hour, whoever asks.
    pub mails_per_recipient_per_hour: usize,
    /// Reverse proxies whose `X-Forwarded-For` / `Forwarded` headers name the client (IP
    /// addresses or CIDR blocks, comma-separated). Any other peer is the client itself.
    #[serde(deserialize_with = "proxies")]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Days the owner of a project or opportunity has to answer an expression of interest.
    pub interest_answer_days: u32,
    /// Expressions of interest a member may send in any 24 hours before 429.
    pub interests_per_day: u32,
    /// Listings answer from the database even once their index is built (to compare the
    /// two, or to rule the index out when diagnosing); matches still use the index.
    pub listings_from_database: bool,
    /// Networks webhooks may reach although they are not public (tests, an intranet):
    /// addresses or CIDR blocks. Everything else private is refused (see
    /// `integrations::guard`).
    #[serde(deserialize_with = "proxies")]
    pub webhook_allowed_networks: Vec<ipnet::IpNet>,
    /// Multiplies the webhook retry schedule (5 s ... 20 h, three days in all). Tests shrink
    /// it to milliseconds; production keeps 1.
    pub webhook_retry_scale: f64,
}

/// The defaults, kept serialisable so figment can layer the file and environment on top.
#[derive(Serialize)]
struct Defaults {
    environment: Environment,
    public_url: &'static str,
    mail_from: &'static str,
    database_url: &'static str,
    database_max_connections: u32,
    database_acquire_timeout_ms: u64,
    max_requests_in_flight: usize,
    bind: &'static str,
    cors_origins: &'static str,
    log_format: LogFormat,
    log_level: &'static str,
    web_dir: &'static str,
    json_limit: usize,
    login_failures_per_account: usize,
    login_failures_account_lock: usize,
    login_failures_per_address: usize,
    mails_per_address_per_hour: usize,
    mails_per_recipient_per_hour: usize,
    trusted_proxies: &'static str,
    interest_answer_days: u32,
    interests_per_day: u32,
    listings_from_database: bool,
    webhook_allowed_networks: &'static str,
    webhook_retry_scale: f64,
}

const DEFAULTS: Defaults = Defaults {
    environment: Environment::Development,
    public_url: "http://127.0.0.1:8080",
    mail_from: "Marcottage <no-reply@marcottage.localhost>",
    database_url: "sqlite://marcottage.db?mode=rwc",
    database_max_connections: 10,
    database_acquire_timeout_ms: 2_000,
    max_requests_in_flight: 1_024,
    bind: "127.0.0.1:8080",
    cors_origins: "",
    log_format: LogFormat::Pretty,
    log_level: "info",
    web_dir: "web/dist",
    json_limit: 64 * 1024,
    login_failures_per_account: 5,
    login_failures_account_lock: 50,
    login_failures_per_address: 100,
    mails_per_address_per_hour: 20,
    mails_per_recipient_per_hour: 3,
    trusted_proxies: "",
    interest_answer_days: 14,
    interests_per_day: 20,
    listings_from_database: false,
    webhook_allowed_networks: "",
    webhook_retry_scale: 1.0,
};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("invalid configuration: {0}")]
    Invalid(#[from] Box<figment::Error>),
    #[error("MARCOTTAGE_JWT_SECRET is required in production")]
    MissingJwtSecret,
    #[error("MARCOTTAGE_JWT_SECRET must be at least {MIN_JWT_SECRET_LEN} characters")]
    WeakJwtSecret,
}

impl Config {
    /// Reads defaults, then the TOML file, then the environment.
    pub fn load() -> Result<Self, ConfigError> {
        let file =
            std::env::var("MARCOTTAGE_CONFIG").unwrap_or_else(|_| DEFAULT_CONFIG_FILE.into());
        let figment = Figment::from(Serialized::defaults(DEFAULTS))
            .merge(Toml::file(file))
            .merge(Env::prefixed("MARCOTTAGE_").ignore(&["CONFIG"]));
        let config: Config = figment.extract().map_err(Box::new)?;
        config.checked()
    }

    /// Applies the rules that span several fields; fills in a development secret.
    pub fn checked(mut self) -> Result<Self, ConfigError> {
        match (&self.jwt_secret, self.environment) {
            (Some(secret), _) if secret.expose_secret().len() < MIN_JWT_SECRET_LEN => {
                return Err(ConfigError::WeakJwtSecret);
            }
            (Some(_), _) => {}
            (None, Environment::Production) => return Err(ConfigError::MissingJwtSecret),
            (None, Environment::Development) => {
                tracing::warn!(
                    "MARCOTTAGE_JWT_SECRET is not set: using a random development secret; \
                     sessions end when the server restarts"
                );
                self.jwt_secret = Some(random_secret().into());
            }
        }
        Ok(self)
    }

    /// A configuration for tests and tools: defaults with the given database, port 0.
    pub fn for_database(database_url: impl Into<String>) -> Self {
        Self {
            environment: Environment::Development,
            database_url: database_url.into(),
            database_max_connections: DEFAULTS.database_max_connections,
            database_acquire_timeout_ms: DEFAULTS.database_acquire_timeout_ms,
            max_requests_in_flight: DEFAULTS.max_requests_in_flight,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            jwt_secret: Some(random_secret().into()),
            jwt_previous_secret: None,
            public_url: DEFAULTS.public_url.into(),
            smtp_url: None,
            metrics_token: None,
            mail_from: DEFAULTS.mail_from.into(),
            cors_origins: Vec::new(),
            log_format: LogFormat::Pretty,
            log_level: DEFAULTS.log_level.into(),
            web_dir: PathBuf::from(DEFAULTS.web_dir),
            json_limit: DEFAULTS.json_limit,
            login_failures_per_account: DEFAULTS.login_failures_per_account,
            login_failures_account_lock: DEFAULTS.login_failures_account_lock,
            login_failures_per_address: DEFAULTS.login_failures_per_address,
            mails_per_address_per_hour: DEFAULTS.mails_per_address_per_hour,
            mails_per_recipient_per_hour: DEFAULTS.mails_per_recipient_per_hour,
            trusted_proxies: Vec::new(),
            interest_answer_days: DEFAULTS.interest_answer_days,
            interests_per_day: DEFAULTS.interests_per_day,
            listings_from_database: DEFAULTS.listings_from_database,
            webhook_allowed_networks: Vec::new(),
            webhook_retry_scale: DEFAULTS.webhook_retry_scale,
        }
    }
}

fn random_secret() -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(48)
        .map(char::from)
        .collect()
}

/// Trusted proxies: addresses or CIDR blocks, as a list or comma-separated.
fn proxies<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<ipnet::IpNet>, D::Error> {
    comma_separated(deserializer)?
        .iter()
        .map(|item| item.trim())
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<ipnet::IpNet>()
                .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    serde::de::Error::custom(format!("`{item}` is not an IP address or CIDR block"))
                })
        })
        .collect()
}

/// Accepts either a TOML list or a comma-separated string (the natural form in an env variable).
fn comma_separated<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum ListOrString {
        List(Vec<String>),
        String(String),
    }
    let items = match ListOrString::deserialize(deserializer)? {
        ListOrString::List(items) => items,
        ListOrString::String(joined) => joined.split(',').map(str::to_owned).collect(),
    };
    Ok(items
        .into_iter()
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(DEFAULTS));
        for (key, value) in vars {
            figment = figment.merge((*key, *value));
        }
        let config: Config = figment.extract().map_err(Box::new)?;
        config.checked()
    }

    #[test]
    fn defaults_bind_loopback_with_a_sqlite_file() -> Result<(), ConfigError> {
        let config = load_with(&[])?;
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert!(config.database_url.starts_with("sqlite://"));
        assert!(
            config.jwt_secret.is_some(),
            "development gets a random secret"
        );
        Ok(())
    }

    #[test]
    fn production_refuses_to_start_without_a_secret() {
        let result = load_with(&[("environment", "production")]);
        assert!(matches!(result, Err(ConfigError::MissingJwtSecret)));
    }

    #[test]
    fn short_secrets_are_refused() {
        let result = load_with(&[("jwt_secret", "short")]);
        assert!(matches!(result, Err(ConfigError::WeakJwtSecret)));
    }

    #[test]
    fn cors_origins_are_read_from_a_comma_separated_string() -> Result<(), ConfigError> {
        let config = load_with(&[("cors_origins", "https://a.example, https://b.example,")])?;
        assert_eq!(
            config.cors_origins,
            ["https://a.example", "https://b.example"]
        );
        Ok(())
    }
}
