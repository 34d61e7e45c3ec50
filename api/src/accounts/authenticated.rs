//! The `Member` extractor: a handler that takes one is reachable with a valid access token of a
//! live session of an active member, and with nothing else.

use std::{future::Future, pin::Pin};

use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header::AUTHORIZATION, web::Data};
use sea_orm::EntityTrait;
use uuid::Uuid;

use super::{AccessTokens, Role, sessions};
use crate::db::Db;
use crate::{
    entities::user::{self, Entity as User},
    error::ApiError,
};

/// The authenticated caller.
pub struct Member {
    pub user: user::Model,
    /// The session (refresh-token family) the access token belongs to.
    pub session: Uuid,
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
        Box::pin(async move {
            let (Some(token), Some(tokens), Some(db)) = (token, tokens, db) else {
                return Err(ApiError::Unauthenticated);
            };
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
            })
        })
    }
}
