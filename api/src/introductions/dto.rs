use crate::codelist::codelist;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::conversations::people::MemberName;

codelist! {
    /// What a side of an introduction names: a member, or an item standing for its owner.
    pub enum SideKind {
        Member,
        Project,
        Opportunity,
    }
}

/// A side as the facilitator names it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SideRef {
    pub kind: SideKind,
    /// A member's id, or the project's or opportunity's.
    pub id: Uuid,
}

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"a": {"kind": "member", "id": "5b8e3c71-2a9f-4e06-bd14-9c6a0f7e2d38"}, "b": {"kind": "project", "id": "7c2e9b14-5f3a-4d8e-b6a1-0e4d9f2c8b53"}, "note": "Vous cherchez tous deux à sécher des mangues en Casamance."}))]
pub struct NewIntroduction {
    pub a: SideRef,
    pub b: SideRef,
    /// Why these two should meet.
    #[validate(
        length(min = 1, max = 2000),
        custom(function = crate::http::fields::written, message = "say why they should meet")
    )]
    #[schema(
        min_length = 1,
        max_length = 2000,
        example = "Vous cherchez tous deux à sécher des mangues en Casamance."
    )]
    pub note: String,
}

codelist! {
    /// Where an introduction, or one side's answer, stands.
    pub enum IntroductionStatus {
        Pending,
        /// Both sides accepted (for a side: this side accepted).
        Accepted,
        /// A side declined.
        Declined,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IntroductionSide {
    pub kind: SideKind,
    /// The project or opportunity; null for a member.
    pub item_id: Option<Uuid>,
    /// The item's title; null for a member or a deleted item.
    pub title: Option<String>,
    /// Who the side is. Null for an anonymous opportunity's owner until both sides accepted,
    /// except to that owner.
    pub member: Option<MemberName>,
    pub answer: IntroductionStatus,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Introduction {
    pub id: Uuid,
    pub facilitator: MemberName,
    pub note: String,
    pub status: IntroductionStatus,
    pub a: IntroductionSide,
    pub b: IntroductionSide,
    /// The conversation opened when both sides accepted.
    pub conversation_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IntroductionPage {
    pub items: Vec<Introduction>,
    /// Pass it as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntroductionQuery {
    /// 1 to 100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}
