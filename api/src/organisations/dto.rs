use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::queries::MemberRole;
use crate::{
    codelist::codelist,
    conversations::people::MemberName,
    entities::{organisation, organisation_invitation},
    search::{Sort, search_page},
    taxonomies::OrganisationKind,
};

#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Association Teranga Lyon",
    "kind": "diaspora_association",
    "country": "FR",
    "city": "Lyon",
    "website": "https://teranga-lyon.org",
    "description": "Association de la diaspora sénégalaise de Lyon qui accompagne des projets agricoles en Casamance."
}))]
pub struct NewOrganisation {
    #[validate(length(min = 2, max = 200))]
    #[schema(min_length = 2, max_length = 200, example = "Association Teranga Lyon")]
    pub name: String,
    pub kind: OrganisationKind,
    /// ISO 3166-1 alpha-2.
    #[schema(min_length = 2, max_length = 2, pattern = "^[A-Z]{2}$", example = "FR")]
    pub country: String,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub city: Option<String>,
    #[validate(length(max = 300), url)]
    #[schema(max_length = 300, pattern = "^https?://")]
    pub website: Option<String>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub description: Option<String>,
}

/// Changes to an organisation. Absent fields are unchanged; `null` clears a nullable one.
/// `verified` is not here: only facilitators verify, through `/verification`.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"city": "Villeurbanne", "website": null, "description": "Diaspora association supporting farming ventures in Casamance."}))]
pub struct OrganisationChanges {
    #[validate(length(min = 2, max = 200))]
    #[schema(min_length = 2, max_length = 200)]
    pub name: Option<String>,
    pub kind: Option<OrganisationKind>,
    #[schema(min_length = 2, max_length = 2, pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub city: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<String>, max_length = 300, pattern = "^https?://")]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<String>, max_length = 5000)]
    pub description: Option<Option<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    pub kind: OrganisationKind,
    pub country: String,
    pub city: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    /// Checked by a facilitator.
    pub verified: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&organisation::Model> for Organisation {
    fn from(row: &organisation::Model) -> Self {
        Self {
            id: row.id,
            name: row.name.clone(),
            kind: row.kind,
            country: row.country.clone(),
            city: row.city.clone(),
            website: row.website.clone(),
            description: row.description.clone(),
            verified: row.verified,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

search_page! {
    OrganisationPage of Organisation,
    cursor "Pass it as `cursor` for the next page; absent on the last page.",
    total "How many organisations match, on all pages.",
    facets OrganisationFacets { kind, country }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganisationQuery {
    pub kind: Option<OrganisationKind>,
    /// ISO 3166-1 alpha-2.
    #[param(min_length = 2, max_length = 2, pattern = "^[A-Za-z]{2}$")]
    pub country: Option<String>,
    pub verified: Option<bool>,
    /// Words to find in the name, city or description (French or English; accents and case
    /// do not matter).
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// `relevance` (the default with `q`) or `newest`.
    pub sort: Option<Sort>,
    /// 1 to 100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    #[param(max_length = 512, pattern = "^[0-9a-f]+$")]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationMember {
    pub user_id: Uuid,
    pub display_name: String,
    pub role: MemberRole,
    pub joined_at: DateTime<Utc>,
}

/// An invitation to join an organisation, sent by one of its owners.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "moussa@example.sn", "role": "editor"}))]
pub struct NewInvitation {
    /// The address to invite. It need not have an account: its holder may register with it,
    /// and the invitation waits for them.
    #[validate(length(max = 254))]
    #[schema(format = Email, max_length = 254, example = "moussa@example.sn")]
    pub email: String,
    /// The role the invitee gets on accepting.
    pub role: MemberRole,
}

/// A pending invitation, as the organisation's owners see it. Its shape and status are the
/// same whether or not the address has an account or already belongs to the organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct Invitation {
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// The invited address, trimmed and lower-cased.
    #[schema(format = Email)]
    pub email: String,
    pub role: MemberRole,
    /// The owner who (last) sent it.
    pub invited_by: Uuid,
    pub created_at: DateTime<Utc>,
    /// Fourteen days after the last invitation to this address; inviting again extends it.
    pub expires_at: DateTime<Utc>,
}

impl From<&organisation_invitation::Model> for Invitation {
    fn from(row: &organisation_invitation::Model) -> Self {
        Self {
            id: row.id,
            organisation_id: row.organisation_id,
            email: row.email.clone(),
            role: MemberRole::from_stored(&row.role),
            invited_by: row.invited_by,
            created_at: row.created_at,
            expires_at: row.expires_at,
        }
    }
}

codelist! {
    /// Where an invitation stands.
    pub enum InvitationStatus {
        Pending,
        Accepted,
        Declined,
    }
}

/// An invitation as its invitee sees it: who invites them, to which organisation, as what.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReceivedInvitation {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub role: MemberRole,
    pub status: InvitationStatus,
    /// The owner who sent it, by their public name.
    pub invited_by: MemberName,
    pub created_at: DateTime<Utc>,
    /// Past this time the invitation can no longer be accepted.
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"role": "owner"}))]
pub struct MembershipChange {
    pub role: MemberRole,
}
