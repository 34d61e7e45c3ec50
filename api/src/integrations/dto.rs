//! What the integration routes take and return.

use crate::codelist::codelist;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::{events::EventType, scopes::Scope};
use crate::entities::{api_key, webhook, webhook_attempt, webhook_delivery};

/// A new API key for an organisation.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Site de l'association",
    "scopes": ["read", "opportunities:write"],
    "expires_at": "2027-06-30T00:00:00Z",
    "cors_origins": ["https://teranga-lyon.org"],
    "requests_per_minute": 120
}))]
pub struct NewApiKey {
    /// What the key is for, to recognise it in the list.
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[validate(length(min = 1, max = 4))]
    #[schema(min_items = 1, max_items = 4)]
    pub scopes: Vec<Scope>,
    /// After this instant the key is refused. None: until revoked.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// Origins (`https://example.org`) whose pages may call the API with this key.
    #[serde(default)]
    #[validate(length(max = 10))]
    #[schema(max_items = 10)]
    pub cors_origins: Vec<String>,
    /// Requests a minute before 429 (per replica). Default 120.
    #[validate(range(min = 1, max = 6000))]
    #[schema(minimum = 1, maximum = 6000)]
    pub requests_per_minute: Option<u32>,
}

/// An API key as its owners see it: never the key itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKey {
    pub id: Uuid,
    pub name: String,
    /// The key's first characters, to recognise it (`mk_0123abcd`).
    pub prefix: String,
    pub scopes: Vec<Scope>,
    pub cors_origins: Vec<String>,
    pub requests_per_minute: u32,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub created_by: Uuid,
}

impl ApiKey {
    pub fn from_row(row: &api_key::Model) -> Self {
        Self {
            id: row.id,
            name: row.name.clone(),
            prefix: row.prefix.clone(),
            scopes: serde_json::from_value(row.scopes.clone()).unwrap_or_default(),
            cors_origins: serde_json::from_value(row.cors_origins.clone()).unwrap_or_default(),
            requests_per_minute: row.requests_per_minute.max(0) as u32,
            expires_at: row.expires_at,
            revoked_at: row.revoked_at,
            last_used_at: row.last_used_at,
            created_at: row.created_at,
            created_by: row.created_by,
        }
    }
}

/// A key just made: the only answer that shows `secret`.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub key: ApiKey,
    /// The whole key. Shown once: store it now (send it as `Authorization: Bearer <key>`).
    pub secret: String,
}

/// A new webhook.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "url": "https://teranga-lyon.org/hooks/marcottage",
    "events": ["opportunity.created", "interest.received"]
}))]
pub struct NewWebhook {
    /// An `https://` (or `http://`) address on the public internet.
    #[validate(length(min = 8, max = 2048), url)]
    #[schema(min_length = 8, max_length = 2048, pattern = "^https?://")]
    pub url: String,
    #[validate(length(min = 1, max = 10))]
    #[schema(min_items = 1, max_items = 10)]
    pub events: Vec<EventType>,
}

/// Changes to a webhook. Absent fields are unchanged.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"active": false}))]
pub struct WebhookChanges {
    #[validate(length(min = 8, max = 2048), url)]
    #[schema(min_length = 8, max_length = 2048, pattern = "^https?://")]
    pub url: Option<String>,
    #[validate(length(min = 1, max = 10))]
    #[schema(min_items = 1, max_items = 10)]
    pub events: Option<Vec<EventType>>,
    pub active: Option<bool>,
}

/// A webhook as its organisation's owners see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Webhook {
    pub id: Uuid,
    pub url: String,
    pub events: Vec<EventType>,
    pub active: bool,
    /// The signing secret (`whsec_...`): verify `webhook-signature` with it.
    pub secret: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

impl Webhook {
    pub fn from_row(row: &webhook::Model) -> Self {
        Self {
            id: row.id,
            url: row.url.clone(),
            events: serde_json::from_value(row.events.clone()).unwrap_or_default(),
            active: row.active,
            secret: row.secret.clone(),
            version: row.version,
            created_at: row.created_at,
        }
    }
}

codelist! {
    /// Where a delivery stands.
    pub enum DeliveryStatus {
        /// Waiting for its first or next attempt.
        Pending,
        Delivered,
        /// Given up after three days of attempts (redeliver to try again).
        Failed,
    }
}

impl DeliveryStatus {
    pub fn from_stored(value: &str) -> Self {
        match value {
            "delivered" => Self::Delivered,
            "failed" => Self::Failed,
            _ => Self::Pending,
        }
    }
}

/// One attempt of a delivery.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryAttempt {
    pub attempted_at: DateTime<Utc>,
    /// The receiver's HTTP status; none when it could not be reached.
    pub status_code: Option<u16>,
    pub latency_ms: u32,
    pub error: Option<String>,
}

impl DeliveryAttempt {
    pub fn from_row(row: &webhook_attempt::Model) -> Self {
        Self {
            attempted_at: row.attempted_at,
            status_code: row.status_code.map(|code| code as u16),
            latency_ms: row.latency_ms.max(0) as u32,
            error: row.error.clone(),
        }
    }
}

/// One event sent (or being sent) to a webhook, with its attempts.
#[derive(Debug, Serialize, ToSchema)]
pub struct Delivery {
    pub id: Uuid,
    /// The `webhook-id` header: the same on every attempt and redelivery.
    pub message_id: String,
    pub event_type: String,
    pub status: DeliveryStatus,
    pub attempts: Vec<DeliveryAttempt>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

impl Delivery {
    pub fn from_rows(row: &webhook_delivery::Model, attempts: Vec<DeliveryAttempt>) -> Self {
        Self {
            id: row.id,
            message_id: row.message_id.clone(),
            event_type: row.event_type.clone(),
            status: DeliveryStatus::from_stored(&row.status),
            attempts,
            created_at: row.created_at,
            delivered_at: row.delivered_at,
        }
    }
}
