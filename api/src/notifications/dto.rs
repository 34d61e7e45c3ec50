use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::{entities::notification, http::fields::parse_code};

/// What a notification is about. Every payload has `title` and `link`; the other keys:
/// - `interest_received`: `interest_id`, `target_kind`, `target_id`;
/// - `interest_answered`: `interest_id`, `status` (`accepted`, `declined` or `withdrawn`),
///   and `conversation_id` when accepted;
/// - `message_received`: `conversation_id`, `message_id` (sent for the first unread message
///   of a conversation only: its `unread` count tells the rest);
/// - `introduction_proposed`: `introduction_id`;
/// - `introduction_answered`: `introduction_id`, `status` (`accepted` or `declined`: this
///   side's answer), and `conversation_id` once both sides accepted;
/// - `saved_search_hit`: `saved_search_id` and what was found;
/// - `organisation_invitation`: `invitation_id`, `organisation_id`, `organisation_name` and
///   `role` (`owner` or `editor`), for the invitee to accept or decline;
/// - `organisation_invitation_answered`: `invitation_id`, `organisation_id`,
///   `organisation_name` and `status` (`accepted` or `declined`), for the owner who invited;
/// - `funding_application_submitted`: `application_id`, `call_id`, for the funder's members;
/// - `funding_application_reviewed`: `application_id`, `call_id` and `status`
///   (`under_review`, `accepted` or `rejected`), for the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    InterestReceived,
    InterestAnswered,
    MessageReceived,
    IntroductionProposed,
    IntroductionAnswered,
    SavedSearchHit,
    OrganisationInvitation,
    OrganisationInvitationAnswered,
    FundingApplicationSubmitted,
    FundingApplicationReviewed,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InterestReceived => "interest_received",
            Self::InterestAnswered => "interest_answered",
            Self::MessageReceived => "message_received",
            Self::IntroductionProposed => "introduction_proposed",
            Self::IntroductionAnswered => "introduction_answered",
            Self::SavedSearchHit => "saved_search_hit",
            Self::OrganisationInvitation => "organisation_invitation",
            Self::OrganisationInvitationAnswered => "organisation_invitation_answered",
            Self::FundingApplicationSubmitted => "funding_application_submitted",
            Self::FundingApplicationReviewed => "funding_application_reviewed",
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Notification {
    pub id: Uuid,
    pub kind: NotificationKind,
    /// An object with `title` and `link` (a web app path) and the kind's own keys.
    #[schema(value_type = Object, example = json!({"title": "Nouvelle marque d'intérêt", "link": "/interests/0193…", "interest_id": "0193…", "target_kind": "opportunity", "target_id": "0193…"}))]
    pub payload: serde_json::Value,
    pub read: bool,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<&notification::Model> for Notification {
    fn from(row: &notification::Model) -> Self {
        Self {
            id: row.id,
            kind: parse_code(&row.kind).unwrap_or(NotificationKind::SavedSearchHit),
            payload: row.payload.clone(),
            read: row.read_at.is_some(),
            read_at: row.read_at,
            created_at: row.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationPage {
    /// How many of the caller's notifications are unread, on all pages.
    pub unread: u64,
    pub items: Vec<Notification>,
    /// Pass it as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Only the unread ones.
    pub unread_only: Option<bool>,
    /// 1 to 100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    #[param(pattern = "^[0-9a-f]{32}$")]
    pub cursor: Option<String>,
}
