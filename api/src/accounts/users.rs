//! Queries and changes on members and their e-mail tokens.

use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, OnConflict},
};
use uuid::Uuid;

use super::{
    Role,
    tokens::{OpaqueToken, hash_opaque},
};
use crate::{
    codelist::codelist,
    entities::{
        email_token::{self, Entity as EmailToken},
        lists::Strings,
        organisation_member,
        refresh_token::{self, Entity as RefreshToken},
        user::{self, Entity as User},
    },
    error::Result,
    taxonomies::Lang,
};

codelist! {
    /// Why an e-mail token was sent; a token is only good for its purpose.
    pub enum TokenPurpose {
        VerifyEmail,
        ResetPassword,
    }
}

impl TokenPurpose {
    fn lifetime(self) -> TimeDelta {
        match self {
            Self::VerifyEmail => TimeDelta::hours(48),
            Self::ResetPassword => TimeDelta::hours(1),
        }
    }
}

pub struct NewMember<'a> {
    pub email: &'a str,
    pub password_hash: String,
    pub display_name: &'a str,
    pub locale: Lang,
    pub role: Role,
}

/// Inserts a member; `None` when the e-mail is taken (the unique constraint decides).
pub async fn create<C: ConnectionTrait>(
    db: &C,
    member: NewMember<'_>,
) -> Result<Option<user::Model>> {
    let now = Utc::now();
    let mut row = user::ActiveModel {
        id: Set(Uuid::nil()),
        email: Set(member.email.to_owned()),
        email_verified_at: Set(None),
        password_hash: Set(member.password_hash),
        display_name: Set(member.display_name.trim().to_owned()),
        locale: Set(member.locale.as_str().to_owned()),
        role: Set(member.role.as_str().to_owned()),
        suspended: Set(false),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..blank_profile()
    };
    let id = Uuid::now_v7();
    row.id = Set(id);
    // ON CONFLICT DO NOTHING rather than catching the violation: on PostgreSQL a failed
    // statement would abort the surrounding transaction.
    let inserted = User::insert(row)
        .on_conflict(
            OnConflict::column(user::Column::Email)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 0 {
        return Ok(None);
    }
    find(db, id).await
}

/// The address of a member (empty when there is no such member).
pub async fn email_of<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<String> {
    Ok(User::find_by_id(id)
        .one(db)
        .await?
        .map(|user| user.email)
        .unwrap_or_default())
}

pub async fn find_by_email<C: ConnectionTrait>(db: &C, email: &str) -> Result<Option<user::Model>> {
    Ok(User::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?)
}

pub async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Option<user::Model>> {
    Ok(User::find_by_id(id).one(db).await?)
}

/// Creates a single-use token for an e-mail link.
pub async fn issue_email_token<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    purpose: TokenPurpose,
) -> Result<OpaqueToken> {
    let token = OpaqueToken::generate();
    let now = Utc::now();
    let row = email_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        purpose: Set(purpose.as_str().into()),
        token_hash: Set(token.hash.clone()),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
    };
    email_token::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(token)
}

/// The member of a token that is valid, unused and for this purpose, without using it up
/// (to check it before costly work; [`consume_email_token`] decides).
pub async fn peek_email_token<C: ConnectionTrait>(
    db: &C,
    value: &str,
    purpose: TokenPurpose,
) -> Result<Option<Uuid>> {
    Ok(EmailToken::find()
        .filter(email_token::Column::TokenHash.eq(hash_opaque(value)))
        .filter(email_token::Column::Purpose.eq(purpose.as_str()))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .map(|token| token.user_id))
}

/// Uses up a token; returns its member when it was valid, unused and for this purpose.
pub async fn consume_email_token<C: ConnectionTrait>(
    db: &C,
    value: &str,
    purpose: TokenPurpose,
) -> Result<Option<Uuid>> {
    let now = Utc::now();
    let Some(token) = EmailToken::find()
        .filter(email_token::Column::TokenHash.eq(hash_opaque(value)))
        .filter(email_token::Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if token.expires_at <= now {
        return Ok(None);
    }
    // The conditional update makes the token single-use even under concurrent attempts.
    let used = EmailToken::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::Id.eq(token.id))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok((used.rows_affected == 1).then_some(token.user_id))
}

pub async fn mark_verified<C: ConnectionTrait>(db: &C, user: Uuid) -> Result<()> {
    User::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user))
        .filter(user::Column::EmailVerifiedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_password<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    password_hash: String,
) -> Result<()> {
    User::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user))
        .exec(db)
        .await?;
    Ok(())
}

/// Erases a member's personal data: the account row is kept (anonymised, suspended) so that
/// what they published keeps an author, but no login, token or membership survives.
pub async fn erase<C: ConnectionTrait>(txn: &C, user: &user::Model) -> Result<()> {
    let id = user.id;
    let anonymised = user::ActiveModel {
        email: Set(format!("deleted-{id}@deleted.invalid")),
        email_verified_at: Set(None),
        // No password hashes to "!": no login can ever match it.
        password_hash: Set("!".into()),
        display_name: Set("Deleted member".into()),
        suspended: Set(true),
        version: Set(user.version + 1),
        updated_at: Set(Utc::now()),
        ..blank_profile()
    };
    User::update_many()
        .set(anonymised)
        .filter(user::Column::Id.eq(id))
        .exec(txn)
        .await?;
    RefreshToken::delete_many()
        .filter(refresh_token::Column::UserId.eq(id))
        .exec(txn)
        .await?;
    EmailToken::delete_many()
        .filter(email_token::Column::UserId.eq(id))
        .exec(txn)
        .await?;
    // Memberships are personal data too; the organisations themselves stay.
    organisation_member::Entity::delete_many()
        .filter(organisation_member::Column::UserId.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// What a member says about themself, all blank: a new account's profile, and what erasing
/// an account leaves.
fn blank_profile() -> user::ActiveModel {
    user::ActiveModel {
        bio: Set(None),
        skills: Set(Strings::default()),
        sectors: Set(Strings::default()),
        countries: Set(Strings::default()),
        languages: Set(Strings::default()),
        country_of_origin: Set(None),
        country_of_residence: Set(None),
        residence_subdivision: Set(None),
        diaspora_counted: Set(false),
        ..Default::default()
    }
}
