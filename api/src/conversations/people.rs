//! Members as the contact features show them: a public name, and an e-mail address once a
//! contact was accepted.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    entities::user::{self, Entity as User},
    error::Result,
};

/// A member's public name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberName {
    pub user_id: Uuid,
    pub display_name: String,
}

/// A member's name and e-mail address, shown once they accepted to be in touch.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Contact {
    pub user_id: Uuid,
    pub display_name: String,
    pub email: String,
}

/// Who a member is, as stored.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: Uuid,
    pub display_name: String,
    pub email: String,
    pub locale: String,
}

impl Person {
    pub fn name(&self) -> MemberName {
        MemberName {
            user_id: self.id,
            display_name: self.display_name.clone(),
        }
    }

    pub fn contact(&self) -> Contact {
        Contact {
            user_id: self.id,
            display_name: self.display_name.clone(),
            email: self.email.clone(),
        }
    }

    /// Whether the member reads French (the default) rather than English.
    pub fn reads_french(&self) -> bool {
        self.locale != "en"
    }
}

/// The members among `ids`, by id, in one query.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, Person>> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String, String, String)> = User::find()
        .select_only()
        .columns([
            user::Column::Id,
            user::Column::DisplayName,
            user::Column::Email,
            user::Column::Locale,
        ])
        .filter(user::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, display_name, email, locale)| {
            (
                id,
                Person {
                    id,
                    display_name,
                    email,
                    locale,
                },
            )
        })
        .collect())
}

/// One member; a missing one is an internal error (every id here comes from a foreign key).
pub async fn one<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Person> {
    find(db, [id])
        .await?
        .remove(&id)
        .ok_or_else(|| crate::error::ApiError::Internal(anyhow::anyhow!("no member {id}")))
}
