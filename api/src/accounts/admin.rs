//! Account administration from the command line (`marcottage admin ...`).

use anyhow::Context;
use chrono::Utc;
use rand::{Rng, distr::Alphanumeric};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

use super::{
    Role,
    email_address::EmailAddress,
    password::{self, NewPassword},
    users::{self, NewMember},
};
use crate::db::Db;
use crate::{
    entities::user::{self, Entity as User},
    taxonomies::Lang,
};

pub fn generate_password() -> String {
    rand::rng()
        .sample_iter(&Alphanumeric)
        .take(24)
        .map(char::from)
        .collect()
}

/// Checks and hashes a password given on the command line (or by the demo seed, which hashes
/// its shared password once for every demo account).
pub async fn hash_password(password: &str) -> anyhow::Result<String> {
    let password =
        NewPassword::parse("password", password).map_err(|e| anyhow::anyhow!(e.message))?;
    password::hash(password)
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))
}

/// Creates a verified administrator.
pub async fn create_admin(
    db: &Db,
    email: &str,
    display_name: &str,
    password: &str,
) -> anyhow::Result<()> {
    let email = EmailAddress::parse("email", email).map_err(|e| anyhow::anyhow!(e.message))?;
    let password =
        NewPassword::parse("password", password).map_err(|e| anyhow::anyhow!(e.message))?;
    let password_hash = password::hash(password)
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    let member = NewMember {
        email: email.as_str(),
        password_hash,
        display_name,
        locale: Lang::Fr,
        role: Role::Admin,
    };
    let user = users::create(db, member)
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?
        .with_context(|| {
            format!(
                "{} already has an account; use `admin grant`",
                email.as_str()
            )
        })?;
    users::mark_verified(db, user.id)
        .await
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    Ok(())
}

/// Gives a member a role.
pub async fn grant(db: &Db, email: &str, role: Role) -> anyhow::Result<()> {
    let email = EmailAddress::parse("email", email).map_err(|e| anyhow::anyhow!(e.message))?;
    let updated = User::update_many()
        .col_expr(user::Column::Role, Expr::value(role.as_str()))
        .col_expr(
            user::Column::Version,
            Expr::col(user::Column::Version).add(1),
        )
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Email.eq(email.as_str()))
        .exec(db)
        .await?;
    anyhow::ensure!(
        updated.rows_affected == 1,
        "no member has the address {}",
        email.as_str()
    );
    Ok(())
}
