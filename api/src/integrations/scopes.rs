//! What an API key may do: its scopes, and the one rule that says which scope an operation
//! needs. Anything the rule does not name (accounts, messages, interests, keys themselves) is
//! out of reach of every key: those act for a person, not for an organisation.

use actix_web::http::Method;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A permission given to an API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum Scope {
    /// Read the public marketplace: listings, items, matches, taxonomies, events, exports.
    #[serde(rename = "read")]
    Read,
    /// Publish, change and withdraw the organisation's opportunities.
    #[serde(rename = "opportunities:write")]
    OpportunitiesWrite,
    /// Create, change and delete the organisation's projects and their milestones.
    #[serde(rename = "projects:write")]
    ProjectsWrite,
    /// Manage the organisation's webhooks and read their deliveries.
    #[serde(rename = "webhooks")]
    Webhooks,
}

impl Scope {
    pub fn code(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::OpportunitiesWrite => "opportunities:write",
            Self::ProjectsWrite => "projects:write",
            Self::Webhooks => "webhooks",
        }
    }
}

/// Collections a `read` key may browse.
const READABLE: [&str; 7] = [
    "opportunities",
    "projects",
    "organisations",
    "taxonomies",
    "search",
    "events",
    "exports",
];

/// The scope a key needs for `method` on `path` (below `/api/v1`), or `None` when no key
/// may call it at all.
pub fn required(method: &Method, path: &str) -> Option<Scope> {
    let segments: Vec<&str> = path
        .trim_start_matches("/api/v1")
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let reading = method == Method::GET || method == Method::HEAD;
    match segments.as_slice() {
        ["organisations", _, "webhooks", ..] => Some(Scope::Webhooks),
        // The people and keys of an organisation are its owners' business.
        ["organisations", _, "invitations" | "api-keys", ..] => None,
        [first, ..] if reading && READABLE.contains(first) => Some(Scope::Read),
        ["opportunities"] | ["opportunities", _] if !reading => Some(Scope::OpportunitiesWrite),
        ["projects"] | ["projects", _] | ["projects", _, "milestones"] if !reading => {
            Some(Scope::ProjectsWrite)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operation_needs_its_scope_and_personal_ones_none() {
        let cases = [
            (Method::GET, "/api/v1/opportunities", Some(Scope::Read)),
            (
                Method::GET,
                "/api/v1/opportunities/1/matches",
                Some(Scope::Read),
            ),
            (
                Method::POST,
                "/api/v1/opportunities",
                Some(Scope::OpportunitiesWrite),
            ),
            (
                Method::PATCH,
                "/api/v1/opportunities/1",
                Some(Scope::OpportunitiesWrite),
            ),
            (
                Method::DELETE,
                "/api/v1/projects/1",
                Some(Scope::ProjectsWrite),
            ),
            (
                Method::POST,
                "/api/v1/projects/1/milestones",
                Some(Scope::ProjectsWrite),
            ),
            (
                Method::POST,
                "/api/v1/organisations/1/webhooks",
                Some(Scope::Webhooks),
            ),
            (
                Method::GET,
                "/api/v1/organisations/1/webhooks/2/deliveries",
                Some(Scope::Webhooks),
            ),
            (Method::GET, "/api/v1/organisations/1/api-keys", None),
            (Method::GET, "/api/v1/organisations/1/invitations", None),
            (Method::PATCH, "/api/v1/organisations/1", None),
            (Method::GET, "/api/v1/me", None),
            (Method::POST, "/api/v1/interests", None),
            (Method::GET, "/api/v1/conversations", None),
            (Method::POST, "/api/v1/auth/logout", None),
        ];
        for (method, path, scope) in cases {
            assert_eq!(required(&method, path), scope, "{method} {path}");
        }
    }
}
