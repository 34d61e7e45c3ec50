use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::payloads::NotificationContent;
use crate::{entities::notification, error::ApiError};

/// What a notification is about; each kind's payload is in [`super::payloads`].
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
    /// `kind` and the kind's `payload`, which always has `title` and `link` (a web app path).
    #[serde(flatten)]
    pub content: NotificationContent,
    pub read: bool,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<&notification::Model> for Notification {
    type Error = ApiError;

    /// A stored notification that no longer fits its kind's type is an error, not an open
    /// object that clients cannot read.
    fn try_from(row: &notification::Model) -> Result<Self, ApiError> {
        let content = NotificationContent::read(&row.kind, &row.payload).map_err(|error| {
            ApiError::Internal(anyhow::anyhow!(
                "notification {} does not fit its kind: {error}",
                row.id
            ))
        })?;
        Ok(Self {
            id: row.id,
            content,
            read: row.read_at.is_some(),
            read_at: row.read_at,
            created_at: row.created_at,
        })
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
