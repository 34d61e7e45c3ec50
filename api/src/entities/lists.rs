//! Typed JSON list columns. What a row holds is decoded when it is read, so a corrupt value is
//! an error that says which column, never an empty list that a filter or a match would then
//! treat as "anything".

use std::ops::Deref;

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

use crate::{projects::dto::Territory, taxonomies::OpportunityCategory};

macro_rules! json_lists {
    ($($(#[$doc:meta])* $name:ident($item:ty);)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, FromJsonQueryResult)]
        #[serde(transparent)]
        pub struct $name(pub Vec<$item>);

        impl Deref for $name {
            type Target = [$item];

            fn deref(&self) -> &[$item] {
                &self.0
            }
        }

        impl From<Vec<$item>> for $name {
            fn from(items: Vec<$item>) -> Self {
                Self(items)
            }
        }

        impl From<&[$item]> for $name {
            fn from(items: &[$item]) -> Self {
                Self(items.to_vec())
            }
        }
    )*};
}

json_lists! {
    /// Codes (sectors, countries, languages, kinds) or free words (skills).
    Strings(String);
    /// Where a project acts.
    Territories(Territory);
    /// What a project needs, in opportunity categories.
    Needs(OpportunityCategory);
}
