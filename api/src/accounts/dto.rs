//! Request and response bodies of the accounts feature.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::Role;
use crate::{entities::user, taxonomies::Lang};

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "awa.diop@example.sn", "password": "mangues de Casamance 2026", "display_name": "Awa Diop", "locale": "fr"}))]
pub struct Registration {
    #[schema(format = Email, max_length = 254, example = "awa.diop@example.sn")]
    pub email: String,
    #[schema(min_length = 8, max_length = 128, format = Password)]
    pub password: String,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, example = "Awa Diop")]
    pub display_name: String,
    pub locale: Option<Lang>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "awa.diop@example.sn", "password": "mangues de Casamance 2026"}))]
pub struct Credentials {
    #[validate(length(max = 254))]
    #[schema(max_length = 254)]
    pub email: String,
    #[validate(length(max = 1024))]
    #[schema(max_length = 1024, format = Password)]
    pub password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"refresh_token": "Yp3kq8Vd0sLr2mXw9TzN4bHc6JfA1uGe"}))]
pub struct RefreshRequest {
    #[validate(length(max = 256))]
    #[schema(max_length = 256)]
    pub refresh_token: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "Hk4nW8pZ1rTd6vLq3mXs9bCf2JyA7uEg"}))]
pub struct TokenRequest {
    /// The token received by e-mail.
    #[validate(length(max = 256))]
    #[schema(max_length = 256)]
    pub token: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "awa.diop@example.sn"}))]
pub struct PasswordResetRequest {
    #[validate(length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "Qm7rT2vX9cLp4sWd8nBz3kHf6JyA0uEg", "password": "un nouveau mot de passe solide"}))]
pub struct PasswordResetConfirmation {
    #[validate(length(max = 256))]
    #[schema(max_length = 256)]
    pub token: String,
    #[schema(min_length = 8, max_length = 128, format = Password)]
    pub password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"current_password": "mangues de Casamance 2026", "new_password": "un nouveau mot de passe solide"}))]
pub struct PasswordChange {
    #[validate(length(max = 1024))]
    #[schema(max_length = 1024, format = Password)]
    pub current_password: String,
    #[schema(min_length = 8, max_length = 128, format = Password)]
    pub new_password: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"password": "mangues de Casamance 2026"}))]
pub struct AccountDeletion {
    #[validate(length(max = 1024))]
    #[schema(max_length = 1024, format = Password)]
    pub password: String,
}

/// A new access token and the session's next refresh token.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Single use: exchange it at `/api/v1/auth/refresh` for the next pair.
    pub refresh_token: String,
    pub refresh_expires_in: i64,
}

/// A request was accepted; what follows happens by e-mail.
#[derive(Debug, Serialize, ToSchema)]
pub struct Accepted {
    pub status: String,
}

impl Default for Accepted {
    fn default() -> Self {
        Self {
            status: "accepted".into(),
        }
    }
}

/// Changes to one's own profile. Absent fields are unchanged; `null` clears a nullable one.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "display_name": "Awa Diop",
    "bio": "Ingénieure agronome à Lyon, originaire de Ziguinchor ; je conseille des coopératives de transformation.",
    "skills": ["séchage", "agronomie", "gestion de coopérative"],
    "sectors": ["31120", "32161"],
    "countries": ["SN", "GM"],
    "languages": ["fr", "wo", "en"],
    "country_of_origin": "SN",
    "country_of_residence": "FR",
    "residence_subdivision": "FR-ARA",
    "diaspora_counted": true,
    "locale": "fr"
}))]
pub struct ProfileChanges {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<String>, max_length = 2000)]
    pub bio: Option<Option<String>>,
    #[validate(length(max = 30))]
    #[schema(max_items = 30)]
    pub skills: Option<Vec<String>>,
    /// OECD-DAC sector codes (5-digit) or categories (3-digit).
    #[validate(length(max = 50))]
    #[schema(max_items = 50)]
    pub sectors: Option<Vec<String>>,
    /// ISO 3166-1 alpha-2 codes of the countries of interest.
    #[validate(length(max = 60))]
    #[schema(max_items = 60)]
    pub countries: Option<Vec<String>>,
    /// ISO 639-1 codes.
    #[validate(length(max = 20))]
    #[schema(max_items = 20)]
    pub languages: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<String>, min_length = 2, max_length = 2)]
    pub country_of_origin: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<String>, min_length = 2, max_length = 2)]
    pub country_of_residence: Option<Option<String>>,
    /// ISO 3166-2 code of where one lives in the country of residence (`FR-IDF`).
    #[serde(default, deserialize_with = "crate::http::fields::present")]
    #[schema(value_type = Option<String>, min_length = 4, max_length = 6, example = "FR-IDF")]
    pub residence_subdivision: Option<Option<String>>,
    /// Agree to be counted (never named) in the diaspora figures of where one lives.
    pub diaspora_counted: Option<bool>,
    pub locale: Option<Lang>,
}

/// A member's own profile, with the private fields.
#[derive(Debug, Serialize, ToSchema)]
pub struct OwnProfile {
    pub id: Uuid,
    pub email: String,
    pub email_verified: bool,
    pub display_name: String,
    pub locale: Lang,
    pub role: Role,
    pub bio: Option<String>,
    pub skills: Vec<String>,
    pub sectors: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    pub country_of_origin: Option<String>,
    pub country_of_residence: Option<String>,
    pub residence_subdivision: Option<String>,
    /// Counted (never named) in diaspora figures; off until the member says so.
    pub diaspora_counted: bool,
    /// Increases with every change; send it back in `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What anyone may see of a member: never the e-mail address.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicProfile {
    pub id: Uuid,
    pub display_name: String,
    pub role: Role,
    pub bio: Option<String>,
    pub skills: Vec<String>,
    pub sectors: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    pub country_of_origin: Option<String>,
    pub country_of_residence: Option<String>,
    pub created_at: DateTime<Utc>,
}

fn lang(stored: &str) -> Lang {
    if stored == "fr" { Lang::Fr } else { Lang::En }
}

impl From<&user::Model> for OwnProfile {
    fn from(user: &user::Model) -> Self {
        Self {
            id: user.id,
            email: user.email.clone(),
            email_verified: user.email_verified_at.is_some(),
            display_name: user.display_name.clone(),
            locale: lang(&user.locale),
            role: Role::from_stored(&user.role),
            bio: user.bio.clone(),
            skills: user.skills.to_vec(),
            sectors: user.sectors.to_vec(),
            countries: user.countries.to_vec(),
            languages: user.languages.to_vec(),
            country_of_origin: user.country_of_origin.clone(),
            country_of_residence: user.country_of_residence.clone(),
            residence_subdivision: user.residence_subdivision.clone(),
            diaspora_counted: user.diaspora_counted,
            version: user.version,
            created_at: user.created_at,
            updated_at: user.updated_at,
        }
    }
}

impl From<&user::Model> for PublicProfile {
    fn from(user: &user::Model) -> Self {
        Self {
            id: user.id,
            display_name: user.display_name.clone(),
            role: Role::from_stored(&user.role),
            bio: user.bio.clone(),
            skills: user.skills.to_vec(),
            sectors: user.sectors.to_vec(),
            countries: user.countries.to_vec(),
            languages: user.languages.to_vec(),
            country_of_origin: user.country_of_origin.clone(),
            country_of_residence: user.country_of_residence.clone(),
            created_at: user.created_at,
        }
    }
}

/// Everything Marcottage holds about a member (GDPR art. 15 and 20).
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonalDataExport {
    pub profile: OwnProfile,
    pub sessions: Vec<SessionExport>,
    pub organisations: Vec<MembershipExport>,
    pub exported_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionExport {
    pub started_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipExport {
    pub organisation_id: Uuid,
    pub name: String,
    /// `owner` or `editor`.
    pub role: String,
    pub joined_at: DateTime<Utc>,
}

/// What an admin may change about a member.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"role": "facilitator", "suspended": false}))]
pub struct MemberAdministration {
    pub role: Option<Role>,
    pub suspended: Option<bool>,
}

/// A member as admins see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdministeredMember {
    #[serde(flatten)]
    pub profile: PublicProfile,
    pub suspended: bool,
}
