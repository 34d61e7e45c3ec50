//! API keys: made, checked and revoked here. A key is `mk_<8 hex>_<32 random>`; its first
//! part (the prefix) is stored and shown, the whole key only as a SHA-256 hash — keys are
//! long and random, so a fast hash is safe where a password would need argon2.

use chrono::{DateTime, TimeDelta, Utc};
use rand::{Rng, distr::Alphanumeric};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    dto::{ApiKey, NewApiKey},
    scopes::Scope,
};
use crate::{
    entities::api_key::{self, Entity as ApiKeys},
    error::{ApiError, Result},
    organisations::membership,
};

/// What every key starts with, so that a leaked one is recognisable (secret scanners).
pub const KEY_PREFIX: &str = "mk_";
/// A key's requests per minute when its owners choose none.
pub const DEFAULT_REQUESTS_PER_MINUTE: u32 = 120;
/// `last_used_at` is written at most this often per key: a busy key is not a write a request.
const LAST_USED_GRANULARITY: TimeDelta = TimeDelta::minutes(1);

/// A request authenticated by an API key: who it acts for and what it may do.
#[derive(Debug, Clone)]
pub struct KeyGrant {
    pub key_id: Uuid,
    pub organisation_id: Uuid,
    /// The owner who made the key: writes through the key are theirs, within the scopes.
    pub created_by: Uuid,
    pub scopes: Vec<Scope>,
    pub cors_origins: Vec<String>,
    pub requests_per_minute: u32,
}

impl KeyGrant {
    /// Refuses (403 `insufficient_scope`) unless the key has `scope`.
    pub fn require(&self, scope: Scope) -> Result<()> {
        if self.scopes.contains(&scope) {
            Ok(())
        } else {
            Err(ApiError::InsufficientScope(format!(
                "this API key lacks the `{}` scope",
                scope.code()
            )))
        }
    }

    /// Refuses (403 `insufficient_scope`) unless the item belongs to the key's organisation.
    pub fn require_organisation(&self, organisation: Option<Uuid>) -> Result<()> {
        if organisation == Some(self.organisation_id) {
            Ok(())
        } else {
            Err(ApiError::InsufficientScope(format!(
                "this API key acts for organisation {} only",
                self.organisation_id
            )))
        }
    }
}

fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// The stored prefix of a presented key, if it has the shape of one.
fn prefix_of(key: &str) -> Option<&str> {
    let rest = key.strip_prefix(KEY_PREFIX)?;
    let (id, secret) = rest.split_once('_')?;
    (id.len() == 8 && secret.len() == 32).then(|| &key[..KEY_PREFIX.len() + 8])
}

/// Makes a key for `organisation`; returns its row and the key, shown this once.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    organisation: Uuid,
    owner: Uuid,
    new: NewApiKey,
) -> Result<(api_key::Model, String)> {
    let mut rng = rand::rng();
    let id: String = (0..8)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
        .collect();
    let secret: String = (&mut rng)
        .sample_iter(Alphanumeric)
        .take(32)
        .map(char::from)
        .collect();
    let key = format!("{KEY_PREFIX}{id}_{secret}");
    let mut scopes = new.scopes.clone();
    scopes.dedup();
    let row = api_key::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(organisation),
        created_by: Set(owner),
        name: Set(new.name.trim().to_owned()),
        prefix: Set(format!("{KEY_PREFIX}{id}")),
        secret_hash: Set(hash(&key)),
        scopes: Set(serde_json::json!(scopes)),
        cors_origins: Set(serde_json::json!(new.cors_origins)),
        requests_per_minute: Set(new
            .requests_per_minute
            .unwrap_or(DEFAULT_REQUESTS_PER_MINUTE) as i32),
        expires_at: Set(new.expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
        created_at: Set(Utc::now()),
    };
    let row = ApiKeys::insert(row).exec_with_returning(db).await?;
    Ok((row, key))
}

/// The organisation's keys, newest first (revoked ones too: the list is also a record).
pub async fn list<C: ConnectionTrait>(db: &C, organisation: Uuid) -> Result<Vec<ApiKey>> {
    let rows = ApiKeys::find()
        .filter(api_key::Column::OrganisationId.eq(organisation))
        .order_by_desc(api_key::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows.iter().map(ApiKey::from_row).collect())
}

/// Revokes one of the organisation's keys at once; a key of another organisation is a 404.
pub async fn revoke<C: ConnectionTrait>(db: &C, organisation: Uuid, key: Uuid) -> Result<()> {
    let revoked = ApiKeys::update_many()
        .col_expr(api_key::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_key::Column::Id.eq(key))
        .filter(api_key::Column::OrganisationId.eq(organisation))
        .filter(api_key::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if revoked.rows_affected == 0 {
        // Revoking twice is fine; a key that is not the organisation's is not found.
        ApiKeys::find_by_id(key)
            .filter(api_key::Column::OrganisationId.eq(organisation))
            .one(db)
            .await?
            .ok_or(ApiError::NotFound("API key"))?;
    }
    Ok(())
}

/// Checks a presented key: known, not revoked, not expired, and its maker still a member of
/// the organisation (a key does not outlive its maker's membership). Notes the use.
pub async fn authenticate<C: ConnectionTrait>(db: &C, presented: &str) -> Result<KeyGrant> {
    let prefix = prefix_of(presented).ok_or(ApiError::Unauthenticated)?;
    let row = ApiKeys::find()
        .filter(api_key::Column::Prefix.eq(prefix))
        .one(db)
        .await?
        .filter(|row| row.secret_hash == hash(presented))
        .ok_or(ApiError::Unauthenticated)?;
    let now = Utc::now();
    let live = row.revoked_at.is_none() && row.expires_at.is_none_or(|at| at > now);
    if !live
        || membership(db, row.organisation_id, row.created_by)
            .await?
            .is_none()
    {
        return Err(ApiError::Unauthenticated);
    }
    if row
        .last_used_at
        .is_none_or(|at| now - at > LAST_USED_GRANULARITY)
    {
        ApiKeys::update_many()
            .col_expr(api_key::Column::LastUsedAt, Expr::value(now))
            .filter(api_key::Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    Ok(KeyGrant {
        key_id: row.id,
        organisation_id: row.organisation_id,
        created_by: row.created_by,
        scopes: serde_json::from_value(row.scopes).unwrap_or_default(),
        cors_origins: serde_json::from_value(row.cors_origins).unwrap_or_default(),
        requests_per_minute: row.requests_per_minute.max(1) as u32,
    })
}

/// Whether some live key lets `origin` call from a browser (for CORS preflights, which carry
/// no key).
pub async fn origin_allowed<C: ConnectionTrait>(db: &C, origin: &str) -> Result<bool> {
    let rows = ApiKeys::find()
        .filter(api_key::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    let now = Utc::now();
    Ok(rows.into_iter().any(|row| {
        row.expires_at.is_none_or(|at: DateTime<Utc>| at > now)
            && serde_json::from_value::<Vec<String>>(row.cors_origins)
                .unwrap_or_default()
                .iter()
                .any(|allowed| allowed == origin)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_keys_have_a_prefix() {
        let key = format!("mk_0123abcd_{}", "a".repeat(32));
        assert_eq!(prefix_of(&key), Some("mk_0123abcd"));
        assert_eq!(prefix_of("mk_0123abcd_short"), None);
        assert_eq!(prefix_of("eyJhbGciOi.jwt.token"), None);
    }
}
