//! Sessions are chains ("families") of single-use refresh tokens. Presenting a token that was
//! already used means it was stolen or replayed: the whole family is revoked.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    sea_query::Expr,
};
use uuid::Uuid;

use super::tokens::{OpaqueToken, hash_opaque};
use crate::{
    entities::refresh_token::{self, Entity as RefreshToken},
    error::{ApiError, Result},
};

pub const REFRESH_TOKEN_LIFETIME: TimeDelta = TimeDelta::days(30);

/// A session's newest refresh token, as handed to the client.
pub struct Issued {
    pub family: Uuid,
    pub token: OpaqueToken,
}

/// Starts a new session for a member.
pub async fn start<C: ConnectionTrait>(db: &C, user: Uuid) -> Result<Issued> {
    issue(db, user, Uuid::now_v7()).await
}

async fn issue<C: ConnectionTrait>(db: &C, user: Uuid, family: Uuid) -> Result<Issued> {
    let token = OpaqueToken::generate();
    let now = Utc::now();
    let row = refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        family_id: Set(family),
        token_hash: Set(token.hash.clone()),
        expires_at: Set(now + REFRESH_TOKEN_LIFETIME),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    };
    RefreshToken::insert(row).exec_without_returning(db).await?;
    Ok(Issued { family, token })
}

/// Exchanges a refresh token for the next one of its family; returns the member's id.
pub async fn rotate<C: ConnectionTrait>(db: &C, presented: &str) -> Result<(Uuid, Issued)> {
    let stored = RefreshToken::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_opaque(presented)))
        .one(db)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let now = Utc::now();
    if stored.used_at.is_some() || stored.revoked_at.is_some() {
        revoke_family(db, stored.family_id).await?;
        tracing::warn!(family = %stored.family_id, "refresh token reused; session revoked");
        return Err(ApiError::Unauthenticated);
    }
    if stored.expires_at <= now {
        return Err(ApiError::Unauthenticated);
    }
    // Two concurrent uses of one token: only one update wins; the loser is a replay.
    let claimed = RefreshToken::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(stored.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        revoke_family(db, stored.family_id).await?;
        return Err(ApiError::Unauthenticated);
    }
    let issued = issue(db, stored.user_id, stored.family_id).await?;
    Ok((stored.user_id, issued))
}

/// Ends one session (its family) if `presented` belongs to it.
pub async fn end<C: ConnectionTrait>(db: &C, presented: &str) -> Result<()> {
    let stored = RefreshToken::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_opaque(presented)))
        .one(db)
        .await?;
    if let Some(stored) = stored {
        revoke_family(db, stored.family_id).await?;
    }
    Ok(())
}

pub async fn revoke_family<C: ConnectionTrait>(db: &C, family: Uuid) -> Result<()> {
    RefreshToken::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a member, except `keep` when given.
pub async fn revoke_all<C: ConnectionTrait>(db: &C, user: Uuid, keep: Option<Uuid>) -> Result<()> {
    let mut update = RefreshToken::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::UserId.eq(user))
        .filter(refresh_token::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(refresh_token::Column::FamilyId.ne(keep));
    }
    update.exec(db).await?;
    Ok(())
}

/// Whether a session is still alive (not logged out, not revoked).
pub async fn is_active<C: ConnectionTrait>(db: &C, family: Uuid) -> Result<bool> {
    let alive = RefreshToken::find()
        .select_only()
        .column(refresh_token::Column::Id)
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .limit(1)
        .into_tuple::<Uuid>()
        .one(db)
        .await?;
    Ok(alive.is_some())
}
