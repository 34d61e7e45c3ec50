use crate::codelist::codelist;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::payloads;
use crate::{entities::notification, error::ApiError};

codelist! {
    /// What a notification is about; each kind's payload is in [`super::payloads`].
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
}

/// Declares, for each kind, the schema of a notification of that kind (its `kind` and its
/// payload's type) and the [`Notification`] union of them, discriminated by `kind`: clients
/// generated from the spec get one type per kind instead of an open object.
macro_rules! notifications {
    ($($variant:ident: $kind:tt => $payload:ident as $notice:ident, $tag:ident;)*) => {
        $(
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
            pub enum $tag {
                #[serde(rename = $kind)]
                Only,
            }

            #[derive(Debug, Serialize, ToSchema)]
            pub struct $notice {
                pub id: Uuid,
                #[schema(inline)]
                pub kind: $tag,
                pub payload: payloads::$payload,
                pub read: bool,
                pub read_at: Option<DateTime<Utc>>,
                pub created_at: DateTime<Utc>,
            }
        )*

        /// A notification: `kind` says which `payload` it carries; every payload has `title`
        /// and `link` (a web app path).
        #[derive(Debug, Serialize, ToSchema)]
        #[serde(untagged)]
        #[schema(discriminator(property_name = "kind", mapping(
            $(($kind = concat!("#/components/schemas/", stringify!($notice)))),*
        )))]
        pub enum Notification {
            $($variant($notice)),*
        }

        impl Notification {
            fn read(row: &notification::Model) -> serde_json::Result<Self> {
                let payload = row.payload.clone();
                let (id, read, read_at, created_at) =
                    (row.id, row.read_at.is_some(), row.read_at, row.created_at);
                Ok(match row.kind.as_str() {
                    $($kind => Self::$variant($notice {
                        id,
                        kind: $tag::Only,
                        payload: serde_json::from_value(payload)?,
                        read,
                        read_at,
                        created_at,
                    }),)*
                    other => return Err(serde::de::Error::custom(format!("unknown kind {other}"))),
                })
            }
        }

        /// Whether `payload` fits the type of `kind`'s payload. The match is exhaustive: a new
        /// kind does not compile until it has a payload type.
        pub(super) fn check_payload(
            kind: NotificationKind,
            payload: &serde_json::Value,
        ) -> serde_json::Result<()> {
            match kind {
                $(NotificationKind::$variant => {
                    debug_assert_eq!(kind.as_str(), $kind);
                    serde_json::from_value::<payloads::$payload>(payload.clone()).map(drop)
                })*
            }
        }
    };
}

notifications! {
    InterestReceived: "interest_received" => InterestReceived
        as InterestReceivedNotification, InterestReceivedKind;
    InterestAnswered: "interest_answered" => InterestAnswered
        as InterestAnsweredNotification, InterestAnsweredKind;
    MessageReceived: "message_received" => MessageReceived
        as MessageReceivedNotification, MessageReceivedKind;
    IntroductionProposed: "introduction_proposed" => IntroductionProposed
        as IntroductionProposedNotification, IntroductionProposedKind;
    IntroductionAnswered: "introduction_answered" => IntroductionAnswered
        as IntroductionAnsweredNotification, IntroductionAnsweredKind;
    SavedSearchHit: "saved_search_hit" => SavedSearchHit
        as SavedSearchHitNotification, SavedSearchHitKind;
    OrganisationInvitation: "organisation_invitation" => OrganisationInvitation
        as OrganisationInvitationNotification, OrganisationInvitationKind;
    OrganisationInvitationAnswered: "organisation_invitation_answered" => OrganisationInvitationAnswered
        as OrganisationInvitationAnsweredNotification, OrganisationInvitationAnsweredKind;
    FundingApplicationSubmitted: "funding_application_submitted" => FundingApplicationSubmitted
        as FundingApplicationSubmittedNotification, FundingApplicationSubmittedKind;
    FundingApplicationReviewed: "funding_application_reviewed" => FundingApplicationReviewed
        as FundingApplicationReviewedNotification, FundingApplicationReviewedKind;
}

impl TryFrom<&notification::Model> for Notification {
    type Error = ApiError;

    /// A stored notification that no longer fits its kind's type is an error, not an open
    /// object that clients cannot read.
    fn try_from(row: &notification::Model) -> Result<Self, ApiError> {
        Self::read(row).map_err(|error| {
            ApiError::Internal(anyhow::anyhow!(
                "notification {} does not fit its kind: {error}",
                row.id
            ))
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
