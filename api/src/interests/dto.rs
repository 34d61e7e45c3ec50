use crate::codelist::codelist;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::target::TargetKind;
use crate::conversations::people::{Contact, MemberName};

/// The project or opportunity an interest is about.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetRef {
    pub kind: TargetKind,
    pub id: Uuid,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"target": {"kind": "opportunity", "id": "c41a7e02-9d6b-4f38-8a5c-2b7e1f0d9c64"}, "message": "Notre coopérative sèche déjà des mangues à Bignona ; parlons-en.", "organisation_id": "3f6d2a9e-8b41-4c57-a0d2-5e9b7c1f4a26"}))]
pub struct NewInterest {
    pub target: TargetRef,
    /// Who the sender is and what they propose.
    #[validate(
        length(min = 1, max = 2000),
        custom(
            function = crate::http::fields::written,
            message = "say who you are and what you propose"
        )
    )]
    #[schema(
        min_length = 1,
        max_length = 2000,
        example = "Notre coopérative sèche déjà des mangues à Bignona ; parlons-en."
    )]
    pub message: String,
    /// An organisation the sender belongs to, speaking on its behalf.
    pub organisation_id: Option<Uuid>,
}

codelist! {
    pub enum InterestStatus {
        /// Waiting for the owner's answer.
        Pending,
        /// The owner accepted: a conversation is open and each side sees the other's contact.
        Accepted,
        Declined,
        /// The sender took it back.
        Withdrawn,
    }
}

/// The item an interest is about, as anyone may see it (never its anonymous owner).
#[derive(Debug, Serialize, ToSchema)]
pub struct Target {
    pub kind: TargetKind,
    pub id: Uuid,
    /// Null when the item was deleted since.
    pub title: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Interest {
    pub id: Uuid,
    pub target: Target,
    pub sender: MemberName,
    /// The organisation the sender speaks for.
    pub organisation_id: Option<Uuid>,
    pub message: String,
    pub status: InterestStatus,
    /// When the owner should have answered by.
    pub answer_by: DateTime<Utc>,
    /// Still pending after `answer_by`.
    pub overdue: bool,
    pub answered_at: Option<DateTime<Utc>>,
    /// The conversation opened by acceptance.
    pub conversation_id: Option<Uuid>,
    /// Once accepted, the other side: the target's owner for the sender (even an anonymous
    /// one), the sender for the owner's side. Null before.
    pub counterpart: Option<Contact>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InterestPage {
    pub items: Vec<Interest>,
    /// Pass it as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// Which interests to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterestBox {
    /// Those the caller sent.
    Sent,
    /// Those about items the caller may edit (their own, or their organisations').
    Received,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InterestQuery {
    #[serde(rename = "box")]
    pub mailbox: InterestBox,
    pub status: Option<InterestStatus>,
    /// 1 to 100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}
