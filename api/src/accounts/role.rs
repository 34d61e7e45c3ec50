use crate::codelist::codelist;

codelist! {
    /// What a member may do beyond their own content.
    #[derive(PartialOrd, Ord)]
    pub enum Role {
        Member,
        /// A volunteer who verifies organisations, moderates and introduces people.
        Facilitator,
        Admin,
    }
}

impl Role {
    /// Unknown stored values fall back to the least privilege.
    pub fn from_stored(value: &str) -> Self {
        match value {
            "admin" => Role::Admin,
            "facilitator" => Role::Facilitator,
            _ => Role::Member,
        }
    }
}
