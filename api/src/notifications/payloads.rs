//! What each kind of notification carries. Every payload has `title` (a short text in the
//! recipient's language) and `link` (the web app path to open); the other keys are the kind's.
//! [`super::notify`] checks a payload against its kind's type before storing it, so what the
//! API sends is what the spec says. `super::dto` ties each kind to its payload.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    funding::applications::dto::ApplicationStatus,
    interests::{dto::InterestStatus, target::TargetKind},
    introductions::dto::IntroductionStatus,
    organisations::{dto::InvitationStatus, queries::MemberRole},
};

/// Someone expressed interest in one of the recipient's items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterestReceived {
    pub title: String,
    pub link: String,
    pub interest_id: Uuid,
    pub target_kind: TargetKind,
    pub target_id: Uuid,
}

/// The other side accepted, declined or withdrew an interest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterestAnswered {
    pub title: String,
    pub link: String,
    pub interest_id: Uuid,
    /// `accepted`, `declined` or `withdrawn`.
    pub status: InterestStatus,
    /// The conversation the acceptance opened; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<Uuid>,
}

/// A new message, for the first unread one of a conversation only: its `unread` count tells
/// the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageReceived {
    pub title: String,
    pub link: String,
    pub conversation_id: Uuid,
    pub message_id: Uuid,
}

/// A facilitator proposes that the recipient meet someone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntroductionProposed {
    pub title: String,
    pub link: String,
    pub introduction_id: Uuid,
}

/// A side answered an introduction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntroductionAnswered {
    pub title: String,
    pub link: String,
    pub introduction_id: Uuid,
    /// That side's answer: `accepted` or `declined`.
    pub status: IntroductionStatus,
    /// Once both sides accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<Uuid>,
}

/// New results of a saved search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SavedSearchHit {
    pub title: String,
    pub link: String,
    pub saved_search_id: Uuid,
    /// How many new results; the alert worker always sends it and `items`, but a client
    /// should not fail without them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// The new results' titles and links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<FoundItem>>,
}

/// One new result of a saved search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FoundItem {
    pub title: String,
    pub link: String,
}

/// An invitation to join an organisation, for the invitee to accept or decline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInvitation {
    pub title: String,
    pub link: String,
    pub invitation_id: Uuid,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub role: MemberRole,
}

/// The invitee answered, for the owner who invited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInvitationAnswered {
    pub title: String,
    pub link: String,
    pub invitation_id: Uuid,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    /// `accepted` or `declined`.
    pub status: InvitationStatus,
}

/// An application to one of the funder's calls, for the funder's members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingApplicationSubmitted {
    pub title: String,
    pub link: String,
    pub application_id: Uuid,
    pub call_id: Uuid,
}

/// The funder moved the recipient's application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingApplicationReviewed {
    pub title: String,
    pub link: String,
    pub application_id: Uuid,
    pub call_id: Uuid,
    /// `under_review`, `accepted` or `rejected`.
    pub status: ApplicationStatus,
}
