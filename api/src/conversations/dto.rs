use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::people::MemberName;
use crate::entities::message;

#[derive(Debug, Serialize, ToSchema)]
pub struct Conversation {
    pub id: Uuid,
    /// Everyone in it, the caller included, by public name.
    pub participants: Vec<MemberName>,
    /// Messages from the others that the caller has not read yet.
    pub unread: u64,
    /// The accepted interest that opened it, if any.
    pub interest_id: Option<Uuid>,
    /// The accepted introduction that opened it, if any.
    pub introduction_id: Option<Uuid>,
    /// When it opened or last received a message.
    pub last_activity_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConversationPage {
    pub items: Vec<Conversation>,
    /// Pass it as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConversationQuery {
    /// 1 to 100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 512, pattern = "^[0-9a-f]+$")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"body": "Bonjour, pouvons-nous en parler jeudi ?"}))]
pub struct NewMessage {
    #[validate(
        length(min = 1, max = 5000),
        custom(function = crate::http::fields::written, message = "write something")
    )]
    #[schema(
        min_length = 1,
        max_length = 5000,
        example = "Bonjour, pouvons-nous en parler jeudi ?"
    )]
    pub body: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Message {
    pub id: Uuid,
    pub conversation_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

impl From<&message::Model> for Message {
    fn from(row: &message::Model) -> Self {
        Self {
            id: row.id,
            conversation_id: row.conversation_id,
            author_id: row.author_id,
            body: row.body.clone(),
            created_at: row.created_at,
        }
    }
}

/// Messages newest first. Reading a page marks the messages up to its newest read for the
/// caller, so the first page marks the whole conversation read.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessagePage {
    pub items: Vec<Message>,
    /// Pass it as `cursor` for older messages; absent on the oldest page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MessageQuery {
    /// 1 to 100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}
