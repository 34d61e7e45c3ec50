//! The `Member` extractor: a handler that takes one is reachable with a valid access token of a
//! live session of an active member, or with an API key the gate admitted for this operation
//! (`integrations::gate`): the key then acts as the owner who made it, for its organisation
//! only (see [`Member::require_acts_for`]).

use std::{future::Future, pin::Pin};

use actix_web::{
    FromRequest, HttpMessage, HttpRequest, dev::Payload, http::header::AUTHORIZATION, web::Data,
};
use sea_orm::EntityTrait;
use uuid::Uuid;

use super::{AccessTokens, Role, sessions};
use crate::db::Db;
use crate::{
    entities::user::{self, Entity as User},
    error::ApiError,
    integrations::keys::{KEY_PREFIX, KeyGrant},
};

/// The authenticated caller.
pub struct Member {
    pub user: user::Model,
    /// The session (refresh-token family) the access token belongs to; nil for an API key.
    pub session: Uuid,
    /// Set when the caller is an API key rather than a person signed in.
    pub key: Option<KeyGrant>,
}

impl Member {
    pub fn id(&self) -> Uuid {
        self.user.id
    }

    pub fn role(&self) -> Role {
        Role::from_stored(&self.user.role)
    }

    /// Refuses with 403 `email_not_verified` until the member has confirmed their address.
    /// Browsing, drafting and one's profile need no confirmation; whatever others see or
    /// receive from a member does — publishing, interests, messages, introductions — so that
    /// nobody acts in the name of an address that is not theirs.
    pub fn require_verified_email(&self) -> Result<(), ApiError> {
        match self.user.email_verified_at {
            Some(_) => Ok(()),
            None => Err(ApiError::EmailNotVerified),
        }
    }

    /// An API key acts for its organisation only: refuses (403 `insufficient_scope`) an item
    /// of no organisation or of another one. A person signed in passes (their own rules
    /// apply: `organisations::require_editor`).
    pub fn require_acts_for(&self, organisation: Option<Uuid>) -> Result<(), ApiError> {
        match &self.key {
            Some(grant) => grant.require_organisation(organisation),
            None => Ok(()),
        }
    }

    /// Refuses with 403 unless the member has at least `role`.
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.role() >= role {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

impl FromRequest for Member {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .map(str::to_owned);
        let tokens = request.app_data::<Data<AccessTokens>>().cloned();
        let db = request.app_data::<Data<Db>>().cloned();
        let grant = request.extensions().get::<KeyGrant>().cloned();
        Box::pin(async move {
            if let (Some(grant), Some(db)) = (grant, &db) {
                return key_member(db, grant).await;
            }
            let (Some(token), Some(tokens), Some(db)) = (token, tokens, db) else {
                return Err(ApiError::Unauthenticated);
            };
            // A key the gate did not admit never gets this far; a key is not a JWT either.
            if token.starts_with(KEY_PREFIX) {
                return Err(ApiError::Unauthenticated);
            }
            let claims = tokens.verify(&token).ok_or(ApiError::Unauthenticated)?;
            let user = User::find_by_id(claims.sub)
                .one(db.get_ref())
                .await?
                .ok_or(ApiError::Unauthenticated)?;
            if user.suspended || !sessions::is_active(db.get_ref(), claims.sid).await? {
                return Err(ApiError::Unauthenticated);
            }
            Ok(Member {
                user,
                session: claims.sid,
                key: None,
            })
        })
    }
}

/// The member an admitted key acts as: the owner who made it, still active.
async fn key_member(db: &Db, grant: KeyGrant) -> Result<Member, ApiError> {
    let user = User::find_by_id(grant.created_by)
        .one(db)
        .await?
        .filter(|user| !user.suspended)
        .ok_or(ApiError::Unauthenticated)?;
    Ok(Member {
        user,
        session: Uuid::nil(),
        key: Some(grant),
    })
}
