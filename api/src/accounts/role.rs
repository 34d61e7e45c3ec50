use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a member may do beyond their own content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    /// A volunteer who verifies organisations, moderates and introduces people.
    Facilitator,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Facilitator => "facilitator",
            Role::Admin => "admin",
        }
    }

    /// Unknown stored values fall back to the least privilege.
    pub fn from_stored(value: &str) -> Self {
        match value {
            "admin" => Role::Admin,
            "facilitator" => Role::Facilitator,
            _ => Role::Member,
        }
    }
}
